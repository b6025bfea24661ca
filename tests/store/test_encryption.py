"""An encrypted journal: nothing of it readable on disk, opened only with its
passphrase, converted in place without ever being half written."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journal.models import EntryInput
from journal.store import EntryQuery, Store, StoreError
from journal.store.cipher import PassphraseNeeded, WrongPassphrase, key_for, new_key
from journal.store.converting import convert, encrypt_copy, plain_copies
from tests.store.test_migrations import NAMES, write_old_journal

# Words that appear nowhere but in what the person wrote.
WORD = "quetzalcoatlus"
TAG = "xylophonist"
DRAFT = "zanzibarian"
SQLITE_HEADER = b"SQLite format 3\x00"


def fill(store: Store) -> None:
    for n in range(30):
        store.entries.add(EntryInput.make(body=f"{WORD} note {n}", mood=3, tags=[TAG]))
    store.entries.delete(30)  # the id counter is ahead of the largest id
    store.drafts.save(None, body=f"half a {DRAFT} thought", mood=2, stress=4, tags=TAG)
    store.settings.set_theme("nord")
    session = store.sessions.start(store.routines.get("short"), stress_before=6)
    store.sessions.record_progress(session.id, groups_done=2, seconds=100)


def encrypted_journal(path: Path, passphrase: str = "correct horse") -> None:
    with Store.open(path) as store:
        fill(store)
    convert(path, None, new_key(passphrase))


def readable_anywhere(folder: Path, *words: str) -> list[str]:
    """Files in `folder` (and below) where any of `words` can be read."""
    found = []
    for file in folder.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            for word in words:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    if word.encode(encoding) in data:
                        found.append(f"{file.name}: {word}")
    return found


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_after_encrypting_no_word_of_any_entry_tag_or_draft_is_on_disk(db_path):
    with Store.open(db_path) as store:
        fill(store)
    assert readable_anywhere(db_path.parent, WORD, TAG, DRAFT)  # the test sees them
    convert(db_path, None, new_key("correct horse"))
    assert db_path.read_bytes()[:16] != SQLITE_HEADER
    assert not readable_anywhere(db_path.parent, WORD, TAG, DRAFT)
    # Open and written to: its -wal and -shm are beside it, encrypted too.
    with Store.open(db_path, passphrase="correct horse") as store:
        store.entries.add(EntryInput.make(body=f"later {WORD}", mood=4, tags=[TAG]))
        store.drafts.save(None, body=f"another {DRAFT}", mood=None, stress=None, tags="")
        assert Path(f"{db_path}-wal").stat().st_size > 0
        assert not readable_anywhere(db_path.parent, WORD, TAG, DRAFT)
    assert not readable_anywhere(db_path.parent, WORD, TAG, DRAFT)


def test_everything_comes_through_encrypting_changing_and_decrypting(db_path):
    encrypted_journal(db_path)
    convert(db_path, key_for(db_path, "correct horse"), new_key("battery staple"))
    with Store.open(db_path, passphrase="battery staple") as store:
        assert store.encrypted
        assert store.entries.count() == 29
        assert store.drafts.get(None).body == f"half a {DRAFT} thought"
        assert store.settings.theme == "nord"
        assert store.sessions.recent()[0].groups_done == 2
        # Search, and ids: a deleted id is not used again.
        assert len(store.entries.find(EntryQuery.from_search(WORD[:6]), limit=None)) == 29
        assert store.entries.add(EntryInput.make(body="next", mood=3)).id == 31
    convert(db_path, key_for(db_path, "battery staple"), None)
    assert db_path.read_bytes()[:16] == SQLITE_HEADER
    with Store.open(db_path) as store:
        assert not store.encrypted
        assert store.entries.count() == 30
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]


def test_a_wrong_passphrase_is_refused_and_the_file_is_not_changed(db_path):
    encrypted_journal(db_path)
    before = digest(db_path)
    with pytest.raises(WrongPassphrase, match=r"^wrong passphrase$"):
        Store.open(db_path, passphrase="correct hors")
    with pytest.raises(PassphraseNeeded):
        Store.open(db_path)
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]


def test_a_file_that_is_neither_sqlite_nor_whole_pages_is_still_no_journal(db_path):
    db_path.write_text("just some notes\n")
    with pytest.raises(StoreError, match="not a journal"):
        Store.open(db_path, passphrase="anything")


def test_the_page_check_and_backups_of_an_encrypted_journal_use_its_key(db_path, tmp_path):
    encrypted_journal(db_path)
    with Store.open(db_path, passphrase="correct horse") as store:
        store.check_pages()
        copy = tmp_path / "backups" / "copy.db"
        copy.parent.mkdir()
        store.backup_to(copy, integrity_check=True)
    assert copy.stat().st_mode & 0o777 == 0o600
    assert copy.read_bytes()[:16] != SQLITE_HEADER
    assert not readable_anywhere(tmp_path, WORD, TAG, DRAFT)
    with Store.open(copy, passphrase="correct horse") as backup:
        assert backup.entries.count() == 29


def test_the_copy_an_upgrade_takes_of_an_encrypted_journal_is_encrypted(db_path):
    write_old_journal(db_path, NAMES[1])
    convert(db_path, None, new_key("correct horse"))
    with Store.open(db_path, passphrase="correct horse") as store:
        assert store.entries.count() == 1
    [copy] = db_path.parent.glob("journal.db.before-*.bak")
    assert copy.read_bytes()[:16] != SQLITE_HEADER
    assert not readable_anywhere(db_path.parent, "otters")
    conn = sqlite3.connect(copy)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("select count(*) from sqlite_master").fetchone()
    conn.close()


def test_plain_copies_beside_the_journal_are_found_and_encrypted_with_its_passphrase(db_path):
    with Store.open(db_path) as store:
        fill(store)
    upgrade_copy = db_path.with_name("journal.db.before-m002.20260101-000000-000000.bak")
    backups = db_path.parent / "backups"
    backups.mkdir()
    for copy in (upgrade_copy, backups / "journal-2026-01-01.db"):
        with Store.open(db_path) as store:
            store.backup_to(copy)
    (backups / "notes.txt").write_text("not a journal")
    key = new_key("correct horse")
    convert(db_path, None, key)
    assert plain_copies(db_path) == sorted([upgrade_copy, backups / "journal-2026-01-01.db"])
    for copy in plain_copies(db_path):
        encrypt_copy(copy, key)
    assert plain_copies(db_path) == []
    assert not readable_anywhere(db_path.parent, WORD, TAG, DRAFT)
    with Store.open(backups / "journal-2026-01-01.db", passphrase="correct horse") as copy:
        assert copy.entries.count() == 29


def test_converting_is_refused_while_another_program_has_the_journal_open(db_path):
    with Store.open(db_path) as store:
        fill(store)
        # The app, open meanwhile (in another process: its locks are what is seen).
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from journal.store import Store; s = Store.open(sys.argv[1]); "
                "s.entries.count(); print('open', flush=True); sys.stdin.read()",
                str(db_path),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert holder.stdout.readline() == b"open\n"
    try:
        before = digest(db_path)
        with pytest.raises(StoreError, match="open in another program"):
            convert(db_path, None, new_key("correct horse"))
        assert digest(db_path) == before
    finally:
        holder.communicate(b"")
    convert(db_path, None, new_key("correct horse"))


def test_a_newer_search_stops_one_running_on_an_encrypted_journal_quietly(db_path):
    encrypted_journal(db_path)
    with Store.open(db_path, passphrase="correct horse") as store:
        for n in range(30):
            store.entries.add(EntryInput.make(body=f"walk number {n}"))
        searcher = store.searcher
        query = EntryQuery.from_search("walk")
        assert len(searcher.find(query, limit=5)) == 5
        # SQLCipher's driver has its own error classes: an interrupted search is
        # still None ("a newer one came"), not an error the app would show.
        searcher._conn.set_progress_handler(lambda: searcher.interrupt(), 10)
        assert searcher.find(query, limit=5) is None
        assert searcher.count(query, cap=100) is None
        searcher._conn.set_progress_handler(None, 0)
        assert searcher.count(query, cap=100) == 30
