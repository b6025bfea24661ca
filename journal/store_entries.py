"""Store's entries and drafts, and the queries that list and search entries."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from journal.models import (
    Draft,
    Entry,
    EntryInput,
    from_stored,
    offset_minutes,
    to_utc_text,
)
from journal.store_errors import EntryNotFound

if TYPE_CHECKING:
    from sqlite_utils import Database

    from journal.store import Clock


@dataclass(frozen=True)
class EntryQuery:
    """Which entries to list. Dates are local days, inclusive."""

    since: date | None = None
    until: date | None = None
    since_moment: datetime | None = None
    until_moment: datetime | None = None
    tags: tuple[str, ...] = ()
    text: str = ""

    @classmethod
    def from_search(cls, search: str, **filters) -> EntryQuery:
        """A search box's text: `#word` filters by tag, the rest is full text."""
        words, tags = [], list(filters.pop("tags", ()))
        for word in search.split():
            if word.startswith("#") and len(word) > 1:
                tags.append(word[1:].lower())
            else:
                words.append(word)
        return cls(tags=tuple(tags), text=" ".join(words), **filters)

    @property
    def is_empty(self) -> bool:
        return self == EntryQuery()


def fts_expression(text: str) -> str:
    """User words to an FTS5 query: every word must match, as a prefix.

    Everything the user typed is quoted, so FTS5 syntax (AND, NEAR, *, ^, column
    filters) in a search box is searched for, never run. "Double quotes" make a
    phrase.
    """
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        if phrase.strip():
            parts.append('"' + phrase.strip() + '"')
        elif (word := word.replace('"', "")) and re.search(r"\w", word):
            parts.append('"' + word + '"*')
    return " ".join(parts)


