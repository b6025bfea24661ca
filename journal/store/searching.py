"""The search box's own connection: a newer search interrupts the older one.

Typing "the" at 1,000,000 entries asks for `t`, `th` and `the` (the app waits for
a pause in typing, but a pause can come mid-word). On the shared connection a
search for `t` would hold the lock the next search and the list's own reads wait
for; here it runs on a connection of its own and `interrupt()` stops it at once
(sqlite3.Connection.interrupt()), so the newest words are answered first.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from journal.store.entry_pages import count as count_matches
from journal.store.entry_pages import page_ids, read_rows
from journal.store.errors import DRIVER_ERRORS, explained

if TYPE_CHECKING:
    from journal.models import Entry
    from journal.store.connection import JournalFile
    from journal.store.entries import EntryQuery


T = TypeVar("T")


class Searcher:
    """`store.searcher`: find() and count() as store.entries has them, on a
    connection of its own."""

    def __init__(
        self,
        file: JournalFile,
        connect: Callable[[], sqlite3.Connection] | None,
        shared: Callable[..., list[Entry]],
        count_shared: Callable[..., int],
    ) -> None:
        self._file = file
        self._connect = connect
        # find() and count() on the shared connection, for a journal in memory.
        self._shared = shared
        self._count_shared = count_shared
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one search at a time on this connection
        self._generation = 0

    def interrupt(self) -> None:
        """Stop the search running now, if any (its find() returns None)."""
        self._generation += 1
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def find(self, query: EntryQuery, *, limit: int) -> list[Entry] | None:
        """The newest `limit` entries that match; None if a newer search
        interrupted this one."""
        if self._connect is None:  # a journal in memory has no second connection
            return self._shared(query, limit=limit)
        from journal.store.entries import _ENTRY_COLUMNS, _entry_from_row

        def read(conn: sqlite3.Connection, expression: str) -> list[Entry]:
            ids = page_ids(conn, query, expression, limit=limit)
            rows = read_rows(conn, _ENTRY_COLUMNS, ids, limit)
            return [_entry_from_row(row) for row in rows]

        nothing: list[Entry] = []
        return self._run(query, read, nothing)

    def count(self, query: EntryQuery, *, cap: int) -> int | None:
        """How many entries match, counting no further than `cap`; None if a newer
        search interrupted the count."""
        if self._connect is None:
            return self._count_shared(query, cap=cap)
        return self._run(
            query, lambda conn, expression: count_matches(conn, query, expression, cap=cap), 0
        )

    def _run(
        self, query: EntryQuery, read: Callable[[sqlite3.Connection, str], T], none: T
    ) -> T | None:
        """`read(conn, expression)` in one read transaction on this connection;
        `none` if nothing can match; None if a newer search interrupted it."""
        from journal.store.entries import fts_expression

        generation = self._generation
        expression = fts_expression(query.text)
        if not expression and query.text.strip():
            return none  # only punctuation was typed: nothing can match it
        with self._lock:
            if generation != self._generation:
                return None  # a newer search came while this one waited
            with explained(self._file.name):
                if self._conn is None:
                    self._conn = self._connect()  # type: ignore[misc]
                conn = self._conn
                try:
                    conn.execute("begin")  # the page and its rows from one state
                    found = read(conn, expression)
                except DRIVER_ERRORS.operational as exc:  # sqlcipher3's too
                    if "interrupt" in str(exc).lower():
                        return None
                    raise
                finally:
                    if conn.in_transaction:
                        conn.execute("rollback")
        if generation != self._generation:
            return None
        return found

    def close(self) -> None:
        self.interrupt()
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
