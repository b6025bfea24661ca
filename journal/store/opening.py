"""Opening a journal file: checking it is one, upgrading it, and the Store that
gives the rest of the app its records."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from functools import cached_property
from glob import escape as glob_escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from journal.store import checked, cipher
from journal.store import migrations as schema
from journal.store.cipher import Key, PassphraseNeeded
from journal.store.connection import Clock, JournalFile, local_now
from journal.store.drafts import Drafts
from journal.store.entries import Entries
from journal.store.errors import (
    BUSY_TIMEOUT_SECONDS,
    DRIVER_ERRORS,
    JournalBusy,
    StoreError,
    damaged,
    explained,
)
from journal.store.paths import ensure_private_folder
from journal.store.relaxation import Routines, Sessions
from journal.store.settings import Settings

if TYPE_CHECKING:
    from journal.store.checkins import Checkins
    from journal.store.searching import Searcher
    from journal.store.transfer import Transfer
    from journal.store.trends import TrendQueries

SQLITE_MAGIC = cipher.SQLITE_MAGIC

# The passphrase of an encrypted journal, or how to ask for it: called only when
# the file turns out to be encrypted (a plain journal never asks).
Passphrase = str | Callable[[], str]


class Store(JournalFile):
    """An open journal: its records, each kind through its own part
    (`store.entries`, `store.drafts`, `store.sessions`, `store.routines`,
    `store.settings`, `store.trends`, `store.checkins`), over one shared connection."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path | None,
        readonly: bool,
        clock: Clock,
        read_only_reason: str | None = None,
        key: Key | None = None,
    ) -> None:
        super().__init__(
            conn,
            path=path,
            readonly=readonly,
            clock=clock,
            read_only_reason=read_only_reason,
            key=key,
        )
        self.entries = Entries(self)
        self.drafts = Drafts(self)
        self.sessions = Sessions(self)
        self.routines = Routines(self)
        self.settings = Settings(self)
        # Set when this command found the file checked, or checked it: its writes
        # are then recorded on close so that the next command need not check again.
        self._vouched = False

    @cached_property
    def searcher(self) -> Searcher:
        """The search box's own read-only connection, which a newer search
        interrupts (searching.py); opened at the first search."""
        from journal.store.searching import Searcher

        # An encrypted journal's second connection takes the same key.
        path, key = self.path, self.key
        connect = None if path is None else lambda: _connect(path, True, key)
        return Searcher(
            self,
            connect,
            lambda query, **how: self.entries.find(query, **how),
            lambda query, **how: self.entries.count(query, **how),
        )

    @cached_property
    def trends(self) -> TrendQueries:
        """The read models behind Trends (imported when first asked for: the journal
        screen opens without them)."""
        from journal.store.trends import TrendQueries

        return TrendQueries(self)

    @cached_property
    def checkins(self) -> Checkins:
        """The WHO-5 check-ins (imported when first asked for: the journal screen
        paints first)."""
        from journal.store.checkins import Checkins

        return Checkins(self)

    @cached_property
    def transfer(self) -> Transfer:
        """Exports, imports (merges) and backups."""
        from journal.store.transfer import Transfer

        return Transfer(self)

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        clock: Clock = local_now,
        create: bool = True,
        check_pages: bool = True,
        passphrase: Passphrase | None = None,
        key: Key | None = None,
    ) -> Store:
        """Open (or create) the journal at `path`, upgrading it if it is older.

        A file that is not a journal, is damaged, or was written by a newer release
        is refused with a StoreError and left exactly as it was. A journal that
        cannot be created (a full disk) leaves nothing behind.

        `create=False`, for a command that only reads: a missing or empty (0-byte)
        file is read as an empty journal, and nothing is created or written.

        `check_pages=False` leaves out the check of every page (check_pages()), for
        the app, which runs it after its first paint: its cost grows with the file.

        An encrypted journal (journal.store.cipher) is opened the same way, with
        `passphrase` (or the `key` already derived from it); a wrong one raises
        WrongPassphrase, none PassphraseNeeded, and the file is not changed. A new
        journal is plain (`journal encrypt` encrypts one).
        """
        path = Path(path)
        size = _existing_size(path)
        if not size and not create:
            return cls.in_memory(clock=clock)
        made = _create_journal_file(path) if size is None else []
        try:
            # Told apart by the first 16 bytes: sqlcipher3 is imported for an
            # encrypted journal only.
            encrypted = bool(size) and cipher.is_encrypted(path)
            key = (key or _key_for(path, passphrase)) if encrypted else None
            # A file that was missing a moment ago (made now, by us or by another
            # program opening it too) is new and ours to write: nothing to check.
            why_read_only = None if size is None else _check_file(path, encrypted=key is not None)
            with explained(str(path)):
                conn = _connect(path, why_read_only is not None, key)
            store = cls(
                conn,
                path=path,
                readonly=why_read_only is not None,
                clock=clock,
                read_only_reason=why_read_only,
                key=key,
            )
            try:
                store._check_and_upgrade(check_pages=check_pages and size is not None)
                # Checked, or made just now by us: whole (the app, which checks
                # later and may run for hours, never vouches for its writes).
                store._vouched = check_pages
            except BaseException:
                conn.close()
                raise
        except BaseException as exc:
            # Busy: another program has the new file open and is making it a
            # journal; it is theirs now, not ours to take back.
            if made and not isinstance(exc, JournalBusy):
                _remove_made(path, made)
            raise
        return store

    @classmethod
    def in_memory(cls, *, clock: Clock = local_now) -> Store:
        """A fresh journal in memory, for tests and the bench's baselines."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        store = cls(conn, path=None, readonly=False, clock=clock)
        store._check_and_upgrade()
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if "searcher" in self.__dict__:
            self.searcher.close()
        super().close()
        if self._vouched and self.wrote and self.path is not None and not self.readonly:
            checked.remember_written(self.path)

    def _check_and_upgrade(self, *, check_pages: bool = False) -> None:
        if check_pages:
            self.check_pages(trust_record=True)
        with self.reading() as conn:
            pending = self._pending_migrations(conn)
        if self.readonly:
            if pending:
                raise StoreError(
                    f"{self.name} needs an upgrade but cannot be changed: "
                    f"{self.read_only_reason} and open it once"
                )
            return
        with self.reading() as conn:
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path is not None and (
                conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
            ):
                conn.execute("PRAGMA journal_mode = wal")
        if not pending:
            return
        # Check, back up and upgrade under the write lock, in one transaction:
        # other programs opening the same old journal meanwhile wait here, then
        # find it upgraded; a kill half way leaves it as it was.
        with self.write() as db:
            pending = self._pending_migrations(self.conn)
            if not pending:
                return  # another program upgraded it while we waited
            if len(pending) < len(schema.known_names()) and self.path is not None:
                self._backup(before=pending[0])
            schema.migrations().apply(db)

    def check_pages(self, *, trust_record: bool = False) -> None:
        """Refuse a file SQLite finds malformed, before anything is written to it
        (or read from it): damage in pages a command never reads would go unseen.

        Its cost grows with the file: PRAGMA quick_check reads every page, 90-190 ms
        (median about 120) on the bench's journal of 100,000 entries and 5,000
        sessions (46 MB, 11,304 pages), where opening it is otherwise 1 ms;
        integrity_check, which also compares every index with its table, takes 800 ms.
        So the app runs it after its first paint, on a connection of its own: the
        screen's reads do not wait for it. A command (`trust_record=True`) skips it
        when the file is exactly as the last command that checked it left it
        (store/checked.py says how, and what that cannot see).
        """
        if self.path is None:
            return
        if trust_record and checked.unchanged(self.path):
            return
        before = checked.state_of(self.path)
        with explained(self.name):
            conn = _connect(self.path, True, self.key)
            try:
                rows = conn.execute("PRAGMA quick_check").fetchall()
            except DRIVER_ERRORS.database as exc:
                # Damage bad enough that the check itself cannot go on.
                if not any(word in str(exc) for word in ("malformed", "corrupt", "not a database")):
                    raise
                rows = [(str(exc),)]
            finally:
                conn.close()
        if rows == [("ok",)]:
            checked.remember_checked(self.path, before)
        else:
            checked.forget(self.path)
            # From now on, every write is refused with the reason.
            self.readonly = True
            self._read_only_reason = f"{self.name} is damaged; restore it from a backup"
            raise damaged(self.name, rows[0][0] if rows else "no answer from its check")

    def _pending_migrations(self, conn: sqlite3.Connection) -> list[str]:
        """The migrations this journal still needs; refuses a file that is not a
        journal, or is one from a newer release."""
        tables = {
            row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")
        }
        applied = schema.applied_names(conn, tables)
        if tables and not applied:
            raise StoreError(
                f"{self.name} is not a Wellbeing Journal file (it holds other tables); "
                "check --db or JOURNAL_DB"
            )
        known = schema.known_names()
        if any(name not in known for name in applied):
            raise StoreError(
                f"{self.name} was written by a newer release of journal; upgrade journal to open it"
            )
        return [name for name in known if name not in applied]

    def backup_to(self, target: Path, *, integrity_check: bool = False) -> None:
        """A consistent copy of the journal at `target` (a new file, mode 0600),
        through SQLite's backup API on a connection of its own, so it can run while
        this one writes. An encrypted journal's copy is encrypted with the same
        passphrase: no plain copy of it is ever made. `integrity_check`: the copy
        is then checked (PRAGMA integrity_check, with the key), a StoreError if it
        fails. For `journal backup`: write into a partial name and rename, as
        _backup() does."""
        assert self.path is not None
        _create_private_file(target)
        try:
            source = _connect(self.path, True, self.key)
            try:
                _copy_into(source, target, self.key)
            finally:
                source.close()
            if integrity_check:
                with explained(str(target)):
                    copy = _connect(target, True, self.key)
                    try:
                        rows = copy.execute("PRAGMA integrity_check").fetchall()
                    finally:
                        copy.close()
                if rows != [("ok",)]:
                    raise damaged(str(target), rows[0][0] if rows else "no answer")
        except BaseException:
            target.unlink(missing_ok=True)
            raise

    def _backup(self, *, before: str) -> Path:
        """Copy the journal aside before an upgrade changes it. Called under the
        write lock, so no other program is upgrading (or backing up) meanwhile."""
        assert self.path is not None
        # Half copies left by a program killed while making one: only a holder of
        # the write lock writes them, and that is us now.
        for stale in self.path.parent.glob(f"{glob_escape(self.path.name)}.before-*.partial*"):
            stale.unlink(missing_ok=True)
        stamp = self.clock().strftime("%Y%m%d-%H%M%S-%f")
        partial = self.path.with_name(f"{self.path.name}.before-{before}.{stamp}.partial")
        try:
            # Another connection reads the copy: this one holds the write
            # transaction, and SQLite cannot back up from a connection that writes.
            self.backup_to(partial)
            # The whole copy takes its name in one step, under a name no other
            # backup has: a program killed in the same microsecond after its copy
            # was named, or a clock that stands still, gets a counter after it.
            target = self.path.with_name(f"{self.path.name}.before-{before}.{stamp}.bak")
            n = 0
            while target.exists():
                n += 1
                target = target.with_name(f"{self.path.name}.before-{before}.{stamp}-{n}.bak")
            os.replace(partial, target)
            return target
        finally:
            partial.unlink(missing_ok=True)


def _existing_size(path: Path) -> int | None:
    """The size of the journal file, None if there is none; refuses a path that is
    not a regular file. os.stat first: opening a FIFO to read it waits for a writer
    forever, and a device or a socket is no place for a journal either."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(
            f"{path} is a folder; give the path of a journal file, like {path}/journal.db"
        )
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} is {_kind_of_file(info.st_mode)}, not a journal file; check --db or JOURNAL_DB"
        )
    return info.st_size


