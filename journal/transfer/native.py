"""This journal's own JSON export: lossless, streamed one record a line, and read
back (from any layout of the same JSON) without holding the file in memory."""

from __future__ import annotations

import json
import uuid as uuids
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from journal.models import InvalidEntry, check_body, normalize_tag, parse_mood, parse_stress
from journal.store.transfer import CheckinRow, EntryRow, RoutineRow, Row, SessionRow, Tombstone
from journal.text import json_line
from journal.transfer.problems import Notes, SourceError
from journal.who5 import InvalidCheckin, parse_answers

FORMAT = "wellbeing-journal"
VERSION = 1
KINDS = ("entry", "session", "routine", "checkin")


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def entry_json(row: EntryRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "uuid": row.uuid,
        "created_at": _time(row.created_at),
        "updated_at": _time(row.updated_at),
        "mood": row.mood,
        "stress": row.stress,
        "tags": list(row.tags),
        "body": row.body,
    }


def session_json(row: SessionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "uuid": row.uuid,
        "routine": row.routine,
        "started_at": _time(row.started_at),
        "ended_at": _time(row.ended_at),
        "seconds": row.seconds,
        "completed": row.completed,
        "stress_before": row.stress_before,
        "stress_after": row.stress_after,
        "groups_done": row.groups_done,
        "groups_planned": row.groups_planned,
        "note": row.note,
        "settings": json.loads(row.settings),
    }


def routine_json(row: RoutineRow) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "name": row.name,
        "updated_at": _time(row.updated_at),
        "definition": json.loads(row.definition),
    }


def checkin_json(row: CheckinRow) -> dict[str, Any]:
    """The shape `journal checkins --json` gives (journal.who5.Checkin.to_json)."""
    raw = sum(row.answers)
    return {
        "id": row.id,
        "uuid": row.uuid,
        "taken_at": _time(row.taken_at),
        "answers": list(row.answers),
        "raw": raw,
        "score": raw * 4,
    }


def tombstone_json(row: Tombstone) -> dict[str, Any]:
    return {"uuid": row.uuid, "kind": row.kind, "deleted_at": _time(row.deleted_at)}


def write_json(
    out: IO[str],
    *,
    exported_at: datetime,
    entries: Iterable[EntryRow],
    sessions: Iterable[SessionRow],
    routines: Iterable[RoutineRow],
    deleted: Iterable[Tombstone],
    checkins: Iterable[CheckinRow] = (),
) -> None:
    """The whole journal as one JSON object, a record a line, written as it is read;
    the WHO-5 check-ins in their own JSON shape."""
    out.write("{\n")
    out.write(f'"format": "{FORMAT}",\n"version": {VERSION},\n')
    out.write(f'"exported_at": "{_time(exported_at)}",\n')
    parts: list[tuple[str, Iterable[Any], Any]] = [
        ("entries", entries, entry_json),
        ("sessions", sessions, session_json),
        ("routines", routines, routine_json),
        ("checkins", checkins, checkin_json),
        ("deleted", deleted, tombstone_json),
    ]
    for n, (key, rows, shape) in enumerate(parts):
        out.write(f'"{key}": [')
        sep = "\n"
        for row in rows:
            out.write(sep + json_line(shape(row)))
            sep = ",\n"
        out.write("\n]" + (",\n" if n < len(parts) - 1 else "\n"))
    out.write("}\n")


# -- reading -----------------------------------------------------------------------


