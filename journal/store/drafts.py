"""Drafts: the text of an entry being written, saved every second or so, so that a
crash or a closed terminal loses at most that."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.models import Draft, from_stored, to_utc_text
from journal.store.errors import EntryNotFound

if TYPE_CHECKING:
    from journal.store.connection import JournalFile


def draft_key(entry_id: int | None) -> str:
    """ "new" for the one unsaved new entry, "entry:<id>" for an entry being changed."""
    return "new" if entry_id is None else f"entry:{entry_id}"


class Drafts:
    """The drafts: `store.drafts`. A draft belongs to a new entry (None) or to an
    entry being changed (its id), and to the editor that writes it: only that
    editor's save (`entries.add/update(..., ends_draft=True)`) or discard ends it."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file

    def save(
        self,
        entry_id: int | None,
        *,
        body: str,
        mood: int | None,
        stress: int | None,
        tags: str,
        wait: float | None = None,
    ) -> None:
        """Keep the draft; `wait`: how long to wait for another program's write lock."""
        with self._file.write(wait=wait) as db:
            if (
                entry_id is not None
                and not db.execute("select 1 from entries where id = ?", [entry_id]).fetchone()
            ):
                raise EntryNotFound(entry_id)
            db.table("drafts").upsert(
                {
                    "key": draft_key(entry_id),
                    "entry_id": entry_id,
                    "body": body,
                    "mood": mood,
                    "stress": stress,
                    "tags": tags,
                    "saved_utc": to_utc_text(self._file.clock()),
                },
                pk="key",
            )

    def get(self, entry_id: int | None) -> Draft | None:
        with self._file.reading() as conn:
            row = conn.execute(
                "select entry_id, body, mood, stress, tags, saved_utc from drafts where key = ?",
                [draft_key(entry_id)],
            ).fetchone()
        if row is None:
            return None
        return Draft(row[0], row[1], row[2], row[3], row[4], from_stored(row[5], 0))

    def discard(self, entry_id: int | None, *, wait: float | None = None) -> None:
        with self._file.write(wait=wait) as db:
            db.execute("delete from drafts where key = ?", [draft_key(entry_id)])
