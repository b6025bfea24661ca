"""Sample relaxation sessions: a made-up person's PMR practice over the sample's days."""

from __future__ import annotations

import itertools
import math
import random
import uuid
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from journal.pmr import BUILTIN_ROUTINES, Routine, Schedule
from journal.sample.days import HOME_OFFSET, Day, moment, plan_days
from journal.sample.text import SESSION_NOTES, STOPPED_NOTES
from journal.store import SessionRecord

if TYPE_CHECKING:
    from journal.store import Store

# (sessions practised so far, how often each routine is chosen from then on): a
# course goes from 16 groups to 7 and 4 over a few weeks, then adds release-only
# (PMR.md).
_STAGES = (
    (0, {"full": 70, "standard": 25, "short": 5}),
    (8, {"full": 15, "standard": 60, "short": 25}),
    (
        24,
        {
            "full": 6,
            "standard": 34,
            "short": 40,
            "full-release": 4,
            "standard-release": 8,
            "short-release": 8,
        },
    ),
)

# A session starts within this many hours of its slot's centre (see _slots), and
# with pauses lasts at most _LONGEST: slots are far enough apart that two sessions
# on one day never overlap.
_SPREAD = 0.75
_LONGEST = timedelta(minutes=15)


# A sample session is recorded as the app would have: a store.SessionRecord
# (`ended_at` is `seconds` practised plus any pause).
SampleSession = SessionRecord


def sample_sessions(
    *, sessions: int, days: int, end: datetime, seed: int, home_offset: int = HOME_OFFSET
) -> list[SampleSession]:
    """`sessions` sessions over the same days as sample_entries with the same
    arguments, oldest first; none ends after `end`. Deterministic, like the entries."""
    if sessions < 0 or days < 1:
        raise ValueError("sessions must be 0 or more and days 1 or more")
    if end.utcoffset() is None:
        raise ValueError("end needs its UTC offset")
    # The same seed gives the same plan as the entries'; sessions then draw from
    # their own generator, so adding them leaves the entries as they were.
    plan = plan_days(random.Random(seed), days, end.date())
    rng = random.Random(f"sessions:{seed}")
    slots = [_slots(day, end, home_offset) for day in plan]
    counts = _spread(rng, plan, slots, sessions)
    samples: list[SampleSession] = []
    for day, day_slots, count in zip(plan, slots, counts, strict=True):
        hours = [centre for centre, _ in day_slots]
        weights = [weight for _, weight in day_slots]
        chosen: list[float] = []
        for _ in range(count):
            pick = rng.choices(range(len(hours)), weights)[0]
            chosen.append(hours.pop(pick))
            weights.pop(pick)
        for centre in sorted(chosen):
            hour = centre + rng.uniform(-_SPREAD, _SPREAD)
            at = moment(day, int(hour * 3600), home_offset)
            samples.append(_practise(rng, day, at, centre, practised=len(samples)))
    return samples


def most_sessions(*, days: int, end: datetime, seed: int, home_offset: int = HOME_OFFSET) -> int:
    """The most sessions sample_sessions() places in reasonable time: half of the
    slots (one a slot; filling all of them redraws for ever near the end)."""
    plan = plan_days(random.Random(seed), days, end.date())
    return sum(len(_slots(day, end, home_offset)) for day in plan) // 2


def write_sessions(store: Store, samples: Iterable[SampleSession], *, seed: int) -> int:
    """Write sessions in bulk (store.sessions.add_many), in one transaction; uuids as
    write_entries makes them."""
    uuids = random.Random(f"session-uuids:{seed}:{store.sessions.count() + 1}")
    return store.sessions.add_many(
        replace(sample, uuid=str(uuid.UUID(int=uuids.getrandbits(128), version=4)))
        for sample in samples
    )


