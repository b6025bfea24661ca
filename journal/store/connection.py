"""An open journal file: one sqlite3 connection shared by the app's threads, and its
transactions."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal.store.errors import (
    BUSY_TIMEOUT_SECONDS,
    DRIVER_ERRORS,
    JournalReadOnly,
    busy,
    explained,
    is_busy,
    read_only,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from journal.store.cipher import Key

Clock = Callable[[], datetime]

# While waiting for another program's write lock, the connection is given back
# this often, so that reads from other threads (the app's screen) go on meanwhile.
LOCK_POLL_SECONDS = 0.05


def local_now() -> datetime:
    """The real clock: now, aware, in the machine's current UTC offset."""
    return datetime.now().astimezone()


class JournalFile:
    """One connection under a lock: safe to share with worker threads. Reads and
    writes go through reading() and write(), which turn SQLite's errors into
    StoreErrors."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path | None,
        readonly: bool,
        clock: Clock,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
        read_only_reason: str | None = None,
        key: Key | None = None,
    ) -> None:
        # An encrypted journal's connection comes from sqlcipher3: the same DB-API,
        # other classes (its errors are caught through DRIVER_ERRORS).
        self.conn = conn
        # The encrypted journal's key (journal.store.cipher), kept in memory only,
        # for the connections opened besides this one; None for a plain journal.
        self.key = key
        self.path = path
        self.readonly = readonly
        self._read_only_reason = read_only_reason
        self.clock = clock
        # How long write() waits for another program's write lock.
        self.busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._db: Database | None = None
        # Whether write() was entered: a command that wrote records the file it
        # leaves (store/checked.py).
        self.wrote = False

    @property
    def encrypted(self) -> bool:
        """Whether the journal is encrypted: `journal export` then warns that its
        output is plain text."""
        return self.key is not None

    @property
    def name(self) -> str:
        return str(self.path) if self.path else ":memory:"

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for writes and schema changes.

        Made on first use: reading a journal needs only sqlite3, so the app and
        `journal list` start without importing sqlite-utils.
        """
        with self._lock:
            if self._db is None:
                from sqlite_utils import Database

                self._db = Database(self.conn, execute_plugins=False)
            return self._db

    @property
    def read_only_reason(self) -> str:
        """Why the journal cannot be changed and what to make writable, to say in a
        sentence (`f"Cannot save: {store.read_only_reason} to change it"`)."""
        return self._read_only_reason or f"{self.name} is read-only; make it writable (chmod u+w)"

    def read_only_error(self) -> JournalReadOnly:
        """The error a write to a read-only journal gets."""
        return read_only(self.name, self.read_only_reason)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def write(self, *, wait: float | None = None) -> Iterator[Database]:
        """One write transaction, taking the write lock up front (BEGIN IMMEDIATE) so
        that it never fails half way because another program wrote meanwhile.

        Waits up to `wait` seconds (the busy timeout by default) for another
        program's write lock, without holding this connection meanwhile.
        """
        db = self.db if not self.readonly else None
        with self.write_sql(wait=wait):
            assert db is not None  # write_sql() has refused a read-only journal
            yield db

    @contextmanager
    def write_sql(self, *, wait: float | None = None) -> Iterator[sqlite3.Connection]:
        """write() with the plain sqlite3 connection: for the hot paths (`journal
        add`), which must not pay for importing sqlite-utils (a third of the
        command's time)."""
        if self.readonly:
            raise self.read_only_error()
        self._begin(self.busy_timeout if wait is None else wait)
        self.wrote = True
        conn = self.conn
        try:
            with explained(self.name):
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        finally:
            self._lock.release()

    def _begin(self, wait: float) -> None:
        """BEGIN IMMEDIATE, returning with the lock held. Between tries the lock is
        let go, so that a reader in another thread waits a moment, not `wait`."""
        deadline = time.monotonic() + wait
        while True:
            self._lock.acquire()
            step = max(min(deadline - time.monotonic(), LOCK_POLL_SECONDS), 0)
            try:
                self.conn.execute(f"PRAGMA busy_timeout = {int(step * 1000)}")
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                finally:
                    # Reads and COMMIT keep the full timeout.
                    self.conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            except DRIVER_ERRORS.operational as exc:
                self._lock.release()
                if not is_busy(exc):
                    with explained(self.name):
                        raise
                if time.monotonic() >= deadline:
                    raise busy(self.name, wait) from exc
                time.sleep(0.001)  # let a waiting reader take the lock
            except BaseException:
                self._lock.release()
                raise
            else:
                return

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection to read with, under the lock (workers share it)."""
        with self._lock, explained(self.name):
            yield self.conn

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads from one state of the journal: another program's write
        cannot land between them."""
        with self.reading() as conn:
            if conn.in_transaction:
                yield conn
                return
            conn.execute("begin")
            try:
                yield conn
            finally:
                conn.execute("commit")

    def data_version(self) -> int:
        """A number that changes when another connection commits a write."""
        with self.reading() as conn:
            return conn.execute("PRAGMA data_version").fetchone()[0]
