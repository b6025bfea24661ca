"""Sample journals' days: what each local day was like, and its UTC offset.

Entries (journal.sample) and relaxation sessions (journal.sample.relax) are drawn from the
same plan of days, so a stressful week shows in both.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

# The writer lives in Central European time: UTC+1, UTC+2 in summer (EU rules).
HOME_OFFSET = 60
_TRIPS = (("Lisbon", 0), ("New York", -240), ("Pune", 330), ("Tokyo", 540))

# Mondays are worse, weekends better.
_WEEKDAY_MOOD = (-0.3, -0.1, 0.0, 0.05, 0.15, 0.3, 0.2)


@dataclass(frozen=True)
class Day:
    """What one local day was like; entries and PMR sessions are drawn from it."""

    day: date
    place: str | None  # None at home, else the city of a trip
    offset: int | None  # a trip's fixed offset; None: home, with summer time
    wellbeing: float  # about -1.5 (a bad stretch) to +1.5 (a good one)
    deadline: bool  # a work deadline this week
    weight: float  # how much gets written; 0 is a day off from the journal


def plan_days(rng: random.Random, days: int, last: date) -> list[Day]:
    first = last - timedelta(days=days - 1)
    trips = _plan_trips(rng, days)
    plan: list[Day] = []
    week_mood = rng.gauss(0, 0.5)
    day_mood = 0.0
    deadline = False
    gap = 0
    for n in range(days):
        day = first + timedelta(days=n)
        if n == 0 or day.weekday() == 0:
            # Weeks drift: good and bad stretches last a few weeks.
            week_mood = 0.7 * week_mood + rng.gauss(0, 0.3)
            deadline = rng.random() < 0.18
        day_mood = 0.5 * day_mood + rng.gauss(0, 0.3)
        trip = trips.get(n)
        wellbeing = week_mood + day_mood + _WEEKDAY_MOOD[day.weekday()]
        wellbeing += 0.3 if trip and trip[2] else -0.2 if deadline and day.weekday() < 5 else 0
        if gap == 0 and n < days - 2 and rng.random() < 0.05:
            gap = rng.choice((1, 1, 2, 2, 3, 4, 6))  # days without writing
        weight = 0.0 if gap else rng.lognormvariate(0, 0.5) * (0.6 if trip else 1.0)
        gap = max(gap - 1, 0)
        plan.append(
            Day(
                day,
                trip[0] if trip else None,
                trip[1] if trip else None,
                wellbeing,
                deadline and not trip,
                weight,
            )
        )
    if not any(d.weight for d in plan):
        plan[-1] = replace(plan[-1], weight=1.0)
    return plan


def _plan_trips(rng: random.Random, days: int) -> dict[int, tuple[str, int, bool]]:
    """A trip abroad of about a week per year (one if the span is at least 3 weeks)."""
    trips: dict[int, tuple[str, int, bool]] = {}
    if days < 21:
        return trips
    for year in range(max(1, days // 365)):
        low, high = year * 365 + 7, min((year + 1) * 365, days) - 14
        if high <= low:
            continue
        start, length = rng.randrange(low, high), rng.randint(5, 9)
        city, offset = rng.choice(_TRIPS)
        for n in range(start, start + length):
            trips[n] = (city, offset, n != start)  # the travel day is no holiday
    return trips


def moment(day: Day, seconds: int, home_offset: int) -> datetime:
    local = datetime.combine(day.day, time()) + timedelta(seconds=seconds)
    offset = day.offset if day.offset is not None else _home_offset(local, home_offset)
    return local.replace(tzinfo=_zone(offset))


def _home_offset(local: datetime, standard: int) -> int:
    """EU summer time: from 01:00 UTC on March's last Sunday to October's."""
    utc = local - timedelta(minutes=standard)
    starts = datetime.combine(_last_sunday(local.year, 3), time(1))
    ends = datetime.combine(_last_sunday(local.year, 10), time(1))
    return standard + 60 if starts <= utc < ends else standard


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - 6) % 7)


_ZONES: dict[int, timezone] = {}


def _zone(offset: int) -> timezone:
    return _ZONES.setdefault(offset, timezone(timedelta(minutes=offset)))
