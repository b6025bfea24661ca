"""The one place that talks SQL: opening the journal file, entries, drafts, settings."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from journal import migrations as schema
from journal.models import (
    Draft,
    Entry,
    EntryInput,
    Session,
    check_body,
    from_stored,
    offset_minutes,
    parse_stress,
    to_utc_text,
)
from journal.paths import ensure_private_folder

if TYPE_CHECKING:
    from sqlite_utils import Database

    from journal.pmr import Routine

BUSY_TIMEOUT_SECONDS = 8.0
SQLITE_MAGIC = b"SQLite format 3\x00"

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The real clock: now, aware, in the machine's current UTC offset."""
    return datetime.now().astimezone()


class StoreError(Exception):
    """A fault a user can act on; the message is one line and holds no entry text."""


class EntryNotFound(StoreError):
    def __init__(self, entry_id: int) -> None:
        super().__init__(f"there is no entry {entry_id}; 'journal list' shows the ids")
        self.entry_id = entry_id


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


class Store:
    """An open journal. Safe to share with worker threads: calls are serialized."""

    def __init__(
        self, conn: sqlite3.Connection, *, path: Path | None, readonly: bool, clock: Clock
    ) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.clock = clock
        self._lock = threading.RLock()
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for writes and schema changes.

        Made on first use: reading a journal needs only sqlite3, so the app and
        `journal list` start without importing sqlite-utils.
        """
        with self._lock:
            if self._db is None:
                from sqlite_utils import Database

                self._db = Database(self.conn, execute_plugins=False)
            return self._db

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, clock: Clock = local_now) -> Store:
        """Open (or create) the journal at `path`, upgrading it if it is older.

        A file that is not a journal, is damaged, or was written by a newer release
        is refused with a StoreError and left exactly as it was.
        """
        path = Path(path)
        readonly = _prepare_file(path)
        with _explained(str(path)):
            conn = _connect(path, readonly)
        store = cls(conn, path=path, readonly=readonly, clock=clock)
        try:
            store._check_and_upgrade()
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def in_memory(cls, *, clock: Clock = local_now) -> Store:
        """A fresh journal in memory, for tests and the bench's baselines."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        store = cls(conn, path=None, readonly=False, clock=clock)
        store._check_and_upgrade()
        return store

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def name(self) -> str:
        return str(self.path) if self.path else ":memory:"

    def _check_and_upgrade(self) -> None:
        with self._reading() as conn:
            tables = {
                row[0]
                for row in conn.execute("select name from sqlite_master where type = 'table'")
            }
            applied = (
                [
                    row[0]
                    for row in conn.execute(
                        "select name from _sqlite_migrations where migration_set = ? "
                        "order by rowid",
                        [schema.MIGRATION_SET],
                    )
                ]
                if "_sqlite_migrations" in tables
                else []
            )
        known = schema.known_names()
        if tables and not applied:
            raise StoreError(
                f"{self.name} is not a Wellbeing Journal file (it holds other tables); "
                "check --db or JOURNAL_DB"
            )
        newer = [name for name in applied if name not in known]
        if newer:
            raise StoreError(
                f"{self.name} was written by a newer release of journal; upgrade journal to open it"
            )
        pending = [name for name in known if name not in applied]
        if self.readonly:
            if pending:
                raise StoreError(
                    f"{self.name} needs an upgrade but is read-only; make it writable "
                    "(chmod u+w) and open it once"
                )
            return
        with self._reading() as conn:
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path is not None and (
                conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
            ):
                conn.execute("PRAGMA journal_mode = wal")
        if pending:
            if applied and self.path is not None:
                self._backup(before=pending[0])
            with self.write() as db:
                schema.migrations().apply(db)

    def _backup(self, *, before: str) -> Path:
        """Copy the journal aside before an upgrade changes it."""
        assert self.path is not None
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.before-{before}.{stamp}.bak")
        _create_private_file(target)
        with self._reading() as conn, sqlite3.connect(target) as copy:
            conn.backup(copy)
        copy.close()
        return target

    # -- transactions ----------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction, taking the write lock up front (BEGIN IMMEDIATE)

        so that it never fails half way because another process wrote meanwhile.
        """
        if self.readonly:
            raise StoreError(f"{self.name} is read-only; make it writable (chmod u+w) to change it")
        db = self.db
        with self._lock, _explained(self.name):
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _explained(self.name):
            yield self.conn

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
                        **_time_columns(moment),
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
                changes.update(_time_columns(at))
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
        with self._reading() as conn:
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
        with self._reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_entry_from_row(row) for row in rows]

    def count_entries(self, query: EntryQuery = EntryQuery()) -> int:
        where, params = _where(query)
        sql = "select count(*) from entries e"
        if where:
            sql += " where " + " and ".join(where)
        with self._reading() as conn:
            return conn.execute(sql, params).fetchone()[0]

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with the number of entries that have it, most used first."""
        with self._reading() as conn:
            rows = conn.execute(
                "select tag, count(*) as n from entry_tags group by tag order by n desc, tag"
            ).fetchall()
        return [(tag, n) for tag, n in rows]

    def data_version(self) -> int:
        """A number that changes when another connection commits a write."""
        with self._reading() as conn:
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
        with self._reading() as conn:
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

    # -- relaxation sessions -------------------------------------------------------

    def start_session(self, routine: Routine, *, stress_before: int | None) -> Session:
        """Record a session as it starts (not completed until it finishes)."""
        stress_before = parse_stress(stress_before)
        now = self.clock()
        with self.write() as db:
            session_id = (
                db["sessions"]
                .insert(
                    {
                        "uuid": str(uuid.uuid4()),
                        "routine": routine.name,
                        "settings": json.dumps(routine.to_json()),
                        **{
                            k.replace("created", "started"): v
                            for k, v in _time_columns(now).items()
                        },
                        "ended_utc": to_utc_text(now),
                        "seconds": 0,
                        "groups_done": 0,
                        "groups_planned": len(routine.groups),
                        "completed": 0,
                        "stress_before": stress_before,
                    }
                )
                .last_pk
            )
        return self.session(session_id)

    def record_progress(
        self, session_id: int, *, seconds: float, groups_done: int, completed: bool = False
    ) -> None:
        """How far a session has got: at each group boundary, and at its end."""
        with self.write() as db:
            db["sessions"].update(
                session_id,
                {
                    "ended_utc": to_utc_text(self.clock()),
                    "seconds": round(seconds),
                    "groups_done": groups_done,
                    "completed": int(completed),
                },
            )

    def rate_session(self, session_id: int, *, stress_after: object, note: str = "") -> None:
        """The stress rating after a session, and an optional one-line note."""
        stress_after = parse_stress(stress_after)
        note = check_body(" ".join(note.split()))
        with self.write() as db:
            db["sessions"].update(session_id, {"stress_after": stress_after, "note": note or None})

    def session(self, session_id: int) -> Session:
        with self._reading() as conn:
            row = conn.execute(
                f"select {_SESSION_COLUMNS} from sessions where id = ?", [session_id]
            ).fetchone()
        if row is None:
            raise StoreError(f"there is no session {session_id}; 'journal sessions' lists them")
        return _session_from_row(row)

    def sessions(self, *, limit: int | None = 20) -> list[Session]:
        """Sessions, newest first."""
        sql = f"select {_SESSION_COLUMNS} from sessions order by started_utc desc, id desc"
        params: list = []
        if limit is not None:
            sql += " limit ?"
            params.append(limit)
        with self._reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_session_from_row(row) for row in rows]

    # -- routines ----------------------------------------------------------------

    def routines(self) -> list[Routine]:
        """The built-in routines, then the person's own, by name."""
        from journal.pmr import BUILTIN_ROUTINES

        with self._reading() as conn:
            rows = conn.execute("select definition from routines order by name").fetchall()
        own = [_routine_from_json(json.loads(row[0])) for row in rows]
        return [*BUILTIN_ROUTINES.values(), *own]

    def routine(self, name: str) -> Routine | None:
        return next((r for r in self.routines() if r.name == name), None)

    def save_routine(self, routine: Routine) -> None:
        """Save (or replace) one of the person's own routines."""
        if routine.builtin:
            raise StoreError(f"'{routine.name}' is built in; save a copy under another name")
        definition = json.dumps(_routine_to_json(routine))
        with self.write() as db:
            db.execute(
                "insert into routines (uuid, name, definition, updated_utc) values (?, ?, ?, ?) "
                "on conflict(name) do update set definition = excluded.definition, "
                "updated_utc = excluded.updated_utc",
                [str(uuid.uuid4()), routine.name, definition, to_utc_text(self.clock())],
            )

    def delete_routine(self, name: str) -> None:
        with self.write() as db:
            db.execute("delete from routines where name = ?", [name])

    # -- settings --------------------------------------------------------------

    def setting(self, key: str, default: object = None) -> object:
        with self._reading() as conn:
            row = conn.execute("select value from settings where key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: object) -> None:
        with self.write() as db:
            db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")


# -- helpers -----------------------------------------------------------------------

_ENTRY_COLUMNS = (
    "e.id, e.uuid, e.created_utc, e.utc_offset, e.mood, e.stress, e.body, e.updated_utc, "
    "(select group_concat(tag, ' ') from "
    "(select tag from entry_tags t where t.entry_id = e.id order by tag)) as tags"
)


_SESSION_COLUMNS = (
    "id, uuid, routine, started_utc, utc_offset, ended_utc, seconds, groups_done, "
    "groups_planned, completed, stress_before, stress_after, note"
)


def _session_from_row(row: tuple) -> Session:
    (
        session_id,
        session_uuid,
        routine,
        started,
        offset,
        ended,
        seconds,
        done,
        planned,
        completed,
        before,
        after,
        note,
    ) = row
    return Session(
        id=session_id,
        uuid=session_uuid,
        routine=routine,
        started_at=from_stored(started, offset),
        ended_at=from_stored(ended, offset) if ended else None,
        seconds=seconds,
        groups_done=done,
        groups_planned=planned,
        completed=bool(completed),
        stress_before=before,
        stress_after=after,
        note=note,
    )


def _routine_to_json(routine: Routine) -> dict:
    from journal.pmr import LIMITS

    return {
        "name": routine.name,
        "base": routine.base,
        "kept": list(routine.kept or ()),
        "dominant": routine.dominant,
        **{name: getattr(routine, name) for name in LIMITS},
    }


def _routine_from_json(data: dict) -> Routine:
    from journal.pmr import LIMITS, make_user_routine

    return make_user_routine(
        data["name"],
        base=data["base"],
        kept=data["kept"],
        dominant=data["dominant"],
        **{name: data[name] for name in LIMITS},
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


def _time_columns(moment: datetime) -> dict:
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return {
        "created_utc": to_utc_text(moment),
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


@contextmanager
def _explained(name: str) -> Iterator[None]:
    """Turn SQLite's errors into one line that says what to do."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise _explain(exc, name) from exc


def _explain(exc: sqlite3.DatabaseError, name: str) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{name} is busy: another program kept it locked for "
            f"{BUSY_TIMEOUT_SECONDS:.0f} s; try again in a moment"
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{name} is read-only; make it writable (chmod u+w) to change it")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"{name} is damaged ({exc}); it was left untouched: restore it from a backup"
        )
    if "disk is full" in text or "disk i/o" in text:
        return StoreError(f"cannot write {name}: {exc}; free some disk space and try again")
    if "unable to open" in text:
        return StoreError(f"cannot open {name}: check that the folder exists and is yours")
    return StoreError(f"{name}: {exc}")


def _prepare_file(path: Path) -> bool:
    """Check the path before SQLite touches it; create a new journal privately.

    Returns whether the journal must be opened read-only.
    """
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder; give the path of a journal file, like {path}/journal.db"
        )
    if not path.exists():
        try:
            ensure_private_folder(path.parent)
            _create_private_file(path)
        except FileExistsError:
            pass  # another process created it first: open theirs
        except OSError as exc:
            raise StoreError(f"cannot create {path}: {exc.strerror}") from None
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    if header and header != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a journal (not an SQLite file); check --db or JOURNAL_DB")
    owner_may_write = bool(path.stat().st_mode & stat.S_IWUSR)
    return not (owner_may_write and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    # O_CREAT's mode passes through the umask, which can only remove bits.


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if not readonly:
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    uri = "file:" + quote(str(path.resolve()))
    conn = sqlite3.connect(
        uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
    )
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL journal in a folder we may not write: its -shm cannot be made.
        # immutable=1 reads it anyway; safe because we never write.
        conn.close()
        conn = sqlite3.connect(
            uri + "?immutable=1", uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )
    return conn
