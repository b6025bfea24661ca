"""Each day's figures (m009) stay what the rows say, whatever is done to the rows."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timedelta, timezone

from sqlite_utils import Database

from journal.models import EntryInput
from journal.store import EntryRecord, Store
from tests.store.test_migrations import write_old_journal


def recomputed(conn: sqlite3.Connection) -> list[tuple]:
    """The figures worked out from the entries themselves."""
    return conn.execute(
        "select local_date, count(*), coalesce(sum(mood), 0), count(mood), "
        "coalesce(sum(stress), 0), count(stress) from entries group by local_date "
        "order by local_date"
    ).fetchall()


def kept(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("select * from day_figures order by local_date").fetchall()


def assert_in_step(store: Store) -> None:
    with store.reading() as conn:
        assert kept(conn) == recomputed(conn)


def test_the_figures_follow_adds_edits_retags_moves_and_deletes(store, clock):
    rng = random.Random(15)
    ids: list[int] = []

    def some_entry() -> EntryInput:
        return EntryInput.make(
            mood=rng.choice([None, 1, 2, 3, 4, 5]),
            stress=rng.choice([None, 0, 3, 10]),
            body=rng.choice(["", "a walk", "work #late"]) or "x",
            tags=rng.sample(["sleep", "work", "run"], rng.randint(0, 2)),
        )

    for step in range(300):
        at = clock.now - timedelta(days=rng.randint(0, 9), hours=rng.randint(0, 23))
        action = rng.random() if ids else 0
        if action < 0.4:
            ids.append(store.entries.add(some_entry(), at=at).id)
        elif action < 0.6:  # an edit: new mood, stress, text and tags, same day
            store.entries.update(rng.choice(ids), some_entry())
        elif action < 0.8:  # moved to another day (journal edit --at)
            entry_id = rng.choice(ids)
            old = store.entries.get(entry_id)
            store.entries.update(
                entry_id,
                EntryInput.make(
                    mood=old.mood, stress=old.stress, body=old.body or "x", tags=old.own_tags
                ),
                at=at,
            )
        else:
            store.entries.delete(ids.pop(rng.randrange(len(ids))))
        if step % 25 == 0:
            assert_in_step(store)
    assert_in_step(store)
    # Every entry deleted: no day is left with figures.
    for entry_id in ids:
        store.entries.delete(entry_id)
    with store.reading() as conn:
        assert kept(conn) == []


def test_a_move_across_days_takes_the_figures_along(store, clock):
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    entry = store.entries.add(EntryInput.make(mood=2, stress=7, body="x"), at=monday)
    store.entries.update(
        entry.id, EntryInput.make(mood=2, stress=7, body="x"), at=monday - timedelta(days=3)
    )
    with store.reading() as conn:
        assert kept(conn) == [("2026-11-20", 1, 2, 1, 7, 1)]
    # A mood cleared: counted out of the mean, the entry still counts.
    store.entries.update(entry.id, EntryInput.make(stress=7, body="x"))
    with store.reading() as conn:
        assert kept(conn) == [("2026-11-20", 1, 0, 0, 7, 1)]


def test_bulk_saves_and_imports_keep_the_figures(store, clock):
    # add_many is how bulk saves (the sample journal, imports) write.
    rng = random.Random(3)
    store.entries.add_many(
        EntryRecord(
            at=clock.now - timedelta(hours=rng.randint(0, 24 * 40)),
            entry=EntryInput.make(mood=rng.randint(1, 5), stress=rng.choice([None, 4]), body="b"),
        )
        for _ in range(12_000)  # more than one batch
    )
    assert_in_step(store)
    with store.reading() as conn:
        assert sum(row[1] for row in kept(conn)) == 12_000


def test_an_older_journal_gets_its_figures_from_its_rows(db_path):
    write_old_journal(db_path, "m009_day_figures")
    db = Database(db_path)
    db["entries"].insert(
        {
            "uuid": "u2",
            "created_utc": "2026-01-05 09:00:00",
            "utc_offset": 60,
            "local_date": "2026-01-05",
            "stress": 6,
            "body": "",
        }
    )
    db.close()
    with Store.open(db_path) as store:
        assert_in_step(store)
        with store.reading() as conn:
            assert kept(conn) == [("2026-01-05", 2, 4, 1, 6, 1)]
        assert store.trends.daily(date(2026, 1, 5), date(2026, 1, 5))[0].mood == 4.0
