"""The only place that talks SQL: opening and checking a journal file, its
transactions, entries, drafts, relaxation, settings, the read models behind Trends,
migrations, and where the data lives. `Store.open(path)` is the way in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.store.connection import Clock, JournalFile, local_now
from journal.store.entries import EntryQuery, EntryRecord, fts_expression
from journal.store.errors import EntryNotFound, JournalBusy, JournalReadOnly, StoreError
from journal.store.opening import Store
from journal.store.relaxation import SessionRecord

if TYPE_CHECKING:
    from journal.store.checkins import CheckinRecord

__all__ = [
    "CheckinRecord",
    "Clock",
    "EntryNotFound",
    "EntryQuery",
    "EntryRecord",
    "JournalBusy",
    "JournalFile",
    "JournalReadOnly",
    "SessionRecord",
    "Store",
    "StoreError",
    "fts_expression",
    "local_now",
]


def __getattr__(name: str) -> object:
    # The check-ins' module is loaded when first used, not with the store: the app
    # paints its first screen without it.
    if name == "CheckinRecord":
        from journal.store.checkins import CheckinRecord

        return CheckinRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
