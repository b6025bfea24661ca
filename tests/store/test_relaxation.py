"""Relaxation sessions and the person's own routines in the store."""

from __future__ import annotations

import pytest

from journal.models import InvalidEntry
from journal.pmr import BUILTIN_ROUTINES, make_user_routine
from journal.store import Store, StoreError

SESSION_KEYS = {
    "id",
    "uuid",
    "routine",
    "started_at",
    "ended_at",
    "seconds",
    "completed",
    "stress_before",
    "stress_after",
    "groups_done",
    "groups_planned",
    "note",
}


def test_a_session_is_stored_when_it_starts_and_updated_as_it_goes(store, clock):
    session = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=7)
    assert (session.completed, session.groups_done, session.groups_planned) == (False, 0, 4)
    clock.advance(seconds=57)
    store.sessions.record_progress(session.id, seconds=57, groups_done=1)
    clock.advance(seconds=171)
    store.sessions.record_progress(session.id, seconds=228, groups_done=4, completed=True)
    store.sessions.rate(session.id, stress_after=3, note="  warm hands,\n calmer  ")
    done = store.sessions.get(session.id)
    assert (done.seconds, done.groups_done, done.completed) == (228, 4, True)
    assert (done.stress_before, done.stress_after, done.stress_change) == (7, 3, -4)
    assert done.note == "warm hands, calmer"  # a one-line note
    assert (done.ended_at - done.started_at).total_seconds() == 228
    assert set(done.to_json()) == SESSION_KEYS


def test_a_session_cut_short_shows_how_far_it_got(store, clock):
    session = store.sessions.start(BUILTIN_ROUTINES["standard"], stress_before=None)
    clock.advance(seconds=100)
    store.sessions.record_progress(session.id, seconds=100, groups_done=2)
    # ... and the process dies here: nothing else is written.
    cut = store.sessions.recent()[0]
    assert (cut.completed, cut.groups_done, cut.groups_planned, cut.seconds) == (False, 2, 7, 100)
    assert cut.stress_before is None and cut.stress_after is None


def test_sessions_are_listed_newest_first(store, clock):
    first = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=5)
    clock.advance(days=1)
    second = store.sessions.start(BUILTIN_ROUTINES["full"], stress_before=4)
    assert [s.id for s in store.sessions.recent()] == [second.id, first.id]
    assert [s.id for s in store.sessions.recent(limit=1)] == [second.id]


@pytest.mark.parametrize("bad", [11, -1, "x"])
def test_a_stress_rating_out_of_range_is_refused(store, bad):
    with pytest.raises(InvalidEntry, match="0 \\(calm\\) to 10"):
        store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=bad)
    assert store.sessions.recent() == []


def test_own_routines_are_saved_listed_replaced_and_deleted(file_store, db_path):
    desk = make_user_routine("desk", base="standard", kept=[0, 1, 3], tense=5, cycles=2)
    file_store.routines.save(desk)
    with Store.open(db_path) as again:
        names = [r.name for r in again.routines.all()]
        assert names[:6] == list(BUILTIN_ROUTINES) and names[6:] == ["desk"]
        assert again.routines.get("desk") == desk
    file_store.routines.save(make_user_routine("desk", base="short", kept=[0], dominant="left"))
    assert file_store.routines.get("desk").base == "short"
    assert [r.name for r in file_store.routines.all()].count("desk") == 1
    file_store.routines.delete("desk")
    assert file_store.routines.get("desk") is None
    with pytest.raises(StoreError, match="built in"):
        file_store.routines.save(BUILTIN_ROUTINES["short"])
