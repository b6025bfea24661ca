"""The schema: created from nothing, and every older journal upgraded in place."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from sqlite_utils import Database

from journal.models import EntryInput
from journal.store import EntryQuery, Store, StoreError
from journal.store import migrations as schema

NAMES = schema.known_names()


def write_old_journal(path, stop_before: str | None) -> None:
    """A journal as an older release left it: migrations up to `stop_before`."""
    db = Database(path)
    db.enable_wal()
    schema.migrations().apply(db, stop_before=stop_before)
    if db["entries"].exists():
        db["entries"].insert(
            {
                "uuid": str(uuid.uuid4()),
                "created_utc": "2026-01-05 08:00:00",
                "utc_offset": 60,
                "local_date": "2026-01-05",
                "mood": 4,
                "body": "written by an old release about otters",
            }
        )
    db.close()


def test_the_schema_is_created_from_nothing(db_path):
    with Store.open(db_path) as store:
        assert [m.name for m in schema.migrations().applied(store.db)] == NAMES
        tables = {"entries", "entry_tags", "entries_search", "day_figures", "drafts", "settings"}
        assert tables <= set(store.db.table_names())
        assert store.db.journal_mode == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("stop_before", [*NAMES[1:], None])
def test_every_stage_of_the_schema_upgrades_and_search_still_finds_new_rows(db_path, stop_before):
    write_old_journal(db_path, stop_before)
    with Store.open(db_path) as store:
        assert [m.name for m in schema.migrations().applied(store.db)] == NAMES
        old = store.entries.find(EntryQuery(text="otters"))
        assert [e.body for e in old] == ["written by an old release about otters"]
        new = store.entries.add(EntryInput.make(body="a new row about herons", mood=3))
        assert store.entries.find(EntryQuery(text="herons")) == [new]
        store.entries.update(new.id, EntryInput.make(body="now about kingfishers"))
        assert store.entries.find(EntryQuery(text="herons")) == []
        assert store.entries.find(EntryQuery(text="kingfishers"))[0].id == new.id
        # The triggers that keep search and the days' tags in sync survived every step.
        assert {t.name for t in store.db["entries"].triggers} == {
            "entries_search_ai",
            "entries_search_ad",
            "entries_search_au",
            "entries_days_ai",
            "entries_days_ad",
            "entries_days_au",
            "entries_day_tags_au",
        }
        assert {t.name for t in store.db["entry_tags"].triggers} == {
            "entry_tags_day_ai",
            "entry_tags_day_ad",
            "entry_tags_day_au",
        }


def test_the_days_tags_are_filled_in_from_an_older_journal(db_path):
    write_old_journal(db_path, "m004_trends")
    db = Database(db_path)
    # Two tagged entries on one day, one on the next.
    for n, (day, tags) in enumerate(
        [("2026-01-05", ["walk", "sleep"]), ("2026-01-05", ["walk"]), ("2026-01-06", ["walk"])]
    ):
        entry_id = (
            db["entries"]
            .insert(
                {
                    "uuid": str(uuid.uuid4()),
                    "created_utc": f"{day} 0{n}:00:00",
                    "utc_offset": 0,
                    "local_date": day,
                    "mood": 3,
                    "body": "",
                }
            )
            .last_pk
        )
        db["entry_tags"].insert_all({"entry_id": entry_id, "tag": tag} for tag in tags)
    db.close()
    with Store.open(db_path) as store:
        rows = store.db.execute("select local_date, tag, entries from day_tags order by 1, 2")
        assert rows.fetchall() == [
            ("2026-01-05", "sleep", 1),
            ("2026-01-05", "walk", 2),
            ("2026-01-06", "walk", 1),
        ]


def test_an_upgrade_takes_a_backup_first(db_path):
    write_old_journal(db_path, NAMES[1])
    with Store.open(db_path):
        pass
    backups = list(db_path.parent.glob("journal.db.before-*.bak"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600
    copy = Database(backups[0])
    assert [m.name for m in schema.migrations().applied(copy)] == NAMES[:1]
    assert copy["entries"].count == 1
    copy.close()
    # Opening an up-to-date journal takes no further backup.
    with Store.open(db_path):
        pass
    assert len(list(db_path.parent.glob("*.bak"))) == 1


def test_a_journal_from_a_newer_release_is_refused_and_left_unchanged(db_path):
    with Store.open(db_path) as store:
        store.db["_sqlite_migrations"].insert(
            {
                "migration_set": "wellbeing-journal",
                "name": "m999_from_the_future",
                "applied_at": "2030-01-01",
            }
        )
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer release"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused_and_left_unchanged(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("create table contacts (name text)")
    conn.execute("insert into contacts values ('Ada')")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a Wellbeing Journal file"):
        Store.open(db_path)
    assert db_path.read_bytes() == before
    assert not db_path.with_name("journal.db-wal").exists()


def test_an_empty_file_becomes_a_journal(db_path):
    db_path.touch()
    with Store.open(db_path) as store:
        assert store.entries.count() == 0
