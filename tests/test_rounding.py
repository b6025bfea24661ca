"""Exact halves round one way everywhere: away from zero, as people round."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.models import offset_minutes
from journal.rounding import fixed, half_up, whole
from journal.stats.figures import Day, Headline, Practice, Week
from journal.text import minutes


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [(2.5, 0, 3.0), (3.5, 0, 4.0), (0.5, 0, 1.0), (-2.5, 0, -3.0), (2.675, 2, 2.68),
     (3.25, 1, 3.3), (3.35, 1, 3.4), (1.125, 2, 1.13), (2.4999, 0, 2.0), (1e300, 1, 1e300)],
)  # fmt: skip
def test_halves_go_away_from_zero(value, digits, expected):
    assert half_up(value, digits) == expected


def test_whole_and_fixed():
    assert [whole(v) for v in (0.5, 1.5, 2.5, 3.5, -0.5)] == [1, 2, 3, 4, -1]
    assert [fixed(v) for v in (0.25, 0.35, 4.05)] == ["0.3", "0.4", "4.1"]
    assert fixed(-0.25, sign=True) == "-0.3" and fixed(0.25, sign=True) == "+0.3"
    assert fixed(-0.04, sign=True) == "+0.0"  # never "-0.0"
    assert fixed(1234.5, 0, grouping=True) == "1,235"


def test_the_figures_round_halves_up():
    # Python's round() would give 2.12, 0.2, 2 and 2 min 00 s: halves to even.
    day = Day(date(2026, 11, 1), 8, 2.125, 0.125, None, None, 0.25)
    assert day.to_json()["mood_avg"] == 2.13 and day.to_json()["stress_avg"] == 0.13
    assert day.to_json()["pmr_minutes"] == 0.3
    assert Week(date(2026, 11, 2), 1, 1, 2.25).to_json()["minutes"] == 2.3
    assert Practice(2, 2, 10, 2, -0.125).to_json()["avg_stress_change"] == -0.13
    assert minutes(120.5) == "2 min 01 s" and minutes(2.5) == "3 s"
    # A zone offset of 30.5 minutes (as old local mean times have) is 31, like 29.5 -> 30.
    for seconds, expected in ((30 * 60 + 30, 31), (29 * 60 + 30, 30)):
        moment = datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=seconds)))
        assert offset_minutes(moment) == expected


def test_days_at_each_mood_round_halves_up_as_the_pixels_do():
    days = [
        Day(date(2026, 11, n), 2, mood, None, None, None, 0)
        for n, mood in ((1, 2.5), (2, 3.5), (3, 1.5), (4, 4.5))
    ]
    headline = Headline.of(days)
    assert headline.days_at_mood == {1: 0, 2: 1, 3: 1, 4: 1, 5: 1}
    assert headline.mood_mean == 3.0 and headline.days_written == 4
