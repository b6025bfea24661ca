"""Sample WHO-5 check-ins: a check-in every two weeks or so over the sample's days,
its answers following how the two weeks before it went (the same plan of days as
the entries and sessions), so a bad stretch shows in the scores too."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from journal.sample.days import HOME_OFFSET, Day, moment, plan_days
from journal.store import CheckinRecord
from journal.who5 import ANSWER_MAX, ANSWER_MIN, DUE_AFTER_DAYS, STATEMENTS

if TYPE_CHECKING:
    from journal.store import Store

# How each statement leans on a fortnight: sleep (4) suffers most from deadlines,
# calm (2) from stress; interest (5) holds up best.
_LEANS = (1.0, 0.9, 0.9, 0.8, 0.7)
_DEADLINE_COST = (0.2, 0.6, 0.2, 0.6, 0.1)


def sample_checkins(
    *, days: int, end: datetime, seed: int, home_offset: int = HOME_OFFSET
) -> list[CheckinRecord]:
    """A check-in every 13-16 days over the `days` days that end on `end`'s day,
    oldest first, the first after two weeks of entries (the statements ask about
    two weeks); none later than `end`. Deterministic, like the entries."""
    if days < 1:
        raise ValueError("days must be 1 or more")
    if end.utcoffset() is None:
        raise ValueError("end needs its UTC offset")
    plan = plan_days(random.Random(seed), days, end.date())
    rng = random.Random(f"checkins:{seed}")
    found: list[CheckinRecord] = []
    n = DUE_AFTER_DAYS - 1 + rng.randint(0, 2)
    while n < len(plan):
        fortnight = plan[max(0, n - DUE_AFTER_DAYS + 1) : n + 1]
        at = moment(plan[n], int(rng.gauss(20.5, 1.0) * 3600), home_offset)
        if at <= end:
            found.append(CheckinRecord(at=at, answers=_answers(rng, fortnight)))
        n += rng.choice((13, 14, 14, 14, 15, 16))
    return found


def write_checkins(store: Store, records: Iterable[CheckinRecord], *, seed: int) -> int:
    """Write them in one transaction (store.checkins.add_many); uuids as
    write_entries makes them (a second sample in one journal gets other uuids)."""
    uuids = random.Random(f"checkin-uuids:{seed}:{store.checkins.count() + 1}")
    return store.checkins.add_many(
        replace(record, uuid=str(uuid.UUID(int=uuids.getrandbits(128), version=4)))
        for record in records
    )


def _answers(rng: random.Random, fortnight: list[Day]) -> tuple[int, ...]:
    """Five answers from the fortnight's mean wellbeing (about -1.5 to +1.5):
    around 3 ("more than half of the time") on an ordinary fortnight."""
    mean = sum(d.wellbeing for d in fortnight) / len(fortnight)
    deadlines = sum(d.deadline for d in fortnight) / len(fortnight)
    answers = []
    for lean, cost in zip(_LEANS, _DEADLINE_COST, strict=True):
        value = 3.3 + 1.8 * lean * mean - 1.5 * cost * deadlines + rng.gauss(0, 0.5)
        answers.append(min(max(round(value), ANSWER_MIN), ANSWER_MAX))
    assert len(answers) == len(STATEMENTS)
    return tuple(answers)
