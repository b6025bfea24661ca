"""A journal SQLite reports as malformed is refused, for reading as for writing,
even when the damage lies in pages the command itself would never touch."""

from __future__ import annotations

import sqlite3

import pytest

from journal.models import EntryInput
from journal.store import Store, StoreError
from tests.conftest import run_journal
from tests.store.test_opening import filled_journal

TABLE_LEAF = 0x0D  # the first byte of a table b-tree leaf page
TABLE_INTERIOR = 0x05


def oldest_entries_page(path) -> int:
    """The page that holds the oldest entries: the leftmost leaf of the entries
    table. Adding and listing the newest entries never read it."""
    conn = sqlite3.connect(path)
    root = conn.execute("select rootpage from sqlite_master where name = 'entries'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = path.read_bytes()
    page = root
    while True:
        start = (page - 1) * page_size
        kind = data[start]
        if kind == TABLE_LEAF:
            return page
        assert kind == TABLE_INTERIOR, f"page {page} is of kind {kind:#x}"
        # An interior page: the cell pointer array follows its 12-byte header; a
        # cell starts with its left child's page number.
        first_cell = int.from_bytes(data[start + 12 : start + 14], "big")
        page = int.from_bytes(data[start + first_cell : start + first_cell + 4], "big")


def flip_one_byte(path) -> bytes:
    """Flip the page-type byte of a leaf of the entries table, deep in the file:
    SQLite's own check then calls the file malformed."""
    page = oldest_entries_page(path)
    assert page > 1
    page_size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size] ^= 0xFF
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):
        conn.execute("PRAGMA integrity_check").fetchall()
    conn.close()
    return bytes(data)


@pytest.fixture
def malformed(db_path) -> bytes:
    filled_journal(db_path)
    return flip_one_byte(db_path)


def test_a_malformed_journal_is_refused_before_anything_is_written(db_path, malformed):
    with (
        pytest.raises(StoreError, match=r"damaged.*restore it from a backup"),
        Store.open(db_path) as store,
    ):
        store.entries.add(EntryInput.make(body="must not land", mood=3))
    assert db_path.read_bytes() == malformed
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]


@pytest.mark.parametrize("command", [["add", "-m", "3", "must not land"], ["list"], ["tags"]])
def test_commands_on_a_malformed_journal_exit_1_with_one_line(db_path, malformed, command):
    result = run_journal(*command, db=db_path)
    err = result.stderr.decode()
    assert result.returncode == 1, (result.stdout, err)
    assert err.count("\n") == 1 and "damaged" in err, err
    assert result.stdout == b""
    assert db_path.read_bytes() == malformed
