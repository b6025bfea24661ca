"""Reading the times people type: "2026-11-03", "yesterday", "today 21:30"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from journal.models import InvalidEntry

# A date given without a time stands for midday: well inside the day in every
# offset a traveller is likely to be in, so the entry keeps the day it was meant for.
DEFAULT_TIME = time(12, 0)

# re.ASCII: digits are 0-9 (\d alone also takes "٣", which int() reads as 3).
_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
_ISO = re.compile(rf"^(?P<d>\d{{4}}-\d{{2}}-\d{{2}})(?:[ t]{_CLOCK})?$", re.ASCII)
_WORD = re.compile(rf"^(?P<word>now|today|yesterday)(?:\s+{_CLOCK})?$", re.ASCII)
_AGO = re.compile(r"^(?P<n>\d{1,4})\s+days?\s+ago$", re.ASCII)
_TIME_ONLY = re.compile(rf"^{_CLOCK}$", re.ASCII)

# The days a typed time may fall on. Before 1900 many places kept local mean time,
# an offset in seconds that the stored minutes cannot hold; the last day leaves a
# day of room for any UTC offset, which a moment's UTC form needs.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9999, 12, 30)

FORMATS = "YYYY-MM-DD, 'YYYY-MM-DD HH:MM', 'today HH:MM', 'yesterday', 'HH:MM' or 'N days ago'"


@dataclass(frozen=True)
class When:
    """A typed time: the day, and the clock time if one was given (`exact`: the
    moment itself, for "now", which a clock time in a repeated hour cannot name)."""

    day: date
    clock: time | None
    exact: datetime | None = None

    def moment(self) -> datetime:
        """The aware local moment (midday when no time was given). A clock time that
        does not exist on that day (skipped when the clocks went forward) is refused;
        one that happened twice (when they went back) is the first of the two."""
        if self.exact is not None:
            return self.exact
        naive = datetime.combine(self.day, self.clock or DEFAULT_TIME)
        first = naive.replace(fold=0).astimezone()
        if first.replace(tzinfo=None) != naive:
            after = naive.replace(fold=1).astimezone()
            raise InvalidEntry(
                f"{_typed(naive)} does not exist here: the clocks went forward that night "
                f"({first.tzname()} to {after.tzname()}); give a time outside the gap, "
                f"e.g. {after:%H:%M}",
                field="when",
            )
        return first

    def repeated(self) -> str | None:
        """What to tell someone whose clock time happened twice on that day (the clocks
        went back), about which of the two moment() took; None for every other time."""
        if self.exact is not None:
            return None
        naive = datetime.combine(self.day, self.clock or DEFAULT_TIME)
        first = naive.replace(fold=0).astimezone()
        second = naive.replace(fold=1).astimezone()
        if first.utcoffset() == second.utcoffset() or first.replace(tzinfo=None) != naive:
            return None
        return (
            f"{_typed(naive)} happened twice here (the clocks went back that night); "
            f"took the first, {first:%H:%M} {first.tzname()} (UTC{_offset(first)}), "
            f"not the second, {second:%H:%M} {second.tzname()} (UTC{_offset(second)})"
        )


def _typed(naive: datetime) -> str:
    return f"{naive:%Y-%m-%d %H:%M}" + (f":{naive:%S}" if naive.second else "")


def _offset(moment: datetime) -> str:
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:5]}"


def parse_when(text: str, now: datetime) -> When:
    """Parse a typed time relative to `now` (an aware local time)."""
    when = _read_when(text, now)
    if not FIRST_DAY <= when.day <= LAST_DAY:
        raise InvalidEntry(
            f"{text!r} is out of range: give a date from {FIRST_DAY} to {LAST_DAY}", field="when"
        )
    return when


def _read_when(text: str, now: datetime) -> When:
    value = " ".join(text.strip().lower().split())
    today = now.date()
    try:
        if m := _ISO.match(value):
            return When(date.fromisoformat(m["d"]), _clock(m))
        if m := _WORD.match(value):
            if m["word"] == "now":
                if m["h"]:
                    raise ValueError
                return When(today, now.time().replace(microsecond=0), exact=now)
            day = today if m["word"] == "today" else today - timedelta(days=1)
            return When(day, _clock(m))
        if m := _AGO.match(value):
            return When(today - timedelta(days=int(m["n"])), None)
        if m := _TIME_ONLY.match(value):
            # "23:30" typed at 00:15 is about last night.
            clock = time(int(m["h"]), int(m["m"]), int(m["s"] or 0))
            day = today if clock <= now.time() else today - timedelta(days=1)
            return When(day, clock)
    except (ValueError, OverflowError):
        pass
    raise InvalidEntry(f"cannot read the time {text!r}: use {FORMATS}", field="when")


def _clock(match: re.Match[str]) -> time | None:
    if not match["h"]:
        return None
    return time(int(match["h"]), int(match["m"]), int(match["s"] or 0))


def repeated_time(text: str | None, now: datetime) -> str | None:
    """For a typed time that happened twice (see When.repeated), what to say about it."""
    return None if text is None else parse_when(text, now).repeated()


def entry_moment(text: str | None, now: datetime) -> datetime:
    """The moment for a new or edited entry: `now`, or the typed time if not future."""
    if text is None:
        return now
    moment = parse_when(text, now).moment()
    # A minute of slack for clocks that disagree by a little.
    if moment > now + timedelta(minutes=1):
        raise InvalidEntry(
            f"{text!r} is in the future; an entry is about something that happened",
            field="when",
        )
    return moment
