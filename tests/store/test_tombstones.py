"""Deleting a record leaves a tombstone (its uuid, kind and when), written in the
same transaction as the delete."""

from __future__ import annotations

import pytest

from journal.models import EntryInput
from journal.pmr import make_user_routine
from journal.store import EntryNotFound


def tombstones(store) -> list[tuple[str, str, str]]:
    with store.reading() as conn:
        return conn.execute(
            "select uuid, kind, deleted_utc from tombstones order by uuid"
        ).fetchall()


def test_deleting_an_entry_leaves_its_uuid_and_the_moment(store, clock):
    kept = store.entries.add(EntryInput.make(body="kept"))
    gone = store.entries.add(EntryInput.make(body="gone", tags=["x"]))
    clock.advance(minutes=5)
    store.entries.delete(gone.id)
    assert tombstones(store) == [(gone.uuid, "entry", "2026-11-24 08:35:00")]
    assert [e.id for e in store.entries.find()] == [kept.id]


def test_a_delete_that_fails_leaves_no_tombstone(store):
    with pytest.raises(EntryNotFound):
        store.entries.delete(99)
    assert tombstones(store) == []


def test_deleting_or_renaming_a_routine_leaves_a_tombstone(store):
    mine = make_user_routine("evening", base="short", kept=[0, 1])
    store.routines.save(mine)
    with store.reading() as conn:
        first_uuid = conn.execute("select uuid from routines").fetchone()[0]
    store.routines.save(make_user_routine("night", base="short", kept=[0]), replacing="evening")
    assert [(u, k) for u, k, _ in tombstones(store)] == [(first_uuid, "routine")]
    with store.reading() as conn:
        second_uuid = conn.execute("select uuid from routines").fetchone()[0]
    store.routines.delete("night")
    assert {u for u, _, _ in tombstones(store)} == {first_uuid, second_uuid}