def _slots(day: Day, end: datetime, home_offset: int) -> list[tuple[float, float]]:
    """When on `day` a session may start: (centre hour, weight), none that would run
    past `end`."""
    weekend = day.day.weekday() >= 5
    slots = [
        (1.5, 1 + 4 * max(-day.wellbeing, 0)),  # awake in the night
        (8.4 if weekend else 6.9, 20),  # before work, or a slow weekend morning
        (10.5, 6 if weekend else 2),
        (13.0, 3 if weekend else 8),  # the lunch break
        (17.6, 6),  # after work
        (20.4, 24),
        (22.6, 37),  # before bed
    ]
    latest = _LONGEST + timedelta(hours=_SPREAD)
    return [
        (centre, weight)
        for centre, weight in slots
        if moment(day, int(centre * 3600), home_offset) + latest <= end
    ]


def _spread(
    rng: random.Random, plan: list[Day], slots: list[list[tuple[float, float]]], sessions: int
) -> list[int]:
    """How many sessions on each day: keen at first, then steady; more on stressful
    days, fewer away from home; at most one per slot."""
    room = [len(day_slots) for day_slots in slots]
    if sessions > sum(room):
        raise ValueError(f"at most {sum(room)} sessions fit in {len(plan)} days")
    settle_in = min(max(len(plan) / 4, 10), 45)  # days
    weights = [
        (1 + 3 * math.exp(-n / settle_in))
        * math.exp(-0.3 * day.wellbeing)
        * (1.2 if day.deadline else 1.0)
        * (0.4 if day.place else 1.0)
        * (1.0 if day.weight else 0.5)  # a day off from the journal, not from practice
        * (1 if room[n] else 0)
        for n, day in enumerate(plan)
    ]
    cumulative = list(itertools.accumulate(weights))
    counts = [0] * len(plan)
    left = sessions
    while left:
        # A day whose slots are full is drawn again elsewhere.
        for n in rng.choices(range(len(plan)), cum_weights=cumulative, k=left):
            if counts[n] < room[n]:
                counts[n] += 1
                left -= 1
    return counts


def _practise(
    rng: random.Random, day: Day, at: datetime, centre: float, *, practised: int
) -> SampleSession:
    """One session: its routine, how far it got, and stress before and after."""
    stage = next(weights for after, weights in reversed(_STAGES) if practised >= after)
    if 10 <= centre <= 14:
        # At work: something quick.
        stage = {**stage, "short": stage["short"] * 4}
    routine = BUILTIN_ROUTINES[rng.choices(list(stage), list(stage.values()))[0]]
    schedule = _schedule(routine)
    stressed = max(-day.wellbeing, 0)
    stop_chance = 0.05 + (0.06 if len(routine.groups) > 10 else 0) + 0.04 * stressed
    completed = rng.random() >= stop_chance
    if completed:
        seconds, groups_done = schedule.total, len(routine.groups)
    else:
        # Stopped before the last group's release ended.
        position = rng.uniform(routine.settle, schedule.total - routine.rest - 1)
        seconds, groups_done = round(position), schedule.groups_done(position)
    paused = rng.randint(10, 150) if rng.random() < 0.12 else 0

    level = 5.0 - 1.3 * day.wellbeing + (0.8 if day.deadline else 0) + rng.gauss(0, 1.4)
    level += 0.6 if centre < 5 else 0
    level -= 0.8 * (1 - math.exp(-practised / 40))  # practice helps, a little
    before = min(max(round(level), 0), 10)
    if completed:
        drop = rng.choices((-1, 0, 1, 2, 3, 4), (2, 10, 30, 33, 19, 6))[0]
    else:
        drop = rng.choices((-1, 0, 1, 2), (4, 40, 40, 16))[0]
    after: int | None = min(max(before - drop, 0), 10)
    # Either rating may be skipped; after a session cut short, more often.
    stress_before = None if rng.random() < 0.04 else before
    if rng.random() < (0.04 if completed else 0.25):
        after = None
    note = None
    if rng.random() < (0.08 if completed else 0.3):
        note = rng.choice(SESSION_NOTES if completed else STOPPED_NOTES)
    return SampleSession(
        at=at,
        ended_at=at + timedelta(seconds=seconds + paused),
        routine=routine,
        seconds=seconds,
        groups_done=groups_done,
        completed=completed,
        stress_before=stress_before,
        stress_after=after,
        note=note,
    )


@cache
def _schedule(routine: Routine) -> Schedule:
    return routine.schedule()
