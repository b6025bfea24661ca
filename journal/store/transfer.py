"""Records as they travel in and out of a journal (exports, imports, merges): read
from one state of this journal or from another journal file, streamed; merged in by
uuid in one transaction; and consistent backups through SQLite's backup API."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote

from journal.store import cipher
from journal.store import migrations as schema
from journal.store.entries import EntryQuery
from journal.store.entry_pages import where_of
from journal.store.errors import BUSY_TIMEOUT_SECONDS, StoreError, explained

if TYPE_CHECKING:
    from journal.store.cipher import Key
    from journal.store.merging import Merge
    from journal.store.opening import Store

# Rows read at a time: memory stays flat however large the journal.
BATCH = 500
# How many of the app's daily backups are kept.
DAILY_BACKUPS = 7


@dataclass(frozen=True, slots=True)
class EntryRow:
    """An entry with everything a lossless copy needs. `id`: the id it had where it
    came from (kept by a merge into a journal that has never given it)."""

    uuid: str
    created_at: datetime
    updated_at: datetime | None
    mood: int | None
    stress: int | None
    body: str
    tags: tuple[str, ...]
    id: int | None = None


@dataclass(frozen=True, slots=True)
class SessionRow:
    uuid: str
    routine: str
    settings: str  # the routine as it ran, JSON text
    started_at: datetime
    ended_at: datetime | None
    seconds: int
    groups_done: int
    groups_planned: int
    completed: bool
    stress_before: int | None
    stress_after: int | None
    note: str | None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RoutineRow:
    uuid: str
    name: str
    definition: str  # JSON text, as the routines table keeps it
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """A WHO-5 check-in: the moment it was taken (in the person's own offset) and
    the five answers; raw and score follow from them."""

    uuid: str
    taken_at: datetime
    answers: tuple[int, ...]
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Tombstone:
    uuid: str
    kind: str  # entry, session, routine or checkin
    deleted_at: datetime


Row = EntryRow | SessionRow | RoutineRow | CheckinRow | Tombstone


@cache
def _zone(offset: int) -> timezone:
    return timezone(timedelta(minutes=offset))


def _stored(utc_text: str, offset: int) -> datetime:
    """models.from_stored, without strptime: 100,000 rows in a fraction of the time."""
    return datetime.fromisoformat(utc_text + "+00:00").astimezone(_zone(offset))


class JournalRows:
    """The records of one state of a journal, each kind streamed in order (entries
    and sessions oldest first)."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self._conn = conn
        self._name = name
        self._tables = {
            row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")
        }

    def _rows(self, sql: str, params: list[Any] | None = None) -> Iterator[tuple[Any, ...]]:
        with explained(self._name):
            cursor = self._conn.execute(sql, params or [])
            while batch := cursor.fetchmany(BATCH):
                yield from batch

    def entries(self, query: EntryQuery | None = None) -> Iterator[EntryRow]:
        where, params = where_of(query or EntryQuery())
        sql = (
            "select e.id, e.uuid, e.created_utc, e.utc_offset, e.updated_utc, e.mood, e.stress, "
            "e.body, (select group_concat(tag, ' ') from "
            "(select tag from entry_tags t where t.entry_id = e.id order by tag)) from entries e"
        )
        if where:
            sql += " where " + " and ".join(where)
        sql += " order by e.created_utc, e.id"
        for entry_id, uuid, created, offset, updated, mood, stress, body, tags in self._rows(
            sql, params
        ):
            yield EntryRow(
                uuid=uuid,
                created_at=_stored(created, offset),
                updated_at=_stored(updated, offset) if updated else None,
                mood=mood,
                stress=stress,
                body=body,
                tags=tuple(tags.split(" ")) if tags else (),
                id=entry_id,
            )

    def count_entries(self, query: EntryQuery | None = None) -> int:
        where, params = where_of(query or EntryQuery())
        sql = "select count(*) from entries e" + (" where " + " and ".join(where) if where else "")
        with explained(self._name):
            return int(self._conn.execute(sql, params).fetchone()[0])

    def sessions(self) -> Iterator[SessionRow]:
        if "sessions" not in self._tables:
            return
        sql = (
            "select id, uuid, routine, settings, started_utc, utc_offset, ended_utc, seconds, "
            "groups_done, groups_planned, completed, stress_before, stress_after, note "
            "from sessions order by started_utc, id"
        )
        for row in self._rows(sql):
            (sid, uuid, routine, settings, started, offset, ended, *rest) = row
            seconds, done, planned, completed, before, after, note = rest
            yield SessionRow(
                uuid=uuid,
                routine=routine,
                settings=settings,
                started_at=_stored(started, offset),
                ended_at=_stored(ended, offset) if ended else None,
                seconds=seconds,
                groups_done=done,
                groups_planned=planned,
                completed=bool(completed),
                stress_before=before,
                stress_after=after,
                note=note,
                id=sid,
            )

    def routines(self) -> Iterator[RoutineRow]:
        if "routines" not in self._tables:
            return
        sql = "select uuid, name, definition, updated_utc from routines order by name"
        for uuid, name, definition, updated in self._rows(sql):
            yield RoutineRow(uuid, name, definition, _stored(updated, 0))

    def checkins(self) -> Iterator[CheckinRow]:
        """Oldest first; nothing from a journal older than the check-ins."""
        if "checkins" not in self._tables:
            return
        sql = (
            "select id, uuid, taken_utc, utc_offset, answer1, answer2, answer3, answer4, "
            "answer5 from checkins order by taken_utc, id"
        )
        for checkin_id, uuid, taken, offset, *answers in self._rows(sql):
            yield CheckinRow(uuid, _stored(taken, offset), tuple(answers), checkin_id)

    def tombstones(self) -> Iterator[Tombstone]:
        if "tombstones" not in self._tables:
            return
        sql = "select uuid, kind, deleted_utc from tombstones order by deleted_utc, uuid"
        for uuid, kind, deleted in self._rows(sql):
            yield Tombstone(uuid, kind, _stored(deleted, 0))


class Transfer:
    """Exports, imports and backups of a journal: `store.transfer`."""

    def __init__(self, file: Store) -> None:
        self._file = file

    @contextmanager
    def snapshot(self) -> Iterator[JournalRows]:
        """Every record of one state of the journal: another program's write cannot
        land half way through an export."""
        with self._file.snapshot() as conn:
            yield JournalRows(conn, self._file.name)

    def merge(self) -> Merge:
        """A merge by uuid in one transaction: `with store.transfer.merge() as m:
        m.add(row)...`; nothing is saved unless the block ends without an error."""
        from journal.store.merging import Merge

        return Merge(self._file)

    def backup(self, target: Path) -> Path:
        """A consistent copy of the journal at `target` (mode 0600), through SQLite's
        backup API, checked with PRAGMA integrity_check before it takes its name."""
        if self._file.path is None:
            raise StoreError("a journal in memory has no file to back up")
        partial = target.with_name(f".{target.name}.partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            partial.unlink(missing_ok=True)
            # Through the store: an encrypted journal's copy is encrypted with the
            # same passphrase; no plain copy of it is ever made.
            try:
                self._file.backup_to(partial, integrity_check=True)
            except StoreError as exc:
                raise StoreError(
                    f"the backup of {self._file.name} failed: {exc}; nothing was kept"
                ) from None
            partial.replace(target)
            return target
        except OSError as exc:
            raise StoreError(
                f"cannot write the backup {target}: {exc.strerror}; check that folder"
            ) from None
        finally:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)

    def backup_folder(self) -> Path:
        """`backups/` beside the journal."""
        if self._file.path is None:
            raise StoreError("a journal in memory has no file to back up")
        return self._file.path.parent / "backups"

    def backup_path(self, moment: datetime) -> Path:
        """Where `journal backup` puts a copy by default: the journal's name with the
        date and time, in backups/ beside it."""
        assert self._file.path is not None
        return self.backup_folder() / f"{self._file.path.stem}-{moment:%Y-%m-%d-%H%M%S}.db"

    def daily_backup(self, *, keep: int = DAILY_BACKUPS) -> Path | None:
        """The first start of a day makes a backup, and the newest `keep` are kept;
        returns the new backup (None: there is one from today already)."""
        if self._file.path is None:
            return None
        now = self._file.clock()
        folder = self.backup_folder()
        stem = self._file.path.stem
        pattern = re.compile(rf"{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}})-\d{{6}}(-\d+)?\.db")
        try:
            names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        except OSError as exc:
            raise StoreError(f"cannot read {folder}: {exc.strerror}") from None
        found = sorted(name for name in names if pattern.fullmatch(name))
        if any(name.startswith(f"{stem}-{now:%Y-%m-%d}-") for name in found):
            return None
        made = self.backup(self.backup_path(now))
        found = sorted([*found, made.name])
        for old in found[:-keep]:
            with contextlib.suppress(OSError):
                (folder / old).unlink(missing_ok=True)
        return made


def _private_file(path: Path) -> BinaryIO:
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


@contextmanager
def journal_file(path: Path, key_of: Callable[[Path], Key] | None = None) -> Iterator[JournalRows]:
    """Another journal file's records, read-only and from one state of it: the file
    is never written (an older journal is read as it is, not upgraded). An encrypted
    one (a backup of an encrypted journal, another machine's copy) is opened with
    the key `key_of(path)` gives."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise StoreError(f"cannot read {name}: {exc.strerror}") from None
    key = None
    if header != cipher.SQLITE_MAGIC:
        if not cipher.is_encrypted(path):
            raise StoreError(f"{name} is not a journal file (not SQLite)")
        if key_of is None:
            raise StoreError(f"{name} is encrypted; give its passphrase to read it")
        key = key_of(path)
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    with explained(name):
        conn = cipher.connect(uri, key, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        if key is not None:
            try:
                cipher.check_key(conn)
            except cipher.WrongPassphrase:
                raise StoreError(f"{name}: wrong passphrase (or it is no journal file)") from None
        with explained(name):
            conn.execute("begin")
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
            applied = set(schema.applied_names(conn, tables))
        if "entries" not in tables or not applied:
            raise StoreError(f"{name} is not a Wellbeing Journal file")
        if applied - set(schema.known_names()):
            raise StoreError(
                f"{name} was written by a newer release of journal; upgrade journal to merge it"
            )
        yield JournalRows(conn, name)
    finally:
        conn.close()
