"""An id is never given twice, even after the newest record is deleted: in new
journals, in journals made before ids were AUTOINCREMENT (upgraded in place), and
for records saved in bulk."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from journal.models import EntryInput
from journal.pmr import BUILTIN_ROUTINES
from journal.store import EntryQuery, EntryRecord, SessionRecord, Store
from journal.store import migrations as schema
from tests.store.test_migrations import NAMES

SEARCH_TRIGGERS = {
    "entries_search_ai",
    "entries_search_ad",
    "entries_search_au",
    "entries_days_ai",
    "entries_days_ad",
    "entries_days_au",
    "entries_day_tags_au",
}
DAY_TAG_TRIGGERS = {"entry_tags_day_ai", "entry_tags_day_ad", "entry_tags_day_au"}


def m001_entries_as_released(db: Database) -> None:
    """The first release's m001, before it was changed to say AUTOINCREMENT."""
    db["entries"].create(
        {
            "id": int,
            "uuid": str,
            "created_utc": str,
            "utc_offset": int,
            "local_date": str,
            "mood": int,
            "stress": int,
            "body": str,
            "updated_utc": str,
        },
        pk="id",
        not_null={"uuid", "created_utc", "utc_offset", "local_date", "body"},
        defaults={"body": ""},
        strict=True,
    )
    db["entries"].create_index(["uuid"], unique=True)
    db["entries"].create_index(["created_utc"])
    db["entries"].create_index(["local_date"])
    db["entry_tags"].create(
        {"entry_id": int, "tag": str},
        pk=("entry_id", "tag"),
        foreign_keys=[("entry_id", "entries", "id")],
        not_null={"entry_id", "tag"},
        strict=True,
    )
    db["entry_tags"].create_index(["tag", "entry_id"])
    schema.enable_entry_search(db)


def m003_sessions_as_released(db: Database) -> None:
    db["sessions"].create(
        {
            "id": int,
            "uuid": str,
            "routine": str,
            "settings": str,
            "started_utc": str,
            "utc_offset": int,
            "local_date": str,
            "ended_utc": str,
            "seconds": int,
            "groups_done": int,
            "groups_planned": int,
            "completed": int,
            "stress_before": int,
            "stress_after": int,
            "note": str,
        },
        pk="id",
        not_null={
            "uuid",
            "routine",
            "settings",
            "started_utc",
            "utc_offset",
            "local_date",
            "seconds",
            "groups_done",
            "groups_planned",
            "completed",
        },
        defaults={"seconds": 0, "groups_done": 0, "completed": 0},
        strict=True,
    )
    db["sessions"].create_index(["uuid"], unique=True)
    db["sessions"].create_index(["started_utc"])
    db["sessions"].create_index(["local_date"])
    db["routines"].create(
        {"id": int, "uuid": str, "name": str, "definition": str, "updated_utc": str},
        pk="id",
        not_null={"uuid", "name", "definition", "updated_utc"},
        strict=True,
    )
    db["routines"].create_index(["name"], unique=True)
    db["routines"].create_index(["uuid"], unique=True)


def write_journal_from_before_autoincrement(path) -> None:
    """A journal an early release left: its entries and sessions tables without
    AUTOINCREMENT, then the later steps, with entries 1-3 and sessions 1-2 in it
    of which the newest of each was deleted."""
    released = {
        "m001_entries": m001_entries_as_released,
        "m003_relaxation": m003_sessions_as_released,
    }
    steps = Migrations(schema.MIGRATION_SET)
    for name in NAMES[:4]:
        steps(name=name)(released.get(name) or getattr(schema, name))
    db = Database(path)
    db.enable_wal()
    steps.apply(db)
    for n, (body, tags) in enumerate(
        [("otters by the river #walk", ["walk"]), ("slept badly", ["sleep"]), ("deleted", ["x"])],
        start=1,
    ):
        db["entries"].insert(
            {
                "id": n,
                "uuid": str(uuid.uuid4()),
                "created_utc": f"2026-01-0{n} 08:00:00",
                "utc_offset": 60,
                "local_date": f"2026-01-0{n}",
                "mood": 3,
                "body": body,
            }
        )
        db["entry_tags"].insert_all({"entry_id": n, "tag": tag} for tag in tags)
    for n in (1, 2):
        db["sessions"].insert(
            {
                "id": n,
                "uuid": str(uuid.uuid4()),
                "routine": "short",
                "settings": "{}",
                "started_utc": f"2026-01-0{n} 20:00:00",
                "utc_offset": 60,
                "local_date": f"2026-01-0{n}",
                "groups_planned": 4,
            }
        )
    db.execute("delete from entry_tags where entry_id = 3")
    db.execute("delete from entries where id = 3")
    db.execute("delete from sessions where id = 2")
    db["drafts"].insert(
        {
            "key": "entry:1",
            "entry_id": 1,
            "body": "otters, half edited",
            "saved_utc": "2026-01-03 09:00:00",
        }
    )
    db.close()


