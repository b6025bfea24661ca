"""The times people type after --at, --since and --until."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from journal.models import InvalidEntry
from journal.when import entry_moment, parse_when

NOW = datetime(2026, 11, 24, 21, 15, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day", "clock"),
    [
        ("2026-11-03", date(2026, 11, 3), None),
        ("2026-11-03 08:05", date(2026, 11, 3), time(8, 5)),
        ("2026-11-03T08:05:09", date(2026, 11, 3), time(8, 5, 9)),
        ("today 21:30", date(2026, 11, 24), time(21, 30)),
        ("Yesterday", date(2026, 11, 23), None),
        ("yesterday 7:45", date(2026, 11, 23), time(7, 45)),
        ("now", date(2026, 11, 24), time(21, 15, 5)),
        ("06:00", date(2026, 11, 24), time(6, 0)),
        ("3 days ago", date(2026, 11, 21), None),
        ("1 day ago", date(2026, 11, 23), None),
    ],
)
def test_typed_times(text, day, clock):
    when = parse_when(text, NOW)
    assert (when.day, when.clock) == (day, clock)


@pytest.mark.parametrize("text", ["tomorrow", "2026-02-30", "24:00", "today 9", "next week", ""])
def test_unreadable_times_say_which_forms_work(text):
    with pytest.raises(InvalidEntry, match="YYYY-MM-DD"):
        parse_when(text, NOW)


def test_a_date_alone_means_midday_in_the_local_offset_of_that_day():
    moment = entry_moment("2026-07-01", NOW)
    assert moment.hour == 12 and moment.utcoffset() is not None


def test_an_entry_cannot_be_in_the_future():
    with pytest.raises(InvalidEntry, match="future"):
        entry_moment("2026-11-25", NOW)
    assert entry_moment(None, NOW) == NOW
    assert entry_moment("now", NOW + timedelta(seconds=30)) is not None


def test_a_time_alone_later_than_now_is_last_night():
    when = parse_when("23:30", NOW.replace(hour=0, minute=15))
    assert (when.day, when.clock) == (date(2026, 11, 23), time(23, 30))


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31 23:59", "9999-12-31", "0999-06-01"])
def test_days_outside_the_range_are_refused_with_the_range(text):
    with pytest.raises(InvalidEntry, match="give a date from 1900-01-01 to 9999-12-30"):
        parse_when(text, NOW)


def test_the_ends_of_the_range_are_days_like_any_other():
    assert parse_when("1900-01-01 00:00", NOW).moment().year in (1899, 1900)
    assert parse_when("9999-12-30 23:59", NOW).moment().year == 9999


@pytest.mark.parametrize(
    "text", ["٢٠٢٦-١١-٠٣", "today ٠٩:٣٠", "٣ days ago", "０６:００", "2026-11-0３"]
)
def test_digits_that_are_not_ascii_are_refused(text):
    with pytest.raises(InvalidEntry, match="cannot read the time"):
        parse_when(text, NOW)
