"""The store's errors: faults a user can act on, each said in one line, and the one
place that turns SQLite's errors into them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from journal.rounding import fixed

# How long a command waits for another program's write lock before saying so.
BUSY_TIMEOUT_SECONDS = 8.0


class DriverErrors:
    """The DB-API error classes of the drivers in use: sqlite3's, and sqlcipher3's
    once an encrypted journal has loaded it (journal.store.cipher adds them).
    Catch `DRIVER_ERRORS.database` / `.operational` where sqlite3's alone would
    miss an encrypted journal's errors (the two drivers share no classes)."""

    def __init__(self) -> None:
        self.database: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
        self.operational: tuple[type[Exception], ...] = (sqlite3.OperationalError,)

    def add(self, module: ModuleType) -> None:
        if module.DatabaseError not in self.database:
            self.database += (module.DatabaseError,)
            self.operational += (module.OperationalError,)


DRIVER_ERRORS = DriverErrors()


class StoreError(Exception):
    """A fault a user can act on; the message is one line and holds no entry text."""


class JournalBusy(StoreError):
    """Another program held the write lock for longer than we waited."""


class JournalReadOnly(StoreError):
    """The journal may be read but not changed."""


class EntryNotFound(StoreError):
    def __init__(self, entry_id: int) -> None:
        super().__init__(f"there is no entry {entry_id}; 'journal list' shows the ids")
        self.entry_id = entry_id


def busy(name: str, waited: float = BUSY_TIMEOUT_SECONDS) -> JournalBusy:
    return JournalBusy(
        f"{name} is busy: another program kept it locked for {fixed(waited, 0)} s; "
        "try again in a moment"
    )


def read_only(name: str, reason: str | None = None) -> JournalReadOnly:
    """`reason`: why it cannot be changed and what to make writable (the journal's
    own `read_only_reason`); the file itself when not given."""
    reason = reason or f"{name} is read-only; make it writable (chmod u+w)"
    return JournalReadOnly(f"{reason} to change it")


def damaged(name: str, detail: str) -> StoreError:
    detail = " ".join(detail.split())
    return StoreError(
        f"{name} is damaged ({detail}); it was left untouched: restore it from a backup"
    )


def is_busy(exc: Exception) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@contextmanager
def explained(name: str) -> Iterator[None]:
    """Turn SQLite's errors into one line that says what to do."""
    try:
        yield
    except DRIVER_ERRORS.database as exc:
        raise explain(exc, name) from exc


def explain(exc: Exception, name: str) -> StoreError:
    text = str(exc).lower()
    if is_busy(exc):
        return busy(name)
    if "readonly" in text or "read-only" in text:
        return read_only(name)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return damaged(name, str(exc))
    if "disk is full" in text or "disk i/o" in text:
        return StoreError(f"cannot write {name}: {exc}; free some disk space and try again")
    if "unable to open" in text:
        return StoreError(f"cannot open {name}: check that the folder exists and is yours")
    return StoreError(f"{name}: {exc}")
