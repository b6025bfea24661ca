"""Encrypting, decrypting and re-keying a journal in place, never half way.

Each conversion writes the whole journal into a new file beside it
(`journal.db.converting`, through SQLCipher's sqlcipher_export), checks that the new
file opens with its new key and that every row of every table is there, then puts
it in the journal's place with one rename. A kill at any moment leaves the old
journal (and at most a stale .converting file, removed by the next conversion) or
the new one, whole.

The old journal is first taken out of WAL mode (its -wal written back and removed),
so that no -wal of the old file is left beside the new one, and held under a shared
lock until the rename: no other program commits a write meanwhile (one that tries
after the rename finds the file moved and is refused, never lost). A conversion is
refused while another program has the journal open. Two conversions of one journal
started at the same moment are not kept apart: the journal stays whole, but which
one's passphrase wins is not said.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from journal.store import cipher
from journal.store.cipher import Key
from journal.store.errors import DRIVER_ERRORS, StoreError, explained

# How long to wait for another program's write to end before converting.
LOCK_WAIT_SECONDS = 8.0


def convert(path: Path, old: Key | None, new: Key | None) -> None:
    """Write the journal at `path` (opened with `old`, None when plain) again with
    `new` (None: plain), in place. The journal must be at the current schema
    (Store.open first: it upgrades and checks it)."""
    path = Path(path)
    _refuse_if_open_elsewhere(path)
    target = path.with_name(f"{path.name}.converting")
    with explained(str(path)), _exclusive(path, old) as source:
        # A stale one is what a killed conversion left.
        for leftover in _with_companions(target):
            leftover.unlink(missing_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        try:
            _export(source, target, new)
            _check_copy(source, target, new)
            _fsync(target)
            os.replace(target, path)
            _fsync(path.parent)
        finally:
            for leftover in _with_companions(target):
                leftover.unlink(missing_ok=True)


def _refuse_if_open_elsewhere(path: Path) -> None:
    """Refuse while another program (the app) has the journal open: after the
    rename it would go on with the old file. In WAL mode every connection holds a
    read lock on byte 128 of the -shm file (SQLite's "DMS" lock) while it is open.

    Called before this process opens the journal: closing our own descriptor of
    the -shm file would drop the locks of any SQLite connection of ours on it.
    """
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locks are all there is
        return
    shm = path.with_name(f"{path.name}-shm")
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return  # no -shm: nobody has it open in WAL mode
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
    except OSError:
        raise StoreError(
            f"{path} is open in another program (the app?); close it and try again"
        ) from None
    finally:
        os.close(fd)  # lets go of the lock too


@contextmanager
def _exclusive(path: Path, key: Key | None) -> Iterator[Any]:
    """A sqlcipher3 connection to the journal (sqlite3 has no sqlcipher_export),
    out of WAL mode and holding a shared lock until closed."""
    conn = cipher.driver().connect(str(path), timeout=LOCK_WAIT_SECONDS, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {key.literal()}")
        cipher.check_key(conn)
        # Writes the -wal back into the file and removes it (and the -shm).
        if conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "delete":
            raise StoreError(f"{path} is open in another program; close it and try again")
        # In exclusive locking mode the first read takes a shared lock and keeps it
        # until close: another program may read meanwhile, but not commit a write.
        # (Nothing is written to the journal itself: a rollback journal of it,
        # kept by exclusive mode, would be left beside the new file.)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("select count(*) from sqlite_master").fetchone()
        yield conn
    finally:
        conn.close()


def _export(source: Any, target: Path, key: Key | None) -> None:
    """Everything of the journal into `target`. No transaction spans the two files
    (SQLite would leave a super-journal beside the journal if killed in its
    commit), and the new file has no rollback journal: the journal's shared lock
    keeps it still meanwhile, and a new file cut short is thrown away."""
    literal = key.literal() if key is not None else "''"  # '': a plain file
    source.execute(f"ATTACH DATABASE ? AS converting KEY {literal}", [str(target)])
    try:
        source.execute("PRAGMA converting.journal_mode = OFF")
        source.execute("SELECT sqlcipher_export('converting')")
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA converting.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE converting")


def _check_copy(source: Any, target: Path, key: Key | None) -> None:
    """The new file opens with its key, as the store will open it, SQLite finds it
    whole, and every table holds as many rows as the journal's."""
    copy = cipher.connect(target, key)
    try:
        if key is not None:
            cipher.check_key(copy)
        check = copy.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise StoreError(f"the converted copy of the journal failed its check ({check[0][0]})")
        tables = [
            row[0]
            for row in source.execute(
                "select name from sqlite_master where type = 'table' order by name"
            )
        ]
        copied = [
            row[0]
            for row in copy.execute(
                "select name from sqlite_master where type = 'table' order by name"
            )
        ]
        if copied != tables:
            raise StoreError("the converted copy of the journal lacks tables; nothing was changed")
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            count = f"select count(*) from {quoted}"
            if source.execute(count).fetchone() != copy.execute(count).fetchone():
                raise StoreError(
                    f"the converted copy of the journal lacks rows of {table}; nothing was changed"
                )
        sequence = "select name, seq from sqlite_sequence order by name"
        if "sqlite_sequence" in tables and (
            source.execute(sequence).fetchall() != copy.execute(sequence).fetchall()
        ):
            raise StoreError("the converted copy of the journal lost its id counters")
    except DRIVER_ERRORS.database as exc:
        raise StoreError(f"the converted copy of the journal does not open ({exc})") from None
    finally:
        copy.close()


def _with_companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("", "-journal", "-wal", "-shm")]


def _fsync(path: Path) -> None:
    if sys.platform == "win32" and path.is_dir():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- copies of the journal kept beside it ---------------------------------------------


def kept_copies(path: Path) -> list[Path]:
    """The copies of the journal kept beside it: the copies taken before upgrades
    (journal.db.before-*.bak) and the backups in backups/."""
    path = Path(path)
    found = list(path.parent.glob(f"{_glob_escape(path.name)}.before-*.bak"))
    backups = path.parent / "backups"
    if backups.is_dir():
        found += [p for p in backups.iterdir() if p.is_file()]
    return sorted(found)


def plain_copies(path: Path) -> list[Path]:
    """The kept copies that are plain (unencrypted) journals."""
    return [p for p in kept_copies(path) if _is_plain_sqlite(p)]


def encrypt_copy(copy: Path, key: Key) -> None:
    """Encrypt a plain copy in place (with the journal's key: the same passphrase
    opens it), through the same new-file-then-rename as the journal."""
    convert(copy, None, key)


def _is_plain_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(cipher.SQLITE_MAGIC)) == cipher.SQLITE_MAGIC
    except OSError:
        return False


def _glob_escape(name: str) -> str:
    from glob import escape

    return escape(name)
