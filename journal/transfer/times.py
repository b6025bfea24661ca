"""Clock times without an offset (jrnl, Daylio) as moments: read in the time zone
of that date, so a summer entry gets the summer offset; a time inside a
daylight-saving gap is read as the clock showed it just after the gap, and one that
occurs twice as the first of the two."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from datetime import time as dt_time
from functools import lru_cache

from journal.transfer.problems import Notes
from journal.when import FIRST_DAY, LAST_DAY

# Gaps are an hour in most places; Samoa skipped a whole day in 2011.
_LONGEST_GAP = timedelta(days=1, minutes=1)


def _aware(naive: datetime, zone: tzinfo | None, fold: int) -> datetime:
    moment = naive.replace(fold=fold)
    return moment.astimezone() if zone is None else moment.replace(tzinfo=zone)


def _wall(moment: datetime, zone: tzinfo | None) -> datetime:
    """The clock time a moment shows in the zone (the machine's when None)."""
    # Through UTC: astimezone() to the zone a time already has changes nothing.
    utc = moment.astimezone(UTC)
    return (utc.astimezone() if zone is None else utc.astimezone(zone)).replace(tzinfo=None, fold=0)


def same_all_day(day: date, zone: tzinfo | None, machine: object) -> tzinfo | None:
    """The fixed offset of a day whose clock neither jumps nor repeats, else None."""
    offset = _day_offset(day, zone, machine)
    return None if offset is None else _fixed_zone(offset)


def in_range(naive: datetime) -> bool:
    """A day this journal can hold (journal.when's range: from 1900, when local mean
    time with its offsets in seconds had ended nearly everywhere)."""
    return FIRST_DAY <= naive.date() <= LAST_DAY


OUT_OF_RANGE = f"the date is out of range: this journal holds days from {FIRST_DAY} to {LAST_DAY}"


def machine_zone_key(zone: tzinfo | None) -> object:
    """What names the machine's zone (when `zone` is None) in the caches below: a test
    (or a user) that changes TZ between imports does not get the old zone's answers."""
    return (time.tzname, time.timezone, os.environ.get("TZ")) if zone is None else None


def localize(
    naive: datetime, zone: tzinfo | None, notes: Notes, machine: object = False
) -> datetime:
    """The moment a clock time in `zone` (None: this machine's) stands for, in the
    offset it had then. `machine`: machine_zone_key(zone), asked once by a caller
    that reads many times."""
    if machine is False:
        machine = machine_zone_key(zone)
    same_all_day = _day_offset(naive.date(), zone, machine)
    if same_all_day is not None:
        return naive.replace(tzinfo=_fixed_zone(same_all_day))
    offset, twice = _offset_at(naive.replace(second=0, microsecond=0), zone, machine)
    if offset is not None:
        if twice:
            notes.first_of_two += 1
        return naive.replace(tzinfo=_fixed_zone(offset))
    # In a gap: the first minute the clock showed after it.
    notes.moved_out_of_gap += 1
    step = naive.replace(second=0, microsecond=0)
    while step - naive < _LONGEST_GAP:
        step += timedelta(minutes=1)
        candidate = _aware(step, zone, 0)
        if _wall(candidate, zone) == step:
            return _fixed(candidate, zone)
    raise ValueError(f"no clock time after {naive} in that time zone")  # pragma: no cover


@lru_cache(maxsize=4096)
def _offset_at(
    minute: datetime, zone: tzinfo | None, machine: object
) -> tuple[timedelta | None, bool]:
    """The UTC offset of a clock time (the first, when it occurs twice; None when it
    never occurs), and whether it occurs twice. Asked once a minute of the source:
    converting each of 100,000 times on its own took seconds."""
    first = _aware(minute, zone, 0)
    if _wall(first, zone) != minute:
        return None, False
    second = _aware(minute, zone, 1)
    twice = second.utcoffset() != first.utcoffset() and _wall(second, zone) == minute
    return first.utcoffset(), twice


@lru_cache(maxsize=8192)
def _day_offset(day: date, zone: tzinfo | None, machine: object) -> timedelta | None:
    """The offset of a day whose clock neither jumps nor repeats (None for a day on
    which it does: each of its times is then looked at on its own)."""
    start = _offset_at(datetime.combine(day, dt_time(0, 0)), zone, machine)
    end = _offset_at(datetime.combine(day, dt_time(23, 59)), zone, machine)
    if start[0] is None or start[1] or end[1] or start[0] != end[0]:
        return None
    return start[0]


@lru_cache(maxsize=256)
def _fixed_zone(offset: timedelta) -> timezone:
    return timezone(offset)


def _fixed(moment: datetime, zone: tzinfo | None) -> datetime:
    """In a fixed offset (what the store keeps), the same moment."""
    if zone is None:
        return moment
    offset = moment.utcoffset()
    return moment.astimezone(timezone(offset if offset is not None else timedelta(0)))
