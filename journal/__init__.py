"""Wellbeing Journal: a private mood and stress journal with a relaxation timer."""

__version__ = "0.1.0"
