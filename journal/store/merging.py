"""Records merged into the journal by uuid, in one transaction: a record not here is
added, one here is replaced when the incoming change is newer (a check-in is never
edited: the one here stays), and a deletion on either side wins (a tombstone here
refuses the record; an incoming tombstone deletes it and stays)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

from journal.models import to_utc_text
from journal.store.day_figures import enable_day_figures
from journal.store.entries import next_id, time_columns
from journal.store.migrations import enable_day_tags
from journal.store.search_index import SEARCH_TABLE, enable_search_triggers, time_key_sql
from journal.store.transfer import (
    BATCH,
    CheckinRow,
    EntryRow,
    RoutineRow,
    Row,
    SessionRow,
    Tombstone,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from journal.store.connection import JournalFile

# The page cache during an import, in KiB (negative: SQLite's way of saying KiB).
IMPORT_CACHE_KIB = -8000
# The insert triggers an import stands in for (search_index.enable_search_triggers
# and day_figures.enable_day_figures make them).
INSERT_TRIGGER = "entries_search_ai"
DAYS_TRIGGER = "entries_days_ai"
# And the one that counts a tag row into its day (migrations.enable_day_tags).
DAY_TAGS_TRIGGER = "entry_tags_day_ai"
# A batch of new entries added to each day's figures, as entries_days_ai adds one.
ADD_DAYS = (
    "insert into day_figures "
    "(local_date, entries, mood_sum, mood_count, stress_sum, stress_count) "
    "select local_date, count(*), coalesce(sum(mood), 0), count(mood), "
    "coalesce(sum(stress), 0), count(stress) "
    "from entries where id in (select value from json_each(?)) group by local_date "
    "on conflict (local_date) do update set entries = entries + excluded.entries, "
    "mood_sum = mood_sum + excluded.mood_sum, mood_count = mood_count + excluded.mood_count, "
    "stress_sum = stress_sum + excluded.stress_sum, "
    "stress_count = stress_count + excluded.stress_count"
)

# A batch's tag rows counted into their days, as entry_tags_day_ai counts one:
# every tag row of these entries is new (an updated entry's were deleted first).
ADD_DAY_TAGS = (
    "insert into day_tags (local_date, tag, entries) "
    "select e.local_date, t.tag, count(*) from entry_tags t join entries e on e.id = t.entry_id "
    "where t.entry_id in (select value from json_each(?)) group by e.local_date, t.tag "
    "on conflict (local_date, tag) do update set entries = entries + excluded.entries"
)

# What happened to each record: counted by kind (entry, session, routine, checkin).
ADDED, UPDATED, UNCHANGED, REFUSED, DELETED = "added", "updated", "unchanged", "refused", "deleted"


class Merge:
    """`with store.transfer.merge() as merge: merge.add(row) ...`: one write
    transaction for the whole import; an error anywhere rolls all of it back."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file
        self._stack = ExitStack()
        self._pending: dict[type, list[Any]] = {}
        self.counts: Counter[tuple[str, str]] = Counter()
        self._db: Database | None = None
        self._floors: dict[str, int] = {}
        self._next: dict[str, int] = {}

    def __enter__(self) -> Merge:
        self._db = self._stack.enter_context(self._file.write())
        # A larger page cache for the import (8 MB, from SQLite's 2): new rows land
        # all over the uuid index, and a small cache spills pages to the WAL file
        # over and over. Given back when the import ends.
        self._cache = self._db.execute("PRAGMA cache_size").fetchone()[0]
        self._db.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
        self._stack.callback(lambda: self._file.conn.execute(f"PRAGMA cache_size = {self._cache}"))
        for table in ("entries", "sessions", "checkins"):
            self._floors[table] = next_id(self._db, table)
        # New entries go into the search index a batch at a time (_entries), not
        # through its insert trigger a row at a time: the trigger's row-by-row
        # writes took most of a 100,000-entry import. In this transaction: a
        # rollback brings the trigger back, and __exit__ puts it back before the
        # commit.
        self._db.execute(f"drop trigger if exists [{INSERT_TRIGGER}]")
        self._db.execute(f"drop trigger if exists [{DAYS_TRIGGER}]")
        self._db.execute(f"drop trigger if exists [{DAY_TAGS_TRIGGER}]")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if exc is None:
            try:
                self.flush()
                enable_search_triggers(self.db)
                enable_day_figures(self.db)
                enable_day_tags(self.db)
            except BaseException as error:
                # Rolls the whole import back, then the error goes on.
                self._stack.__exit__(type(error), error, error.__traceback__)
                raise
        return bool(self._stack.__exit__(kind, exc, tb))

    def add(self, row: Row) -> None:
        pending = self._pending.setdefault(type(row), [])
        pending.append(row)
        if len(pending) >= BATCH:
            self._write(type(row))

    def flush(self) -> None:
        # Tombstones first: a record deleted in the same source is never added.
        for kind in (Tombstone, RoutineRow, EntryRow, SessionRow, CheckinRow):
            if self._pending.get(kind):
                self._write(kind)

    def _write(self, kind: type) -> None:
        rows = self._pending.pop(kind)
        writer: Callable[[list[Any]], None] = {  # type: ignore[assignment]
            EntryRow: self._entries,
            SessionRow: self._sessions,
            RoutineRow: self._routines,
            CheckinRow: self._checkins,
            Tombstone: self._tombstones,
        }[kind]
        writer(rows)

    # -- each kind -------------------------------------------------------------------

    @property
    def db(self) -> Database:
        assert self._db is not None, "use the Merge in a with block"
        return self._db

    def _buried(self, uuids: list[str]) -> set[str]:
        return {r[0] for r in self._select("select uuid from tombstones where uuid in ({})", uuids)}

    def _select(self, sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
        marks = ",".join("?" * len(values))
        return self.db.execute(sql.format(marks), values).fetchall()

    def _ids(self, table: str, rows: list[Any]) -> list[int | None]:
        """The id for each new row: the one it had, when this journal has never given
        it, else the next free one."""
        floor = self._floors[table]
        wanted = [r.id for r in rows if r.id is not None and r.id >= floor]
        taken = {x[0] for x in self._select(f"select id from {table} where id in ({{}})", wanted)}
        ids: list[int | None] = []
        for row in rows:
            if row.id is not None and row.id >= floor and row.id not in taken:
                taken.add(row.id)
                ids.append(row.id)
            else:
                ids.append(None)
        return ids

    def _new_id(self, table: str, used: set[int]) -> int:
        """Above every id the table has given (asked once a batch: the batch's rows
        are written together) and every id this batch uses."""
        if table not in self._next:
            self._next[table] = next_id(self.db, table)
        candidate = self._next[table]
        while candidate in used:
            candidate += 1
        used.add(candidate)
        self._next[table] = candidate + 1
        return candidate

    def _entries(self, rows: list[EntryRow]) -> None:
        uuids = [r.uuid for r in rows]
        buried = self._buried(uuids)
        here = {
            u: (i, updated or created)
            for u, i, updated, created in self._select(
                "select uuid, id, updated_utc, created_utc from entries where uuid in ({})", uuids
            )
        }
        new = [r for r in rows if r.uuid not in buried and r.uuid not in here]
        ids = dict(zip((id(r) for r in new), self._ids("entries", new), strict=True))
        used = {i for i in ids.values() if i is not None}
        conn = self.db.conn
        inserts, tags = [], []
        seen: set[str] = set()
        for row in rows:
            if row.uuid in buried:
                self.counts["entry", REFUSED] += 1
            elif row.uuid in seen:
                self.counts["entry", UNCHANGED] += 1
            elif row.uuid in here:
                entry_id, stamp = here[row.uuid]
                if _stamp(row) > stamp:
                    conn.execute(
                        "update entries set created_utc = ?, utc_offset = ?, local_date = ?, "
                        "mood = ?, stress = ?, body = ?, updated_utc = ? where id = ?",
                        [
                            *_placed(row.created_at),
                            row.mood,
                            row.stress,
                            row.body,
                            _stamp(row),
                            entry_id,
                        ],
                    )
                    conn.execute("delete from entry_tags where entry_id = ?", [entry_id])
                    tags += [(entry_id, tag) for tag in row.tags]
                    self.counts["entry", UPDATED] += 1
                else:
                    self.counts["entry", UNCHANGED] += 1
            else:
                entry_id = ids.get(id(row)) or self._new_id("entries", used)
                created_utc, offset, local_date = _placed(row.created_at)
                updated_utc = _utc_text(row.updated_at) if row.updated_at else created_utc
                inserts.append(
                    (
                        entry_id,
                        row.uuid,
                        created_utc,
                        offset,
                        local_date,
                        row.mood,
                        row.stress,
                        row.body,
                        updated_utc,
                    )
                )
                tags += [(entry_id, tag) for tag in row.tags]
                self.counts["entry", ADDED] += 1
            seen.add(row.uuid)
        self._next.pop("entries", None)
        conn.executemany(
            "insert into entries (id, uuid, created_utc, utc_offset, local_date, mood, stress, "
            "body, updated_utc) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        conn.executemany("insert or ignore into entry_tags (entry_id, tag) values (?, ?)", tags)
        # What the insert triggers would have done, for the whole batch at once.
        conn.execute(ADD_DAY_TAGS, [json.dumps(sorted({entry_id for entry_id, _ in tags}))])
        new_ids = json.dumps([row[0] for row in inserts])
        conn.execute(
            f"insert into {SEARCH_TABLE} (rowid, body) select {time_key_sql('e')}, e.body "
            "from entries e where e.id in (select value from json_each(?)) and e.body != ''",
            [new_ids],
        )
        conn.execute(ADD_DAYS, [new_ids])

    def _sessions(self, rows: list[SessionRow]) -> None:
        uuids = [r.uuid for r in rows]
        buried = self._buried(uuids)
        here = dict(self._select("select uuid, ended_utc from sessions where uuid in ({})", uuids))
        new = [r for r in rows if r.uuid not in buried and r.uuid not in here]
        ids = dict(zip((id(r) for r in new), self._ids("sessions", new), strict=True))
        self._next.pop("sessions", None)
        used = {i for i in ids.values() if i is not None}
        conn = self.db.conn
        for row in rows:
            values = [
                row.routine,
                row.settings,
                *time_columns(row.started_at, "started").values(),
                to_utc_text(row.ended_at) if row.ended_at else None,
                row.seconds,
                row.groups_done,
                row.groups_planned,
                int(row.completed),
                row.stress_before,
                row.stress_after,
                row.note,
            ]
            columns = (
                "routine, settings, started_utc, utc_offset, local_date, ended_utc, seconds, "
                "groups_done, groups_planned, completed, stress_before, stress_after, note"
            )
            if row.uuid in buried:
                self.counts["session", REFUSED] += 1
            elif row.uuid in here:
                ended = here[row.uuid] or ""
                if row.ended_at and to_utc_text(row.ended_at) > ended:
                    sets = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
                    conn.execute(f"update sessions set {sets} where uuid = ?", [*values, row.uuid])
                    self.counts["session", UPDATED] += 1
                else:
                    self.counts["session", UNCHANGED] += 1
            else:
                session_id = ids.get(id(row)) or self._new_id("sessions", used)
                conn.execute(
                    f"insert into sessions (id, uuid, {columns}) values ({','.join('?' * 15)})",
                    [session_id, row.uuid, *values],
                )
                here[row.uuid] = values[5]
                self.counts["session", ADDED] += 1

    def _routines(self, rows: list[RoutineRow]) -> None:
        buried = self._buried([r.uuid for r in rows])
        conn = self.db.conn
        for row in rows:
            if row.uuid in buried:
                self.counts["routine", REFUSED] += 1
                continue
            json.loads(row.definition)  # checked by the reader; never store a broken one
            found = conn.execute(
                "select uuid, updated_utc from routines where uuid = ? or name = ? "
                "order by uuid = ? desc limit 1",
                [row.uuid, row.name, row.uuid],
            ).fetchone()
            stamp = to_utc_text(row.updated_at)
            if found is None:
                conn.execute(
                    "insert into routines (uuid, name, definition, updated_utc) "
                    "values (?, ?, ?, ?)",
                    [row.uuid, row.name, row.definition, stamp],
                )
                self.counts["routine", ADDED] += 1
            elif stamp > found[1]:
                # The same routine (by uuid), or one of the same name made elsewhere.
                conn.execute(
                    "delete from routines where name = ? and uuid != ?", [row.name, found[0]]
                )
                conn.execute(
                    "update routines set name = ?, definition = ?, updated_utc = ? where uuid = ?",
                    [row.name, row.definition, stamp, found[0]],
                )
                self.counts["routine", UPDATED] += 1
            else:
                self.counts["routine", UNCHANGED] += 1

    def _checkins(self, rows: list[CheckinRow]) -> None:
        """New ones added (keeping their ids when free); one already here stays as it
        is, as check-ins are never edited; a deleted one stays deleted."""
        uuids = [r.uuid for r in rows]
        buried = self._buried(uuids)
        seen = {r[0] for r in self._select("select uuid from checkins where uuid in ({})", uuids)}
        new = [r for r in rows if r.uuid not in buried and r.uuid not in seen]
        ids = dict(zip((id(r) for r in new), self._ids("checkins", new), strict=True))
        used = {i for i in ids.values() if i is not None}
        inserts = []
        for row in rows:
            if row.uuid in buried:
                self.counts["checkin", REFUSED] += 1
            elif row.uuid in seen:
                self.counts["checkin", UNCHANGED] += 1
            else:
                raw = sum(row.answers)
                inserts.append(
                    (
                        ids.get(id(row)) or self._new_id("checkins", used),
                        row.uuid,
                        *_placed(row.taken_at),
                        *row.answers,
                        raw,
                        raw * 4,
                    )
                )
                seen.add(row.uuid)
                self.counts["checkin", ADDED] += 1
        self._next.pop("checkins", None)
        self.db.conn.executemany(
            "insert into checkins (id, uuid, taken_utc, utc_offset, local_date, answer1, answer2, "
            "answer3, answer4, answer5, raw, score) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )

    def _tombstones(self, rows: list[Tombstone]) -> None:
        from journal.store.tombstones import TABLES

        conn = self.db.conn
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        for row in rows:
            conn.execute(
                "insert into tombstones (uuid, kind, deleted_utc) values (?, ?, ?) "
                "on conflict (uuid) do update set "
                "deleted_utc = min(deleted_utc, excluded.deleted_utc)",
                [row.uuid, row.kind, to_utc_text(row.deleted_at)],
            )
            table = TABLES.get(row.kind)
            if table not in tables:
                continue
            if row.kind == "entry":
                found = conn.execute("select id from entries where uuid = ?", [row.uuid]).fetchone()
                if found:
                    conn.execute("delete from entry_tags where entry_id = ?", [found[0]])
                    conn.execute("delete from drafts where entry_id = ?", [found[0]])
            gone = conn.execute(f"delete from [{table}] where uuid = ?", [row.uuid]).rowcount
            if gone:
                self.counts[row.kind, DELETED] += 1


def _stamp(row: EntryRow) -> str:
    return _utc_text(row.updated_at or row.created_at)


def _utc_text(moment: datetime) -> str:
    """models.to_utc_text without strftime (a fifth of a merge's time)."""
    return moment.astimezone(UTC).isoformat(" ", "seconds")[:19]


def _placed(moment: datetime) -> tuple[str, int, str]:
    """entries.time_columns' values (created_utc, utc_offset, local_date), faster."""
    offset = moment.utcoffset()
    assert offset is not None, "a stored time needs its UTC offset"
    return _utc_text(moment), round(offset.total_seconds() / 60), moment.date().isoformat()
