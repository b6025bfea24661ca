"""The only place that talks SQL: opening and checking a journal file, its
transactions, entries, drafts, relaxation, settings, the read models behind Trends,
migrations, and where the data lives. `Store.open(path)` is the way in."""

from __future__ import annotations

from journal.store.checkins import CheckinRecord
from journal.store.connection import Clock, JournalFile, local_now
from journal.store.entries import EntryQuery, EntryRecord, fts_expression
from journal.store.errors import EntryNotFound, JournalBusy, JournalReadOnly, StoreError
from journal.store.opening import Store
from journal.store.relaxation import SessionRecord

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
