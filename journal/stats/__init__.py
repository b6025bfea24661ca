"""The Trends figures as plain data: the ranges, and the dataclasses each series is
made of (figures) and the chart recipes that draw them (charts). Pure: the SQL
that feeds them is the store's (journal.store.trends)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from journal.stats.figures import (
    Day,
    Headline,
    MoodDay,
    Practice,
    SessionStress,
    Streaks,
    StressChange,
    TagComparison,
    Trends,
    Week,
)

__all__ = [
    "MIN_TAG_DAYS",
    "RANGES",
    "ROLLING_DAYS",
    "Day",
    "Headline",
    "MoodDay",
    "Practice",
    "SessionStress",
    "Streaks",
    "StressChange",
    "TagComparison",
    "Trends",
    "Week",
    "range_start",
    "rolling_means",
]

# The Trends screen's range keys: how many days ending today (None: all of them).
RANGES: dict[str, int | None] = {"1": 7, "2": 30, "3": 90, "4": 365, "5": None}
ROLLING_DAYS = 7
# A tag is compared only with enough days on both sides: fewer would be noise.
MIN_TAG_DAYS = 3


def rolling_means(values: Sequence[float | None], window: int) -> list[float | None]:
    """For each place, the mean of the values (None: no value) among it and the
    `window` - 1 places before it; None only where all of those are None."""
    means: list[float | None] = []
    total, count = 0.0, 0
    for place, value in enumerate(values):
        if value is not None:
            total, count = total + value, count + 1
        if place >= window and (gone := values[place - window]) is not None:
            total, count = total - gone, count - 1
        means.append(total / count if count else None)
    return means


def range_start(days: int | None, until: date) -> date | None:
    """The first day of the `days` days ending on `until`; None for all of them."""
    if days is None:
        return None
    if days < 1:
        raise ValueError("a range is at least one day")
    return until - timedelta(days=days - 1)
