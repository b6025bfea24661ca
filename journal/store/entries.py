"""Entries and their tags: saving them, and the queries that list and search them."""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
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
from journal.store.entry_pages import count as count_matches
from journal.store.entry_pages import page_ids, read_rows
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
    # Tags typed in a search box: `#sle` is every tag that starts so.
    tag_prefixes: tuple[str, ...] = ()

    @classmethod
    def from_search(cls, search: str, **filters: Any) -> EntryQuery:
        """A search box's text: `#word` filters by the tags that start so (it is
        typed a letter at a time, as the words are), the rest is full text."""
        words, prefixes = [], []
        for word in search.split():
            if word.startswith("#") and len(word) > 1:
                prefixes.append(_searchable(word[1:]).lower())
            else:
                words.append(word)
        return cls(tag_prefixes=tuple(prefixes), text=" ".join(words), **filters)

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
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', _searchable(text)):
        if phrase.strip():
            parts.append('"' + phrase.strip() + '"')
        elif (word := word.replace('"', "")) and re.search(r"\w", word):
            parts.append('"' + word + '"*')
    return " ".join(parts)


def _searchable(text: str) -> str:
    """Without NUL and lone surrogates (a byte of a command line that was not
    UTF-8): no entry holds them, and SQLite cannot be given them."""
    return _UNSEARCHABLE.sub("", text)


_UNSEARCHABLE = re.compile("[\x00\ud800-\udfff]")


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
        row = {
            "uuid": str(uuid.uuid4()),
            **time_columns(moment, "created"),
            "mood": entry.mood,
            "stress": entry.stress,
            "body": entry.body,
            "updated_utc": to_utc_text(now),
        }
        # Plain SQL: see write_sql().
        with self._file.write_sql(wait=wait) as conn:
            entry_id = conn.execute(
                f"insert into entries ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                list(row.values()),
            ).lastrowid
            assert entry_id is not None  # the insert has just set it
            _set_tags(conn, entry_id, entry.tags)
            if ends_draft:
                conn.execute("delete from drafts where key = ?", [draft_key(None)])
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
        with self._file.write_sql(wait=wait) as conn:
            if not conn.execute("select 1 from entries where id = ?", [entry_id]).fetchone():
                raise EntryNotFound(entry_id)
            changes = {
                "mood": entry.mood,
                "stress": entry.stress,
                "body": entry.body,
                "updated_utc": to_utc_text(self._file.clock()),
            }
            if at is not None:
                changes.update(time_columns(at, "created"))
            conn.execute(
                f"update entries set {', '.join(f'{name} = ?' for name in changes)} where id = ?",
                [*changes.values(), entry_id],
            )
            conn.execute("delete from entry_tags where entry_id = ?", [entry_id])
            _set_tags(conn, entry_id, entry.tags)
            if ends_draft:
                conn.execute("delete from drafts where key = ?", [draft_key(entry_id)])
        return self.get(entry_id)

    def delete(self, entry_id: int, *, wait: float | None = None) -> None:
        with self._file.write_sql(wait=wait) as conn:
            bury(conn, "entry", "id = ?", [entry_id], self._file.clock())
            conn.execute("delete from entry_tags where entry_id = ?", [entry_id])
            conn.execute("delete from drafts where entry_id = ?", [entry_id])
            if not conn.execute("delete from entries where id = ?", [entry_id]).rowcount:
                raise EntryNotFound(entry_id)

    def add_many(self, records: Iterable[EntryRecord]) -> int:
        """Save many entries in one transaction with batched inserts: 100,000 in
        seconds, where add() (a transaction each) would take minutes. The same
        columns as add(); the search index takes the bodies as they go in.
        Records are read and written a batch at a time: memory stays flat however
        many there are."""
        written = 0
        with self._file.write() as db:
            next_entry = next_id(db, "entries")
            for batch in _batches(records):
                rows = []
                for entry_id, record in enumerate(batch, start=next_entry):
                    rows.append(
                        {
                            "id": entry_id,
                            "uuid": record.uuid or str(uuid.uuid4()),
                            **time_columns(record.at, "created"),
                            "mood": record.entry.mood,
                            "stress": record.entry.stress,
                            "body": record.entry.body,
                            "updated_utc": to_utc_text(record.updated_at or record.at),
                        }
                    )
                db.table("entries").insert_all(rows, batch_size=BULK_BATCH)
                db.table("entry_tags").insert_all(
                    (
                        {"entry_id": row["id"], "tag": tag}
                        for row, record in zip(rows, batch, strict=True)
                        for tag in record.entry.tags
                    ),
                    batch_size=BULK_BATCH,
                )
                next_entry += len(rows)
                written += len(rows)
        return written

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
        before: Entry | None = None,
        oldest: bool = False,
    ) -> list[Entry]:
        """Entries newest first; `after` continues a page from its last entry,
        `before` gives the page just newer than an entry, `oldest` the oldest page
        (the list's `end`), each still newest first.

        The page's ids are picked without reading every match (entry_pages.py);
        bodies and tags are read for those rows only.
        """
        expression = fts_expression(query.text)
        if not expression and query.text.strip():
            return []  # only punctuation was typed: nothing can match it
        up = oldest or before is not None
        with self._file.snapshot() as conn:
            ids = page_ids(
                conn, query, expression, limit=limit, after=after, before=before, oldest=oldest
            )
            rows = read_rows(conn, _ENTRY_COLUMNS, ids, limit, up)
        return [_entry_from_row(row) for row in rows]

    def count(self, query: EntryQuery = EntryQuery(), *, cap: int | None = None) -> int:
        """How many entries match; with `cap`, counting stops there (a total past
        it is shown as "more than")."""
        expression = fts_expression(query.text)
        if not expression and query.text.strip():
            return 0
        with self._file.reading() as conn:
            return count_matches(conn, query, expression, cap=cap)

    def first_tag_starting(self, prefix: str) -> str | None:
        """The first tag (in order) that starts with `prefix`: one look in the
        index, for the search box's suggestion (`#sle` offers `#sleep`)."""
        with self._file.reading() as conn:
            row = conn.execute(
                "select tag from entry_tags where tag >= ? and tag < ? order by tag limit 1",
                [prefix, prefix + "\U0010ffff"],
            ).fetchone()
        return row[0] if row else None

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


BULK_BATCH = 5_000


def _batches(records: Iterable[EntryRecord]) -> Iterator[list[EntryRecord]]:
    batch: list[EntryRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) == BULK_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


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


def _set_tags(conn: sqlite3.Connection, entry_id: int, tags: list[str]) -> None:
    conn.executemany(
        "insert into entry_tags (entry_id, tag) values (?, ?)", [(entry_id, tag) for tag in tags]
    )
