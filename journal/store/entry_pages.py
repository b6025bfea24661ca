"""Which entries a page shows, read without reading every match.

A page is the newest `limit` entries that match, in (created_utc, id) order,
newest first. Sorting every match to keep 20 grows with the journal (597 ms for
`the` at 1,000,000 entries), so each query takes the plan that stops early:

- words: walk the search index newest first (its rowids are time keys, see
  search_index.py), checking the other filters on each hit; the second the walk
  stopped in is read whole, since within a second the index is in id order;
- a tag on few entries (fewer than TAG_FIRST_BELOW): start from that tag's
  entries and sort them (walking time with a rare filter would read everything);
- anything else: walk the time index newest first, checking filters row by row.

Totals are counted up to a cap (COUNT_CAP): past it, "more than 10,000" is all a
person needs, and counting 400,000 matches costs what the page saved.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from journal.models import to_utc_text
from journal.store.search_index import (
    ID_BITS,
    ID_MASK,
    SEARCH_TABLE,
    key_bound,
    second_of,
    time_key_sql,
)

if TYPE_CHECKING:
    from journal.models import Entry
    from journal.store.entries import EntryQuery

TAG_FIRST_BELOW = 2_000
COUNT_CAP = 10_000
# A tag typed as `#sle` matches tags that start so: every tag below this bound.
_TAG_END = "\U0010ffff"


@dataclass
class _Filters:
    """The query's filters as SQL on `entries e`, apart from the words."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    # Time keys the matches lie within: lo <= key < hi.
    lo: int | None = None
    hi: int | None = None
    # Each tag filter as a condition on a bare entry_tags row (for counting a tag
    # and starting from it) with its parameters.
    tags: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        self.where.append(sql)
        self.params.extend(params)

    def bound(self, *, lo: int | None = None, hi: int | None = None) -> None:
        if lo is not None:
            self.lo = lo if self.lo is None else max(self.lo, lo)
        if hi is not None:
            self.hi = hi if self.hi is None else min(self.hi, hi)


def filters(query: EntryQuery, after: Entry | None = None, before: Entry | None = None) -> _Filters:
    found = _Filters()
    if query.since:
        found.add("e.local_date >= ?", query.since.isoformat())
        # A local day starts at most 14 hours before the same day in UTC.
        found.bound(lo=_day_key(query.since, -1))
    if query.until:
        found.add("e.local_date <= ?", query.until.isoformat())
        found.bound(hi=_day_key(query.until, 2))
    if query.since_moment:
        text = to_utc_text(query.since_moment)
        found.add("e.created_utc >= ?", text)
        found.bound(lo=key_bound(text))
    if query.until_moment:
        text = to_utc_text(query.until_moment)
        found.add("e.created_utc <= ?", text)
        found.bound(hi=key_bound(text, after=True))
    if after is not None:
        text = to_utc_text(after.created_at)
        found.add("(e.created_utc, e.id) < (?, ?)", text, after.id)
        found.bound(hi=key_bound(text, after=True))
    if before is not None:
        text = to_utc_text(before.created_at)
        found.add("(e.created_utc, e.id) > (?, ?)", text, before.id)
        found.bound(lo=key_bound(text))
    for tag in query.tags:
        found.tags.append(("tag = ?", [tag]))
    for prefix in query.tag_prefixes:
        found.tags.append(("tag >= ? and tag < ?", [prefix, prefix + _TAG_END]))
    return found


def where_of(query: EntryQuery) -> tuple[list[str], list[Any]]:
    """The query's filters apart from the words (dates, moments, tags) as SQL on
    `entries e`: for reading every matching entry in order (an export)."""
    found = filters(query)
    tag_where, tag_params = _tag_checks(found.tags)
    return found.where + tag_where, found.params + tag_params


def _day_key(day: date, days: int) -> int | None:
    try:
        return key_bound(f"{day + timedelta(days=days)} 00:00:00")
    except OverflowError:
        return None


def _tag_checks(tags: list[tuple[str, list[str]]]) -> tuple[list[str], list[Any]]:
    where, params = [], []
    for condition, values in tags:
        where.append(
            f"exists (select 1 from entry_tags t where t.entry_id = e.id and t.{condition})"
        )
        params += values
    return where, params


def _rare_tag(conn: sqlite3.Connection, found: _Filters) -> int | None:
    """The index in found.tags of a tag on fewer than TAG_FIRST_BELOW entries."""
    best: tuple[int, int] | None = None
    for i, (condition, values) in enumerate(found.tags):
        n = conn.execute(
            f"select count(*) from (select 1 from entry_tags where {condition} limit ?)",
            [*values, TAG_FIRST_BELOW],
        ).fetchone()[0]
        if n < TAG_FIRST_BELOW and (best is None or n < best[1]):
            best = (i, n)
    return None if best is None else best[0]


def page_ids(
    conn: sqlite3.Connection,
    query: EntryQuery,
    expression: str,
    *,
    limit: int | None,
    after: Entry | None = None,
    before: Entry | None = None,
    oldest: bool = False,
) -> list[int]:
    """The ids of the page, in no particular order (the caller sorts them).

    `after`: the page older than that entry; `before`: the page newer than it;
    `oldest` (or `before`): the page is read from the old end, oldest first.
    """
    found = filters(query, after, before)
    rare = _rare_tag(conn, found) if found.tags else None
    up = oldest or before is not None
    if rare is not None or not expression:
        return _walk_entries(conn, found, expression, rare, limit, up)
    return _walk_search(conn, found, expression, limit, up)


