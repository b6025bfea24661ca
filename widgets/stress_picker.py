"""The stress scale: 0 calm ... 10 worst (the Subjective Units of Distress idea)."""

from __future__ import annotations

from journal.models import stress_word
from widgets.scale_picker import ScalePicker


def stress_colour(stress: int | None) -> str:
    if stress is None:
        return ""
    return [
        "#2fa98c",
        "#6cb65f",
        "#6cb65f",
        "#6cb65f",
        "#c9b037",
        "#c9b037",
        "#c9b037",
        "#e8913c",
        "#e8913c",
        "#e8913c",
        "#e5534b",
    ][stress]


class StressPicker(ScalePicker):
    """Keys: 0-9 set the level, `1` then `0` typed together 10, left/right move it
    (right of 9 is 10)."""

    LOWEST = 0
    HIGHEST = 10
    START = 5
    HELP_KEYS = (
        ("0-9", "set stress (0 calm ... 10 worst)"),
        ("1 0", "stress 10: 1 then 0 typed together (or right of 9)"),
    )

    def colour(self, value: int) -> str:
        return stress_colour(value)

    def describe(self, value: int | None) -> str:
        return stress_word(value)
