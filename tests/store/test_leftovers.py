"""Nothing made that was not asked for, and nothing left behind: reading never
turns a file into a journal, a failed create leaves no file, and a journal that
cannot be changed says what to make writable."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from journal.models import EntryInput
from journal.store import JournalReadOnly, Store
from tests.conftest import run_journal


def test_opened_only_to_read_an_empty_file_stays_empty(db_path):
    db_path.touch()
    with Store.open(db_path, create=False) as store:
        assert store.entries.count() == 0
        assert store.entries.find() == []
    assert db_path.read_bytes() == b""
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]


def test_opened_only_to_read_a_missing_journal_is_not_created(tmp_path):
    path = tmp_path / "mistyped" / "journal.db"
    with Store.open(path, create=False) as store:
        assert store.entries.count() == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["list"], ["tags"], ["sessions"]])
def test_a_reading_command_leaves_an_empty_file_empty(db_path, command):
    db_path.touch()
    result = run_journal(*command, db=db_path)
    assert result.returncode == 0, result.stderr.decode()
    assert db_path.read_bytes() == b""
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]


def limit_file_size() -> None:
    """A full disk, as far as this process can tell: no file may grow past 1 KiB
    (SQLite's first page is 4 KiB), and writing more fails with EFBIG."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


def test_a_journal_that_cannot_be_created_on_a_full_disk_leaves_nothing(tmp_path):
    path = tmp_path / "new" / "journal.db"
    result = subprocess.run(
        [sys.executable, "-m", "journal", "add", "-m", "3", "never saved"],
        env=dict(os.environ, JOURNAL_DB=str(path)),
        preexec_fn=limit_file_size,
        capture_output=True,
        timeout=60,
    )
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.count("\n") == 1 and "free some disk space" in err, err
    # Neither a 0-byte journal nor its companions, nor the folder made for it.
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def folder_not_writable(tmp_path, monkeypatch):
    """The journal's folder may not be written; the journal itself may. As root,
    whom permissions do not stop, os.access is told so."""
    folder = tmp_path / "shared"
    folder.mkdir()
    real_access = os.access

    def access(path, mode, **kwargs):
        if os.fspath(path) == os.fspath(folder) and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    yield folder
    folder.chmod(0o700)


def test_a_writable_journal_in_a_folder_we_cannot_write_names_the_folder(folder_not_writable):
    folder = folder_not_writable
    path = folder / "journal.db"
    with Store.open(path) as store:
        store.entries.add(EntryInput.make(body="written before", mood=3))
    path.chmod(0o600)
    folder.chmod(0o500)
    with Store.open(path) as store:
        assert store.readonly
        assert [e.body for e in store.entries.find()] == ["written before"]
        with pytest.raises(JournalReadOnly) as refused:
            store.entries.add(EntryInput.make(body="nope", mood=3))
    said = str(refused.value)
    assert f"(chmod u+w {folder})" in said
    assert "folder" in said
    assert said == f"{store.read_only_reason} to change it"
    assert "(chmod u+w)" not in said
