"""Clock times without an offset (jrnl, Daylio) as moments: read in the time zone
of that date, so a summer entry gets the summer offset; a time inside a
daylight-saving gap is read as the clock showed it just after the gap, and one that
occurs twice as the first of the two."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo

from journal.transfer.problems import Notes

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


def localize(naive: datetime, zone: tzinfo | None, notes: Notes) -> datetime:
    """The moment a clock time in `zone` (None: this machine's) stands for, in the
    offset it had then."""
    first = _aware(naive, zone, 0)
    if _wall(first, zone) == naive:
        second = _aware(naive, zone, 1)
        if second.utcoffset() != first.utcoffset() and _wall(second, zone) == naive:
            notes.first_of_two += 1
        return _fixed(first, zone)
    # In a gap: the first minute the clock showed after it.
    notes.moved_out_of_gap += 1
    step = naive.replace(second=0, microsecond=0)
    while step - naive < _LONGEST_GAP:
        step += timedelta(minutes=1)
        candidate = _aware(step, zone, 0)
        if _wall(candidate, zone) == step:
            return _fixed(candidate, zone)
    raise ValueError(f"no clock time after {naive} in that time zone")  # pragma: no cover


def _fixed(moment: datetime, zone: tzinfo | None) -> datetime:
    """In a fixed offset (what the store keeps), the same moment."""
    if zone is None:
        return moment
    offset = moment.utcoffset()
    return moment.astimezone(timezone(offset if offset is not None else timedelta(0)))