def _walk_entries(
    conn: sqlite3.Connection,
    found: _Filters,
    expression: str,
    rare: int | None,
    limit: int | None,
    up: bool = False,
) -> list[int]:
    where, params = list(found.where), list(found.params)
    others = [tag for i, tag in enumerate(found.tags) if i != rare]
    checks, values = _tag_checks(others)
    where += checks
    params += values
    way = "asc" if up else "desc"
    order = f"e.created_utc {way}, e.id {way}"
    if rare is not None:
        condition, tag_values = found.tags[rare]
        where.append(f"e.id in (select entry_id from entry_tags where {condition})")
        params += tag_values
        # Sorted, not walked: the tag's few entries are read and ordered.
        order = f"+e.created_utc {way}, e.id {way}"
    if expression:
        where.append(
            f"exists (select 1 from {SEARCH_TABLE} s where s.{SEARCH_TABLE} match ? "
            f"and s.rowid = {time_key_sql('e')})"
        )
        params.append(expression)
    sql = "select e.id from entries e"
    if where:
        sql += " where " + " and ".join(where)
    sql += f" order by {order}"
    if limit is not None:
        sql += " limit ?"
        params.append(limit)
    return [row[0] for row in conn.execute(sql, params)]


def _walk_search(
    conn: sqlite3.Connection, found: _Filters, expression: str, limit: int | None, up: bool = False
) -> list[int]:
    def hits(lo: int | None, hi: int | None, n: int | None) -> list[tuple[int, int]]:
        checks, values = _tag_checks(found.tags)
        where = [f"s.{SEARCH_TABLE} match ?", *found.where, *checks]
        params: list[Any] = [expression, *found.params, *values]
        if lo is not None:
            where.append("s.rowid >= ?")
            params.append(lo)
        if hi is not None:
            where.append("s.rowid < ?")
            params.append(hi)
        # CROSS JOIN keeps the index as the outer loop: its order is the page's.
        sql = (
            f"select e.id, s.rowid from {SEARCH_TABLE} s cross join entries e "
            f"on e.id = (s.rowid & {ID_MASK}) where {' and '.join(where)} "
            f"order by s.rowid {'asc' if up else 'desc'}"
        )
        if n is not None:
            sql += " limit ?"
            params.append(n)
        return conn.execute(sql, params).fetchall()

    rows = hits(found.lo, found.hi, limit)
    if limit is not None and len(rows) == limit:
        # The rest of the second the walk stopped in: they may sort before some
        # of the hits (same second, ordered by id only within the index).
        last = rows[-1][1]
        if up:
            end = second_of(last) + (1 << ID_BITS)
            rows += hits(last + 1, end if found.hi is None else min(found.hi, end), None)
        else:
            lo = second_of(last) if found.lo is None else max(found.lo, second_of(last))
            rows += hits(lo, last, None)
    return [row[0] for row in rows]


def count(conn: sqlite3.Connection, query: EntryQuery, expression: str, *, cap: int | None) -> int:
    """How many entries match, counting no further than `cap` (None: all)."""
    found = filters(query)
    limit = "" if cap is None else f" limit {int(cap)}"
    sql, params = None, []
    if expression and not found.where and not found.tags:
        sql = f"select 1 from {SEARCH_TABLE} s where s.{SEARCH_TABLE} match ?{limit}"
        params = [expression]
    elif not expression and not found.tags and not (query.since_moment or query.until_moment):
        # Whole days, or everything: the per-day figures have the answer.
        # '' and '~' sort before and after every date: no bound.
        since = query.since.isoformat() if query.since else ""
        until = query.until.isoformat() if query.until else "~"
        total = conn.execute(
            "select coalesce(sum(entries), 0) from day_figures where local_date between ? and ?",
            [since, until],
        ).fetchone()[0]
        return int(total) if cap is None else min(int(total), cap)
    elif not expression and not found.where and len(found.tags) == 1:
        condition, params = found.tags[0]
        sql = f"select distinct entry_id from entry_tags where {condition}{limit}"
    elif not expression:
        checks, values = _tag_checks(found.tags)
        where = [*found.where, *checks]
        sql = f"select 1 from entries e where {' and '.join(where)}{limit}"
        params = [*found.params, *values]
    if sql is not None:
        return int(conn.execute(f"select count(*) from ({sql})", params).fetchone()[0])
    ids = set(page_ids(conn, query, expression, limit=cap))
    return len(ids) if cap is None else min(len(ids), cap)


def read_rows(
    conn: sqlite3.Connection, columns: str, ids: list[int], limit: int | None, up: bool = False
) -> list:
    """The rows of `ids`, newest first, at most `limit` (with `up`, the oldest
    `limit` of them, still newest first)."""
    way = "asc" if up else "desc"
    sql = (
        f"select {columns} from entries e where e.id in (select value from json_each(?)) "
        f"order by e.created_utc {way}, e.id {way}"
    )
    params: list[Any] = [json.dumps(ids)]
    if limit is not None:
        sql += " limit ?"
        params.append(limit)
    rows = conn.execute(sql, params).fetchall()
    return rows[::-1] if up else rows
