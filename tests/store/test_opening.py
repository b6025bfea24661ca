"""The journal file: where it lives, who may read it, and files it must refuse."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
from pathlib import Path

import pytest

from journal.models import EntryInput
from journal.store import EntryQuery, Store, StoreError
from journal.store.paths import resolve_db_path
from tests.conftest import run_journal


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_default_journal_lives_in_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_db_path() == tmp_path / "data" / "wellbeing-journal" / "journal.db"
    monkeypatch.setenv("JOURNAL_DB", str(tmp_path / "env.db"))
    assert resolve_db_path() == tmp_path / "env.db"
    assert resolve_db_path(str(tmp_path / "option.db")) == tmp_path / "option.db"


@pytest.fixture
def permissive_umask():
    """A typical umask: the journal's modes must not depend on the user's."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("permissive_umask")
def test_folder_and_files_are_readable_only_by_their_owner(tmp_path):
    path = tmp_path / "new" / "deeper" / "journal.db"
    with Store.open(path) as store:
        store.entries.add(EntryInput.make(body="private"))
        # While open, the WAL and its index exist beside the journal.
        companions = [path.with_name("journal.db-wal"), path.with_name("journal.db-shm")]
        assert all(p.exists() for p in companions)
        assert {mode(p) for p in [path, *companions]} == {0o600}
    assert mode(path.parent) == mode(path.parent.parent) == 0o700


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n")
    with pytest.raises(StoreError, match="not an SQLite file"):
        Store.open(path)
    assert path.read_text() == "my shopping list\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def damage(path) -> bytes:
    """Overwrite the middle of the file with garbage, as a bad disk might."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):
        data[offset : offset + 200] = b"\xde\xad\xbe\xef" * 50
    path.write_bytes(bytes(data))
    return bytes(data)


def filled_journal(path, entries: int = 300) -> None:
    with Store.open(path) as store, store.write() as db:
        db["entries"].insert_all(
            {
                "uuid": f"u{n}",
                "created_utc": "2026-01-01 10:00:00",
                "utc_offset": 0,
                "local_date": "2026-01-01",
                "mood": 3,
                "body": f"entry number {n} " * 20,
            }
            for n in range(entries)
        )
    # Fold the WAL into the main file, as a clean close does.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=delete")
    conn.close()


def test_a_damaged_journal_gives_a_clear_error_and_is_never_written(db_path):
    filled_journal(db_path)
    damaged = damage(db_path)
    with pytest.raises(StoreError, match="damaged"), Store.open(db_path) as store:
        store.entries.find(limit=None)
        store.entries.add(EntryInput.make(body="must not land"))
    assert db_path.read_bytes() == damaged


def test_a_read_only_journal_can_be_listed_but_not_changed(db_path):
    with Store.open(db_path) as store:
        store.entries.add(EntryInput.make(body="kept safe", mood=4))
    db_path.chmod(0o400)
    before = db_path.read_bytes()
    with Store.open(db_path) as store:
        assert [e.body for e in store.entries.find()] == ["kept safe"]
        assert store.entries.find(EntryQuery(text="safe"))
        with pytest.raises(StoreError, match="read-only"):
            store.entries.add(EntryInput.make(body="nope"))
    assert db_path.read_bytes() == before


def test_a_writer_waits_for_another_then_says_it_is_busy(db_path):
    with Store.open(db_path) as first, Store.open(db_path) as second:
        second.busy_timeout = 0.3
        with first.write():
            first.db.execute("insert into settings values ('held', '1')")
            with pytest.raises(StoreError, match=r"busy.*try again"):
                second.entries.add(EntryInput.make(body="waits"))
        # Once the first writer is done, the second one's write lands.
        second.entries.add(EntryInput.make(body="lands"))
        assert [e.body for e in first.entries.find()] == ["lands"]


def not_a_file(kind: str, tmp_path):
    """A path that exists and is not a regular file."""
    if kind == "device":
        return Path(os.devnull)
    path = tmp_path / "journal.db"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        with socket.socket(socket.AF_UNIX) as listening:
            listening.bind(str(path))
    return path


@pytest.mark.parametrize(
    ("kind", "said"), [("fifo", "a named pipe"), ("socket", "a socket"), ("device", "a device")]
)
def test_a_path_that_is_not_a_regular_file_is_refused_without_opening_it(tmp_path, kind, said):
    path = not_a_file(kind, tmp_path)
    # In another process: opening a FIFO to read it would wait for a writer forever.
    result = run_journal("list", db=path, timeout=20)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err == f"journal: {path} is {said}, not a journal file; check --db or JOURNAL_DB\n"
    with pytest.raises(StoreError, match=f"is {said}, not a journal file"):
        Store.open(path)
