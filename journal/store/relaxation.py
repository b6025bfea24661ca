"""Relaxation sessions as they were practised, and the person's own routines."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from journal.models import Session, check_body, from_stored, parse_stress, to_utc_text
from journal.rounding import whole
from journal.store.entries import next_id, time_columns
from journal.store.errors import StoreError
from journal.store.tombstones import bury

if TYPE_CHECKING:
    from journal.pmr import Routine
    from journal.store.connection import JournalFile


@dataclass(frozen=True)
class SessionRecord:
    """A session to save in bulk, as the app would have recorded it."""

    routine: Routine
    at: datetime
    ended_at: datetime
    seconds: int
    groups_done: int
    completed: bool
    stress_before: int | None
    stress_after: int | None
    note: str | None
    uuid: str | None = None


class Sessions:
    """Relaxation sessions: `store.sessions`."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file

    def start(
        self, routine: Routine, *, stress_before: int | None, wait: float | None = None
    ) -> Session:
        """Record a session as it starts (not completed until it finishes)."""
        stress_before = parse_stress(stress_before)
        now = self._file.clock()
        with self._file.write(wait=wait) as db:
            session_id = (
                db.table("sessions")
                .insert(
                    {
                        "uuid": str(uuid.uuid4()),
                        "routine": routine.name,
                        "settings": json.dumps(routine.to_json()),
                        **time_columns(now, "started"),
                        "ended_utc": to_utc_text(now),
                        "seconds": 0,
                        "groups_done": 0,
                        "groups_planned": len(routine.groups),
                        "completed": 0,
                        "stress_before": stress_before,
                    }
                )
                .last_rowid
            )
            assert session_id is not None  # insert() has just set it
        return self.get(session_id)

    def record_progress(
        self,
        session_id: int,
        *,
        seconds: float,
        groups_done: int,
        completed: bool = False,
        wait: float | None = None,
    ) -> None:
        """How far a session has got: at each group boundary, and at its end."""
        with self._file.write(wait=wait) as db:
            db.table("sessions").update(
                session_id,
                {
                    "ended_utc": to_utc_text(self._file.clock()),
                    "seconds": whole(seconds),
                    "groups_done": groups_done,
                    "completed": int(completed),
                },
            )

    def rate(
        self,
        session_id: int,
        *,
        stress_after: object,
        note: str = "",
        wait: float | None = None,
    ) -> None:
        """The stress rating after a session, and an optional one-line note."""
        stress_after = parse_stress(stress_after)
        note = check_body(" ".join(note.split()))
        with self._file.write(wait=wait) as db:
            db.table("sessions").update(
                session_id, {"stress_after": stress_after, "note": note or None}
            )

    def add_many(self, records: Iterable[SessionRecord]) -> int:
        """Save many sessions in one transaction, with the columns start() and the
        calls after it write (the sample journals; imports)."""
        rows: list[dict[str, Any]] = []
        settings: dict[Routine, str] = {}
        for record in records:
            routine = record.routine
            if routine not in settings:
                settings[routine] = json.dumps(routine.to_json())
            rows.append(
                {
                    "uuid": record.uuid or str(uuid.uuid4()),
                    "routine": routine.name,
                    "settings": settings[routine],
                    **time_columns(record.at, "started"),
                    "ended_utc": to_utc_text(record.ended_at),
                    "seconds": record.seconds,
                    "groups_done": record.groups_done,
                    "groups_planned": len(routine.groups),
                    "completed": int(record.completed),
                    "stress_before": record.stress_before,
                    "stress_after": record.stress_after,
                    "note": record.note,
                }
            )
        with self._file.write() as db:
            first_id = next_id(db, "sessions")
            for session_id, row in enumerate(rows, start=first_id):
                row["id"] = session_id
            db.table("sessions").insert_all(rows)
        return len(rows)

    def get(self, session_id: int) -> Session:
        with self._file.reading() as conn:
            row = conn.execute(
                f"select {_SESSION_COLUMNS} from sessions where id = ?", [session_id]
            ).fetchone()
        if row is None:
            raise StoreError(f"there is no session {session_id}; 'journal sessions' lists them")
        return _session_from_row(row)

    def count(self) -> int:
        with self._file.reading() as conn:
            n: int = conn.execute("select count(*) from sessions").fetchone()[0]
        return n

    def recent(self, *, limit: int | None = 20) -> list[Session]:
        """Sessions, newest first."""
        sql = f"select {_SESSION_COLUMNS} from sessions order by started_utc desc, id desc"
        params: list[Any] = []
        if limit is not None:
            sql += " limit ?"
            params.append(limit)
        with self._file.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_session_from_row(row) for row in rows]


class Routines:
    """The routines: built in, and the person's own: `store.routines`."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file

    def all(self) -> list[Routine]:
        """The built-in routines, then the person's own, by name."""
        from journal.pmr import BUILTIN_ROUTINES

        with self._file.reading() as conn:
            rows = conn.execute("select definition from routines order by name").fetchall()
        own = [_routine_from_json(json.loads(row[0])) for row in rows]
        return [*BUILTIN_ROUTINES.values(), *own]

    def get(self, name: str) -> Routine | None:
        return next((r for r in self.all() if r.name == name), None)

    def save(
        self, routine: Routine, *, replacing: str | None = None, wait: float | None = None
    ) -> None:
        """Save (or replace) one of the person's own routines; `replacing`: the name
        it had before a rename, removed in the same transaction."""
        if routine.builtin:
            raise StoreError(f"'{routine.name}' is built in; save a copy under another name")
        definition = json.dumps(_routine_to_json(routine))
        with self._file.write(wait=wait) as db:
            db.execute(
                "insert into routines (uuid, name, definition, updated_utc) values (?, ?, ?, ?) "
                "on conflict(name) do update set definition = excluded.definition, "
                "updated_utc = excluded.updated_utc",
                [str(uuid.uuid4()), routine.name, definition, to_utc_text(self._file.clock())],
            )
            if replacing is not None and replacing != routine.name:
                bury(db, "routine", "name = ?", [replacing], self._file.clock())
                db.execute("delete from routines where name = ?", [replacing])

    def delete(self, name: str, *, wait: float | None = None) -> None:
        with self._file.write(wait=wait) as db:
            bury(db, "routine", "name = ?", [name], self._file.clock())
            db.execute("delete from routines where name = ?", [name])


# -- helpers -----------------------------------------------------------------------

_SESSION_COLUMNS = (
    "id, uuid, routine, started_utc, utc_offset, ended_utc, seconds, groups_done, "
    "groups_planned, completed, stress_before, stress_after, note"
)


def _session_from_row(row: tuple[Any, ...]) -> Session:
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


def _routine_to_json(routine: Routine) -> dict[str, Any]:
    from journal.pmr import LIMITS

    return {
        "name": routine.name,
        "base": routine.base,
        "kept": list(routine.kept or ()),
        "dominant": routine.dominant,
        **{name: getattr(routine, name) for name in LIMITS},
    }


def _routine_from_json(data: dict[str, Any]) -> Routine:
    from journal.pmr import LIMITS, make_user_routine

    return make_user_routine(
        data["name"],
        base=data["base"],
        kept=data["kept"],
        dominant=data["dominant"],
        **{name: data[name] for name in LIMITS},
    )
