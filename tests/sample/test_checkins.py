"""The demo journal's WHO-5 check-ins: fortnightly, in range, deterministic, and
moving with the sample's moods."""

from __future__ import annotations

import itertools
import statistics
from datetime import timedelta

from journal.sample import DEMO_DAYS, DEMO_ENTRIES, DEMO_SEED, generate, sample_checkins
from journal.store import Store
from tests.conftest import FROZEN


def demo() -> Store:
    store = Store.in_memory()
    generate(store, entries=DEMO_ENTRIES, days=DEMO_DAYS, end=FROZEN, seed=DEMO_SEED)
    return store


def test_the_demo_has_a_few_months_of_fortnightly_check_ins():
    checkins = demo().checkins.all()
    assert len(checkins) >= 7
    gaps = [(b.taken_at.date() - a.taken_at.date()).days for a, b in itertools.pairwise(checkins)]
    assert all(13 <= gap <= 16 for gap in gaps)
    first_day = (FROZEN - timedelta(days=DEMO_DAYS - 1)).date()
    assert (checkins[0].taken_at.date() - first_day).days >= 13  # two weeks to look back on
    assert all(c.taken_at <= FROZEN for c in checkins)
    # The last is recent: the demo does not open on a reminder.
    assert (FROZEN.date() - checkins[-1].taken_at.date()).days < 14
    assert len({c.score for c in checkins}) >= 4


def test_check_ins_move_with_the_moods_of_their_fortnight():
    store = demo()
    scores, moods = [], []
    for checkin in store.checkins.all():
        day = checkin.taken_at.date()
        mood = store.conn.execute(
            "select avg(mood) from entries where local_date between ? and ?",
            [(day - timedelta(days=13)).isoformat(), day.isoformat()],
        ).fetchone()[0]
        scores.append(checkin.score)
        moods.append(mood)
    assert statistics.correlation(scores, moods) > 0.5


def test_the_same_seed_gives_the_same_check_ins():
    how = {"days": DEMO_DAYS, "end": FROZEN, "seed": DEMO_SEED}
    assert sample_checkins(**how) == sample_checkins(**how)
    assert sample_checkins(**how) != sample_checkins(**{**how, "seed": 7})
    assert [c.answers for c in demo().checkins.all()] == [c.answers for c in sample_checkins(**how)]


def test_a_short_sample_has_none():
    assert sample_checkins(days=10, end=FROZEN, seed=1) == []