def table_sql(store: Store, name: str) -> str:
    return store.db.execute("select sql from sqlite_master where name = ?", [name]).fetchone()[0]


def test_a_journal_from_before_autoincrement_is_rebuilt_keeping_everything(db_path, clock):
    write_journal_from_before_autoincrement(db_path)
    assert (
        "autoincrement"
        not in Database(db_path)
        .execute("select sql from sqlite_master where name = 'entries'")
        .fetchone()[0]
        .lower()
    )
    with Store.open(db_path, clock=clock) as store:
        assert [m.name for m in schema.migrations().applied(store.db)] == NAMES
        for table in ("entries", "sessions"):
            assert "autoincrement" in table_sql(store, table).lower()
            assert store.db[table].pks == ["id"]
        # The ids, bodies, tags, search, the days' tags and the draft as they were.
        assert [(e.id, e.body, e.tags) for e in store.entries.find()] == [
            (2, "slept badly", ["sleep"]),
            (1, "otters by the river #walk", ["walk"]),
        ]
        assert [e.id for e in store.entries.find(EntryQuery(text="otter"))] == [1]
        assert store.drafts.get(1).body == "otters, half edited"
        assert [s.id for s in store.sessions.recent()] == [1]
        seq = dict(store.db.execute("select name, seq from sqlite_sequence").fetchall())
        assert (seq["entries"], seq["sessions"]) == (2, 1)
        assert {t.name for t in store.db["entries"].triggers} == SEARCH_TRIGGERS
        assert {t.name for t in store.db["entry_tags"].triggers} == DAY_TAG_TRIGGERS
        assert {i.name for i in store.db["entries"].indexes} >= {
            "idx_entries_uuid",
            "idx_entries_created_utc",
            "idx_entries_local_date",
            "idx_entries_local_date_mood_stress",
        }
        # Kept in step after the upgrade: search and the days' tags follow edits.
        store.entries.update(1, EntryInput.make(body="herons now", tags=["birds"]))
        assert store.entries.find(EntryQuery(text="otter")) == []
        assert [e.id for e in store.entries.find(EntryQuery(text="herons"))] == [1]
        days = store.db.execute("select local_date, tag, entries from day_tags order by 1, 2")
        assert days.fetchall() == [("2026-01-01", "birds", 1), ("2026-01-02", "sleep", 1)]
        # No id is given twice from here on.
        newest = store.entries.add(EntryInput.make(body="new", mood=4))
        assert newest.id == 3
        store.entries.delete(newest.id)
        assert store.entries.add(EntryInput.make(body="newer", mood=4)).id == 4
        session = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=5)
        assert session.id == 2
        with store.write() as db:
            db.execute("delete from sessions where id = ?", [session.id])
        assert store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=5).id == 3
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_records_saved_in_bulk_never_take_a_deleted_id(store, clock):
    first = store.entries.add(EntryInput.make(body="kept", mood=3))
    gone = store.entries.add(EntryInput.make(body="deleted", mood=3))
    store.entries.delete(gone.id)
    later = clock.now + timedelta(minutes=1)
    store.entries.add_many([EntryRecord(at=later, entry=EntryInput.make(body="bulk"))])
    assert [e.id for e in store.entries.find()] == [gone.id + 1, first.id]
    assert store.entries.add(EntryInput.make(body="after", mood=3)).id == gone.id + 2

    routine = BUILTIN_ROUTINES["short"]
    kept = store.sessions.start(routine, stress_before=None)
    ended = store.sessions.start(routine, stress_before=None)
    with store.write() as db:
        db.execute("delete from sessions where id = ?", [ended.id])
    record = SessionRecord(routine, later, later, 60, 4, True, None, None, None)
    store.sessions.add_many([record])
    assert [s.id for s in store.sessions.recent()] == [ended.id + 1, kept.id]
