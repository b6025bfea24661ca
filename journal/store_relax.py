"""Store's relaxation sessions, the person's own routines, and settings."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

from journal.models import Session, check_body, from_stored, parse_stress, to_utc_text
from journal.store_entries import time_columns
from journal.store_errors import StoreError

if TYPE_CHECKING:
    from journal.pmr import Routine
    from journal.store import Clock


class RelaxationMixin:
    """Store's methods for sessions, routines and settings; Store supplies the clock,
    write() and reading()."""

    clock: Clock

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
                        **time_columns(now, "started"),
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
        with self.reading() as conn:
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
        with self.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_session_from_row(row) for row in rows]

    # -- routines ----------------------------------------------------------------

    def routines(self) -> list[Routine]:
        """The built-in routines, then the person's own, by name."""
        from journal.pmr import BUILTIN_ROUTINES

        with self.reading() as conn:
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
        with self.reading() as conn:
            row = conn.execute("select value from settings where key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: object) -> None:
        with self.write() as db:
            db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")


# -- helpers -----------------------------------------------------------------------

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
