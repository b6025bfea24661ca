"""`journal backup` and the app's daily backups: consistent copies through SQLite's
backup API, checked, private, named with the date and time, the newest 7 kept."""

from __future__ import annotations

import sqlite3
import stat
from datetime import timedelta

from journal.models import EntryInput
from journal.store import Store


def entries_in(path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute("select count(*) from entries").fetchone()[0]
    finally:
        conn.close()


def test_backup_goes_into_backups_beside_the_journal_with_date_and_time(journal, db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="kept safe", mood=4))
        # Another writer holding its own connection open: the copy is still whole.
        store.entries.add(EntryInput.make(body="second"))
        result = journal("backup")
    assert result.code == 0, result.err
    made = db_path.parent / "backups" / "journal-2026-11-24-093000.db"
    assert result.out == f"backed up to {made}\n"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert entries_in(made) == 2
    assert not list(made.parent.glob("*wal")) and not list(made.parent.glob("*partial*"))
    # A backup is a journal: importing it is a merge.
    restored = journal("import", str(made))
    assert "imported 0 entries from journal-2026-11-24-093000.db (2 already here)" in restored.err


def test_backup_to_a_file_refuses_one_that_exists_or_the_journal_itself(
    journal, db_path, clock, tmp_path
):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="x"))
    target = tmp_path / "copy.db"
    assert journal("backup", str(target)).code == 0 and entries_in(target) == 1
    again = journal("backup", str(target))
    assert again.code == 2 and "exists" in again.err
    assert "the journal itself" in journal("backup", str(db_path)).err


def test_no_journal_no_backup(journal, db_path):
    result = journal("backup")
    assert result.code == 1 and "there is no journal" in result.err
    assert not db_path.exists()


def test_daily_backups_once_a_day_and_the_newest_seven_kept(db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="x"))
        first = store.transfer.daily_backup()
        assert first is not None and first.exists()
        clock.advance(hours=3)
        assert store.transfer.daily_backup() is None  # one a day
        for _ in range(9):
            clock.advance(days=1)
            assert store.transfer.daily_backup() is not None
        kept = sorted(p.name for p in (db_path.parent / "backups").iterdir())
    assert len(kept) == 7
    assert kept[-1] == f"journal-{(clock.now):%Y-%m-%d-%H%M%S}.db"
    assert kept[0] == f"journal-{(clock.now - timedelta(days=6)):%Y-%m-%d-%H%M%S}.db"


def test_the_daily_backup_setting_is_on_until_turned_off(store):
    assert store.settings.daily_backup is True
    store.settings.set_daily_backup(False)
    assert store.settings.daily_backup is False
