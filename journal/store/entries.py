"""Entries and their tags: saving them, and the queries that list and search them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from journal.models import (
    Entry,
    EntryInput,
    from_stored,
    offset_minutes,
    to_utc_text,
)
from journal.store.drafts import draft_key
from journal.store.errors import EntryNotFound
from journal.store.tombstones import bury

if TYPE_CHECKING:
    from sqlite_utils import Database

    from journal.store.connection import JournalFile


@dataclass(frozen=True)
class EntryRecord:
    """An entry to save in bulk, as its writer saved it: at `at` (aware), with its
    own uuid when it has one (a sample's, an imported record's)."""

    at: datetime
    entry: EntryInput
    uuid: str | None = None
    updated_at: datetime | None = None


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
    def from_search(cls, search: str, **filters: Any) -> EntryQuery:
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


class Entries:
    """The journal's entries: `store.entries`."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file

    def add(
        self,
        entry: EntryInput,
        *,
        at: datetime | None = None,
        wait: float | None = None,
        ends_draft: bool = False,
    ) -> Entry:
        """Save a new entry (at `at`, or now).

        `wait`: how long to wait for another program's write lock (all writes take it).
        `ends_draft`: only the editor that wrote the new entry's draft passes True, in
        the same transaction as its save. Drafts belong to that editor: `journal add`
        from another terminal must not wipe the text the app is holding, or a crash
        after it loses that text.
        """
        moment = at or self._file.clock()
        now = self._file.clock()
        with self._file.write(wait=wait) as db:
            entry_id = (
                db.table("entries")
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
                .last_rowid
            )
            assert entry_id is not None  # insert() has just set it
            _set_tags(db, entry_id, entry.tags)
            if ends_draft:
                db.execute("delete from drafts where key = ?", [draft_key(None)])
        return self.get(entry_id)

    def update(
        self,
        entry_id: int,
        entry: EntryInput,
        *,
        at: datetime | None = None,
        wait: float | None = None,
        ends_draft: bool = False,
    ) -> Entry:
        """Change an entry (and move it to `at`, if given). `ends_draft`: as in add(),
        for the editor that wrote this entry's draft."""
        with self._file.write(wait=wait) as db:
            if not db.execute("select 1 from entries where id = ?", [entry_id]).fetchone():
                raise EntryNotFound(entry_id)
            changes = {
                "mood": entry.mood,
                "stress": entry.stress,
                "body": entry.body,
                "updated_utc": to_utc_text(self._file.clock()),
            }
            if at is not None:
                changes.update(time_columns(at, "created"))
            db.table("entries").update(entry_id, changes)
            db.execute("delete from entry_tags where entry_id = ?", [entry_id])
            _set_tags(db, entry_id, entry.tags)
            if ends_draft:
                db.execute("delete from drafts where key = ?", [draft_key(entry_id)])
        return self.get(entry_id)

    def delete(self, entry_id: int, *, wait: float | None = None) -> None:
        with self._file.write(wait=wait) as db:
            bury(db, "entry", "id = ?", [entry_id], self._file.clock())
            db.execute("delete from entry_tags where entry_id = ?", [entry_id])
            db.execute("delete from drafts where entry_id = ?", [entry_id])
            if not db.execute("delete from entries where id = ?", [entry_id]).rowcount:
                raise EntryNotFound(entry_id)

    def add_many(self, records: Iterable[EntryRecord]) -> int:
        """Save many entries in one transaction with batched inserts: 100,000 in
        seconds, where add() (a transaction each) would take minutes. The same
        columns as add(); the search index takes the bodies as they go in."""
        entry_rows: list[dict[str, Any]] = []
        tags: list[list[str]] = []
        for record in records:
            entry_rows.append(
                {
                    "uuid": record.uuid or str(uuid.uuid4()),
                    **time_columns(record.at, "created"),
                    "mood": record.entry.mood,
                    "stress": record.entry.stress,
                    "body": record.entry.body,
                    "updated_utc": to_utc_text(record.updated_at or record.at),
                }
            )
            tags.append(record.entry.tags)
        with self._file.write() as db:
            first_id = next_id(db, "entries")
            for entry_id, row in enumerate(entry_rows, start=first_id):
                row["id"] = entry_id
            db.table("entries").insert_all(entry_rows)
            db.table("entry_tags").insert_all(
                {"entry_id": entry_id, "tag": tag}
                for entry_id, entry_tags in enumerate(tags, start=first_id)
                for tag in entry_tags
            )
        return len(entry_rows)

    def get(self, entry_id: int) -> Entry:
        with self._file.reading() as conn:
            row = conn.execute(
                f"select {_ENTRY_COLUMNS} from entries e where e.id = ?", [entry_id]
            ).fetchone()
        if row is None:
            raise EntryNotFound(entry_id)
        return _entry_from_row(row)

    def find(
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
        with self._file.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_entry_from_row(row) for row in rows]

    def count(self, query: EntryQuery = EntryQuery()) -> int:
        where, params = _where(query)
        sql = "select count(*) from entries e"
        if where:
            sql += " where " + " and ".join(where)
        with self._file.reading() as conn:
            count: int = conn.execute(sql, params).fetchone()[0]
        return count

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with the number of entries that have it, most used first."""
        with self._file.reading() as conn:
            rows = conn.execute(
                "select tag, count(*) as n from entry_tags group by tag order by n desc, tag"
            ).fetchall()
        return [(tag, n) for tag, n in rows]


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


def time_columns(moment: datetime, name: str) -> dict[str, Any]:
    """The columns that place a moment (`name`_utc, utc_offset, local_date); the
    sessions table has them too."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return {
        f"{name}_utc": to_utc_text(moment),
        "utc_offset": offset_minutes(moment),
        "local_date": moment.date().isoformat(),
    }


def next_id(db: Database, table: str) -> int:
    """The id AUTOINCREMENT would give next, for rows saved in bulk with their ids
    set: above every id the table has ever given, not only above the ids left."""
    row = db.execute(
        f"select max(coalesce((select max(id) from [{table}]), 0), "
        "coalesce((select seq from sqlite_sequence where name = ?), 0)) + 1",
        [table],
    ).fetchone()
    return int(row[0])


def _set_tags(db: Database, entry_id: int, tags: list[str]) -> None:
    if tags:
        db.table("entry_tags").insert_all({"entry_id": entry_id, "tag": tag} for tag in tags)


def _where(query: EntryQuery) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
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