class _Stream:
    """A JSON text read a piece at a time: values are decoded one by one with
    JSONDecoder.raw_decode, so a file of any size needs memory for one record."""

    CHUNK = 1 << 16

    def __init__(self, handle: IO[str], path: Path) -> None:
        self._handle = handle
        self._path = path
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self._handle.read(self.CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._buffer = self._buffer[self._pos :] + chunk
        self._pos = 0
        return True

    def peek(self, where: str) -> str:
        """The next character that is not blank space."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in " \t\r\n":
                self._pos += 1
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._fill():
                raise SourceError(self._path, where, "the file ends half way (half a file?)")

    def expect(self, char: str, where: str) -> None:
        if self.peek(where) != char:
            raise SourceError(self._path, where, f"expected '{char}': this is not a JSON export")
        self._pos += 1

    def value(self, where: str) -> Any:
        self.peek(where)
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                # Perhaps only cut off by the end of the buffer: read on and retry.
                if self._fill():
                    continue
                raise SourceError(
                    self._path, where, f"damaged JSON, or the file ends half way ({exc.msg})"
                ) from None
            # A number or word cut by the buffer's end reads as a shorter one.
            if end == len(self._buffer) and self._fill():
                continue
            self._pos = end
            return value


def read_json(path: Path, notes: Notes) -> Iterator[Row]:
    """The records of this journal's JSON export, in the file's order."""
    with path.open(encoding="utf-8-sig") as handle:
        stream = _Stream(handle, path)
        stream.expect("{", "the start")
        seen_format = False
        while stream.peek("the top level") != "}":
            key = stream.value("the top level")
            stream.expect(":", f"'{key}'")
            if key in ("entries", "sessions", "routines", "checkins", "deleted"):
                if not seen_format:
                    raise SourceError(path, None, f"not a {FORMAT} export (no 'format' first)")
                yield from _records(stream, path, key, notes)
            else:
                value = stream.value(f"'{key}'")
                if key == "format":
                    if value != FORMAT:
                        raise SourceError(path, "'format'", f"not a {FORMAT} export")
                    seen_format = True
                elif key == "version" and value != VERSION:
                    raise SourceError(
                        path, "'version'", f"version {value!r} is not one this release reads"
                    )
            if stream.peek("the top level") == ",":
                stream.expect(",", "the top level")
        if not seen_format:
            raise SourceError(path, None, f"not a {FORMAT} export (no 'format')")


def _records(stream: _Stream, path: Path, key: str, notes: Notes) -> Iterator[Row]:
    stream.expect("[", f"'{key}'")
    n = 0
    while stream.peek(f"{key}[{n}]") != "]":
        n += 1
        where = f"{key} record {n}"
        value = stream.value(where)
        try:
            row = _ROW[key](value)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SourceError(path, where, _why(exc)) from None
        notes.saw(row)
        yield row
        if stream.peek(where) == ",":
            stream.expect(",", where)
    stream.expect("]", f"'{key}'")


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    if isinstance(exc, InvalidEntry):
        return str(exc)
    return f"a field is not what it should be ({exc})"[:200]


def _uuid(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("uuid must be text")
    return str(uuids.UUID(value))


def _moment(value: Any, name: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be an ISO 8601 time")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"{name} needs its UTC offset")
    return moment


def _maybe_moment(value: Any, name: str) -> datetime | None:
    return None if value is None else _moment(value, name)


def _int(value: Any, name: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{name} must be a whole number")
    return value


def _maybe_id(value: Any) -> int | None:
    return None if value is None else _int(value, "id", 1)


def _entry(data: dict[str, Any]) -> EntryRow:
    body = data["body"]
    if not isinstance(body, str) or not isinstance(data["tags"], list):
        raise ValueError("body must be text and tags a list")
    row = EntryRow(
        uuid=_uuid(data["uuid"]),
        created_at=_moment(data["created_at"], "created_at"),
        updated_at=_maybe_moment(data.get("updated_at"), "updated_at"),
        mood=parse_mood(data["mood"]) if data["mood"] is not None else None,
        stress=parse_stress(data["stress"]) if data["stress"] is not None else None,
        body=check_body(body),
        tags=tuple(dict.fromkeys(normalize_tag(tag) for tag in data["tags"])),
        id=_maybe_id(data.get("id")),
    )
    if row.mood is None and row.stress is None and not row.body:
        raise InvalidEntry("an entry has no mood, stress or text")
    return row


def _session(data: dict[str, Any]) -> SessionRow:
    note = data.get("note")
    if not isinstance(data["routine"], str) or not (note is None or isinstance(note, str)):
        raise ValueError("routine and note must be text")
    return SessionRow(
        uuid=_uuid(data["uuid"]),
        routine=data["routine"],
        settings=json.dumps(data["settings"]),
        started_at=_moment(data["started_at"], "started_at"),
        ended_at=_maybe_moment(data["ended_at"], "ended_at"),
        seconds=_int(data["seconds"], "seconds"),
        groups_done=_int(data["groups_done"], "groups_done"),
        groups_planned=_int(data["groups_planned"], "groups_planned"),
        completed=bool(data["completed"]),
        stress_before=parse_stress(data["stress_before"]),
        stress_after=parse_stress(data["stress_after"]),
        note=check_body(note) if note else None,
        id=_maybe_id(data.get("id")),
    )


def _routine(data: dict[str, Any]) -> RoutineRow:
    from journal.pmr import LIMITS, make_user_routine

    definition = data["definition"]
    # Refused here, as the routine form would refuse it.
    make_user_routine(
        definition["name"],
        base=definition["base"],
        kept=definition["kept"],
        dominant=definition["dominant"],
        **{name: definition[name] for name in LIMITS},
    )
    return RoutineRow(
        uuid=_uuid(data["uuid"]),
        name=str(data["name"]),
        definition=json.dumps(definition),
        updated_at=_moment(data["updated_at"], "updated_at"),
    )


def _checkin(data: dict[str, Any]) -> CheckinRow:
    answers = data["answers"]
    wanted = "answers must be a list of five whole numbers from 0 to 5"
    if not isinstance(answers, list) or not all(isinstance(a, int) for a in answers):
        raise ValueError(wanted)
    try:
        answers = parse_answers(answers)
    except InvalidCheckin:
        raise ValueError(wanted) from None
    row = CheckinRow(
        uuid=_uuid(data["uuid"]),
        taken_at=_moment(data["taken_at"], "taken_at"),
        answers=answers,
        id=_maybe_id(data.get("id")),
    )
    # Written from the answers: a raw or score that disagrees is a damaged record.
    raw = sum(row.answers)
    if data.get("raw", raw) != raw or data.get("score", raw * 4) != raw * 4:
        raise ValueError("raw and score do not match the answers")
    return row


def _tombstone(data: dict[str, Any]) -> Tombstone:
    if data["kind"] not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    return Tombstone(_uuid(data["uuid"]), data["kind"], _moment(data["deleted_at"], "deleted_at"))


_ROW: dict[str, Callable[[Any], Row]] = {
    "entries": _entry,
    "sessions": _session,
    "routines": _routine,
    "checkins": _checkin,
    "deleted": _tombstone,
}