def _create_journal_file(path: Path) -> list[Path]:
    """Create a new journal file privately (and its folders); returns what was
    made, to be removed if the journal cannot be set up in it."""
    made: list[Path] = []
    try:
        made += ensure_private_folder(path.parent)
        _create_private_file(path)
        made.append(path)
    except FileExistsError:
        pass  # another process created it first: open theirs
    except OSError as exc:
        _remove_made(path, made)
        raise StoreError(f"cannot create {path}: {exc.strerror}") from None
    return made


def _remove_made(path: Path, made: list[Path]) -> None:
    """Take back a journal file that could not be set up, with SQLite's files beside
    it and the folders made for it (those still empty)."""
    if path in made:
        for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
            path.with_name(name).unlink(missing_ok=True)
    for folder in reversed([p for p in made if p != path]):
        try:
            folder.rmdir()
        except OSError:
            break  # something else is in it now


def _check_file(path: Path, *, encrypted: bool = False) -> str | None:
    """Check an existing file is SQLite (or an encrypted journal) before SQLite
    touches it. Returns why it must be opened read-only, or None when it may be
    written."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    if header and header != SQLITE_MAGIC and not encrypted:
        raise StoreError(f"{path} is not a journal (not an SQLite file); check --db or JOURNAL_DB")
    owner_may_write = bool(path.stat().st_mode & stat.S_IWUSR)
    if not (owner_may_write and os.access(path, os.W_OK)):
        return f"{path} is read-only; make it writable (chmod u+w)"
    folder = Path(os.path.abspath(path.parent))
    if not os.access(folder, os.W_OK):
        # SQLite writes beside the journal (its -wal and -shm files): the file's
        # own mode is not what stops it.
        return (
            f"{path} cannot be changed: its folder {folder} is not writable, and SQLite "
            f"keeps files beside the journal; make the folder writable (chmod u+w {folder})"
        )
    return None


def _kind_of_file(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    # O_CREAT's mode passes through the umask, which can only remove bits.


def _copy_into(source: sqlite3.Connection, target: Path, key: Key | None) -> None:
    """A consistent copy of the journal through SQLite's backup API; encrypted with
    the same key (and salt, so the same passphrase opens it) when `key` is given."""
    with explained(str(target)):
        copy = cipher.connect(target, key)
        try:
            source.backup(copy)
            # A copy is one file: no -wal beside it when it is opened.
            copy.execute("PRAGMA journal_mode = delete")
        finally:
            copy.close()


def _key_for(path: Path, passphrase: Passphrase | None) -> Key:
    if passphrase is None:
        raise PassphraseNeeded(f"{path} is encrypted; give its passphrase to open it")
    cipher.driver()  # sqlcipher3 missing: said before the passphrase is asked for
    return cipher.key_for(path, passphrase if isinstance(passphrase, str) else passphrase())


def _connect(path: Path, readonly: bool, key: Key | None = None) -> sqlite3.Connection:
    """sqlite3 for a plain journal, sqlcipher3 keyed for an encrypted one
    (journal.store.cipher.connect); a wrong key raises WrongPassphrase here."""
    options = {"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
    if not readonly:
        conn = cipher.connect(path, key, **options)
        if key is not None:
            _first_read(conn, key)
        return conn
    uri = "file:" + quote(str(path.resolve()))
    conn = cipher.connect(uri + "?mode=ro", key, uri=True, **options)
    try:
        _first_read(conn, key)
    except DRIVER_ERRORS.operational:
        # A WAL journal in a folder we may not write: its -shm cannot be made.
        # immutable=1 reads it anyway; safe because we never write.
        conn = cipher.connect(uri + "?immutable=1", key, uri=True, **options)
        if key is not None:
            _first_read(conn, key)
    return conn


def _first_read(conn: sqlite3.Connection, key: Key | None) -> None:
    """Read the schema once: for an encrypted journal, the check of its key. The
    connection is closed if it fails."""
    try:
        if key is None:
            conn.execute("select count(*) from sqlite_master").fetchone()
        else:
            cipher.check_key(conn)
    except BaseException:
        conn.close()
        raise
