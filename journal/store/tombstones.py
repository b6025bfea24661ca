"""Tombstones: what is left of a deleted record (its uuid, kind and the moment it
was deleted), so that a merge with an older copy of the journal does not bring it
back."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from journal.models import to_utc_text

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

# The kinds of record a tombstone stands for, and the table each lives in.
TABLES = {"entry": "entries", "session": "sessions", "routine": "routines", "checkin": "checkins"}


def bury(
    db: Database | sqlite3.Connection, kind: str, where: str, params: list[object], at: datetime
) -> None:
    """Leave a tombstone for each `kind` record that `where` picks, in the caller's
    transaction, before the caller deletes them."""
    db.execute(
        f"insert into tombstones (uuid, kind, deleted_utc) "
        f"select uuid, ?, ? from [{TABLES[kind]}] where {where} "
        "on conflict (uuid) do update set deleted_utc = excluded.deleted_utc",
        [kind, to_utc_text(at), *params],
    )
