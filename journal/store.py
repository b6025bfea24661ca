"""The one place that talks SQL: opening, checking and upgrading a journal file, and
its transactions. Store's entry methods are in store_entries, its relaxation
methods in store_relax; everything is imported from here."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from journal import migrations as schema
from journal.paths import ensure_private_folder
from journal.store_entries import EntriesMixin, EntryQuery, fts_expression
from journal.store_errors import EntryNotFound, StoreError
from journal.store_relax import RelaxationMixin

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = [
    "Clock",
    "EntryNotFound",
    "EntryQuery",
    "Store",
    "StoreError",
    "fts_expression",
    "local_now",
]

BUSY_TIMEOUT_SECONDS = 8.0
SQLITE_MAGIC = b"SQLite format 3\x00"

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The real clock: now, aware, in the machine's current UTC offset."""
    return datetime.now().astimezone()


class Store(EntriesMixin, RelaxationMixin):
    """An open journal. Safe to share with worker threads: calls are serialized."""

    def __init__(
        self, conn: sqlite3.Connection, *, path: Path | None, readonly: bool, clock: Clock
    ) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.clock = clock
        self._lock = threading.RLock()
        self._db: Database | None = None

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

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, clock: Clock = local_now) -> Store:
        """Open (or create) the journal at `path`, upgrading it if it is older.

        A file that is not a journal, is damaged, or was written by a newer release
        is refused with a StoreError and left exactly as it was.
        """
        path = Path(path)
        readonly = _prepare_file(path)
        with _explained(str(path)):
            conn = _connect(path, readonly)
        store = cls(conn, path=path, readonly=readonly, clock=clock)
        try:
            store._check_and_upgrade()
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def in_memory(cls, *, clock: Clock = local_now) -> Store:
        """A fresh journal in memory, for tests and the bench's baselines."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        store = cls(conn, path=None, readonly=False, clock=clock)
        store._check_and_upgrade()
        return store

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def name(self) -> str:
        return str(self.path) if self.path else ":memory:"

    def _check_and_upgrade(self) -> None:
        with self.reading() as conn:
            tables = {
                row[0]
                for row in conn.execute("select name from sqlite_master where type = 'table'")
            }
            applied = (
                [
                    row[0]
                    for row in conn.execute(
                        "select name from _sqlite_migrations where migration_set = ? "
                        "order by rowid",
                        [schema.MIGRATION_SET],
                    )
                ]
                if "_sqlite_migrations" in tables
                else []
            )
        known = schema.known_names()
        if tables and not applied:
            raise StoreError(
                f"{self.name} is not a Wellbeing Journal file (it holds other tables); "
                "check --db or JOURNAL_DB"
            )
        newer = [name for name in applied if name not in known]
        if newer:
            raise StoreError(
                f"{self.name} was written by a newer release of journal; upgrade journal to open it"
            )
        pending = [name for name in known if name not in applied]
        if self.readonly:
            if pending:
                raise StoreError(
                    f"{self.name} needs an upgrade but is read-only; make it writable "
                    "(chmod u+w) and open it once"
                )
            return
        with self.reading() as conn:
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path is not None and (
                conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
            ):
                conn.execute("PRAGMA journal_mode = wal")
        if pending:
            if applied and self.path is not None:
                self._backup(before=pending[0])
            with self.write() as db:
                schema.migrations().apply(db)

    def _backup(self, *, before: str) -> Path:
        """Copy the journal aside before an upgrade changes it."""
        assert self.path is not None
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.before-{before}.{stamp}.bak")
        _create_private_file(target)
        with self.reading() as conn, sqlite3.connect(target) as copy:
            conn.backup(copy)
        copy.close()
        return target

    # -- transactions ----------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction, taking the write lock up front (BEGIN IMMEDIATE)

        so that it never fails half way because another process wrote meanwhile.
        """
        if self.readonly:
            raise StoreError(f"{self.name} is read-only; make it writable (chmod u+w) to change it")
        db = self.db
        with self._lock, _explained(self.name):
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection to read with, under the store's lock (workers share it);
        SQLite's errors come out as StoreError. For readers beside the store,
        such as journal.stats."""
        with self._lock, _explained(self.name):
            yield self.conn


@contextmanager
def _explained(name: str) -> Iterator[None]:
    """Turn SQLite's errors into one line that says what to do."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise _explain(exc, name) from exc


def _explain(exc: sqlite3.DatabaseError, name: str) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{name} is busy: another program kept it locked for "
            f"{BUSY_TIMEOUT_SECONDS:.0f} s; try again in a moment"
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{name} is read-only; make it writable (chmod u+w) to change it")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"{name} is damaged ({exc}); it was left untouched: restore it from a backup"
        )
    if "disk is full" in text or "disk i/o" in text:
        return StoreError(f"cannot write {name}: {exc}; free some disk space and try again")
    if "unable to open" in text:
        return StoreError(f"cannot open {name}: check that the folder exists and is yours")
    return StoreError(f"{name}: {exc}")


def _prepare_file(path: Path) -> bool:
    """Check the path before SQLite touches it; create a new journal privately.

    Returns whether the journal must be opened read-only.
    """
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder; give the path of a journal file, like {path}/journal.db"
        )
    if not path.exists():
        try:
            ensure_private_folder(path.parent)
            _create_private_file(path)
        except FileExistsError:
            pass  # another process created it first: open theirs
        except OSError as exc:
            raise StoreError(f"cannot create {path}: {exc.strerror}") from None
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    if header and header != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a journal (not an SQLite file); check --db or JOURNAL_DB")
    owner_may_write = bool(path.stat().st_mode & stat.S_IWUSR)
    return not (owner_may_write and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    # O_CREAT's mode passes through the umask, which can only remove bits.


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if not readonly:
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    uri = "file:" + quote(str(path.resolve()))
    conn = sqlite3.connect(
        uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
    )
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL journal in a folder we may not write: its -shm cannot be made.
        # immutable=1 reads it anyway; safe because we never write.
        conn.close()
        conn = sqlite3.connect(
            uri + "?immutable=1", uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )
    return conn