class EntriesMixin:
    """Store's methods for entries and drafts; Store supplies the clock, write() and
    reading()."""

    clock: Clock

    # -- entries ---------------------------------------------------------------

    def add_entry(self, entry: EntryInput, *, at: datetime | None = None) -> Entry:
        moment = at or self.clock()
        now = self.clock()
        with self.write() as db:
            entry_id = (
                db["entries"]
                .insert(
                    {
                        "uuid": str(uuid.uuid4()),
                        **time_columns(moment, "created"),
                        "mood": entry.mood,
                        "stress": entry.stress,
                        "body": entry.body,
                        "updated_utc": to_utc_text(now),
                    }
                )
                .last_pk
            )
            _set_tags(db, entry_id, entry.tags)
            # Saving an entry ends the draft it was written in.
            db.execute("delete from drafts where key = 'new'")
        return self.entry(entry_id)

    def update_entry(
        self, entry_id: int, entry: EntryInput, *, at: datetime | None = None
    ) -> Entry:
        with self.write() as db:
            if not db.execute("select 1 from entries where id = ?", [entry_id]).fetchone():
                raise EntryNotFound(entry_id)
            changes = {
                "mood": entry.mood,
                "stress": entry.stress,
                "body": entry.body,
                "updated_utc": to_utc_text(self.clock()),
            }
            if at is not None:
                changes.update(time_columns(at, "created"))
            db["entries"].update(entry_id, changes)
            db.execute("delete from entry_tags where entry_id = ?", [entry_id])
            _set_tags(db, entry_id, entry.tags)
            db.execute("delete from drafts where key = ?", [_draft_key(entry_id)])
        return self.entry(entry_id)

    def delete_entry(self, entry_id: int) -> None:
        with self.write() as db:
            db.execute("delete from entry_tags where entry_id = ?", [entry_id])
            db.execute("delete from drafts where entry_id = ?", [entry_id])
            if not db.execute("delete from entries where id = ?", [entry_id]).rowcount:
                raise EntryNotFound(entry_id)

    def entry(self, entry_id: int) -> Entry:
        with self.reading() as conn:
            row = conn.execute(
                f"select {_ENTRY_COLUMNS} from entries e where e.id = ?", [entry_id]
            ).fetchone()
        if row is None:
            raise EntryNotFound(entry_id)
        return _entry_from_row(row)

    def entries(
        self,
        query: EntryQuery = EntryQuery(),
        *,
        limit: int | None = 50,
        after: Entry | None = None,
    ) -> list[Entry]:
        """Entries newest first; `after` continues a page from its last entry."""
        where, params = _where(query)
        if after is not None:
            where.append("(e.created_utc, e.id) < (?, ?)")
            params += [to_utc_text(after.created_at), after.id]
        # Pick the page's ids on the index alone, then read bodies and tags for
        # those rows only: filters that match many rows stay cheap.
        page = "select e.id from entries e"
        if where:
            page += " where " + " and ".join(where)
        page += " order by e.created_utc desc, e.id desc"
        if limit is not None:
            page += " limit ?"
            params.append(limit)
        sql = (
            f"select {_ENTRY_COLUMNS} from entries e where e.id in ({page}) "
            "order by e.created_utc desc, e.id desc"
        )
        with self.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_entry_from_row(row) for row in rows]

    def count_entries(self, query: EntryQuery = EntryQuery()) -> int:
        where, params = _where(query)
        sql = "select count(*) from entries e"
        if where:
            sql += " where " + " and ".join(where)
        with self.reading() as conn:
            return conn.execute(sql, params).fetchone()[0]

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with the number of entries that have it, most used first."""
        with self.reading() as conn:
            rows = conn.execute(
                "select tag, count(*) as n from entry_tags group by tag order by n desc, tag"
            ).fetchall()
        return [(tag, n) for tag, n in rows]

    def data_version(self) -> int:
        """A number that changes when another connection commits a write."""
        with self.reading() as conn:
            return conn.execute("PRAGMA data_version").fetchone()[0]

    # -- drafts ----------------------------------------------------------------

    def save_draft(
        self,
        entry_id: int | None,
        *,
        body: str,
        mood: int | None,
        stress: int | None,
        tags: str,
    ) -> None:
        with self.write() as db:
            if (
                entry_id is not None
                and not db.execute("select 1 from entries where id = ?", [entry_id]).fetchone()
            ):
                raise EntryNotFound(entry_id)
            db["drafts"].upsert(
                {
                    "key": _draft_key(entry_id),
                    "entry_id": entry_id,
                    "body": body,
                    "mood": mood,
                    "stress": stress,
                    "tags": tags,
                    "saved_utc": to_utc_text(self.clock()),
                },
                pk="key",
            )

    def draft(self, entry_id: int | None) -> Draft | None:
        with self.reading() as conn:
            row = conn.execute(
                "select entry_id, body, mood, stress, tags, saved_utc from drafts where key = ?",
                [_draft_key(entry_id)],
            ).fetchone()
        if row is None:
            return None
        return Draft(row[0], row[1], row[2], row[3], row[4], from_stored(row[5], 0))

    def discard_draft(self, entry_id: int | None) -> None:
        with self.write() as db:
            db.execute("delete from drafts where key = ?", [_draft_key(entry_id)])


# -- helpers -----------------------------------------------------------------------

_ENTRY_COLUMNS = (
    "e.id, e.uuid, e.created_utc, e.utc_offset, e.mood, e.stress, e.body, e.updated_utc, "
    "(select group_concat(tag, ' ') from "
    "(select tag from entry_tags t where t.entry_id = e.id order by tag)) as tags"
)


def _entry_from_row(row: tuple) -> Entry:
    entry_id, entry_uuid, created, offset, mood, stress, body, updated, tags = row
    return Entry(
        id=entry_id,
        uuid=entry_uuid,
        created_at=from_stored(created, offset),
        mood=mood,
        stress=stress,
        body=body,
        tags=tags.split(" ") if tags else [],
        updated_at=from_stored(updated, offset) if updated else None,
    )


def time_columns(moment: datetime, name: str) -> dict:
    """The columns that place a moment (`name`_utc, utc_offset, local_date); the
    sessions table has them too."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return {
        f"{name}_utc": to_utc_text(moment),
        "utc_offset": offset_minutes(moment),
        "local_date": moment.date().isoformat(),
    }


def _set_tags(db: Database, entry_id: int, tags: list[str]) -> None:
    if tags:
        db["entry_tags"].insert_all({"entry_id": entry_id, "tag": tag} for tag in tags)


def _draft_key(entry_id: int | None) -> str:
    return "new" if entry_id is None else f"entry:{entry_id}"


def _where(query: EntryQuery) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    if query.since:
        where.append("e.local_date >= ?")
        params.append(query.since.isoformat())
    if query.until:
        where.append("e.local_date <= ?")
        params.append(query.until.isoformat())
    if query.since_moment:
        where.append("e.created_utc >= ?")
        params.append(to_utc_text(query.since_moment))
    if query.until_moment:
        where.append("e.created_utc <= ?")
        params.append(to_utc_text(query.until_moment))
    for tag in query.tags:
        where.append("e.id in (select entry_id from entry_tags where tag = ?)")
        params.append(tag)
    expression = fts_expression(query.text)
    if expression:
        where.append("e.id in (select rowid from entries_fts where entries_fts match ?)")
        params.append(expression)
    elif query.text.strip():
        # Only punctuation was typed: nothing can match it.
        where.append("0")
    return where, params
