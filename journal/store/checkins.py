"""WHO-5 well-being check-ins: saving them, one or many, and reading them back."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from journal.models import from_stored, offset_minutes, to_utc_text
from journal.store.entries import next_id
from journal.store.errors import StoreError
from journal.who5 import Checkin, parse_answers

if TYPE_CHECKING:
    from journal.stats.wellbeing import Wellbeing
    from journal.store.connection import JournalFile


@dataclass(frozen=True)
class CheckinRecord:
    """A check-in to save in bulk (the sample journals; imports).

    `at`: the moment (aware; it is stored in UTC). `offset`: the writer's UTC offset
    then, in minutes; None takes `at`'s own. `uuid`: the record's own, when it has one
    (an imported record keeps it); None makes a new one."""

    at: datetime
    answers: tuple[int, ...]
    offset: int | None = None
    uuid: str | None = None

    def local_moment(self) -> datetime:
        """`at` in the writer's own offset."""
        if self.at.tzinfo is None:
            raise ValueError("a check-in's moment needs its UTC offset")
        if self.offset is None:
            return self.at
        return self.at.astimezone(timezone(timedelta(minutes=self.offset)))


class Checkins:
    """The WHO-5 check-ins: `store.checkins`. Every write validates the answers
    (five, each 0-5: journal.who5.InvalidCheckin otherwise) and is one transaction."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file

    def add(
        self, answers: object, *, at: datetime | None = None, wait: float | None = None
    ) -> Checkin:
        """Save a check-in taken at `at` (aware), or now."""
        record = CheckinRecord(at=at or self._file.clock(), answers=parse_answers(answers))
        row = _row(record)
        with self._file.write(wait=wait) as db:
            checkin_id = db.table("checkins").insert(row).last_rowid
            assert checkin_id is not None  # insert() has just set it
        return self.get(checkin_id)

    def add_many(self, records: Iterable[CheckinRecord]) -> int:
        """Save many check-ins in one transaction; all or none. Every record is
        checked before anything is written. A uuid already in the journal is a
        StoreError (a merge decides before it calls this)."""
        rows = [_row(record) for record in records]
        with self._file.write() as db:
            first_id = next_id(db, "checkins")
            for checkin_id, row in enumerate(rows, start=first_id):
                row["id"] = checkin_id
            try:
                db.table("checkins").insert_all(rows)
            except sqlite3.IntegrityError as exc:
                if "checkins.uuid" in str(exc):
                    raise StoreError(
                        "a check-in with the same uuid is already in the journal; nothing was saved"
                    ) from exc
                raise
        return len(rows)

    def get(self, checkin_id: int) -> Checkin:
        with self._file.reading() as conn:
            row = conn.execute(
                f"select {_COLUMNS} from checkins where id = ?", [checkin_id]
            ).fetchone()
        if row is None:
            raise StoreError(f"there is no check-in {checkin_id}; 'journal checkins' lists them")
        return _from_row(row)

    def count(self) -> int:
        with self._file.reading() as conn:
            n: int = conn.execute("select count(*) from checkins").fetchone()[0]
        return n

    def recent(self, n: int | None = 20) -> list[Checkin]:
        """The newest `n` check-ins (None: all), newest first."""
        sql = f"select {_COLUMNS} from checkins order by taken_utc desc, id desc"
        params: list[Any] = []
        if n is not None:
            sql += " limit ?"
            params.append(n)
        with self._file.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_from_row(row) for row in rows]

    def latest(self) -> Checkin | None:
        found = self.recent(1)
        return found[0] if found else None

    def all(self) -> list[Checkin]:
        """Every check-in, oldest first."""
        return self.between(None, None)

    def __iter__(self) -> Iterator[Checkin]:
        return iter(self.all())

    def between(self, since: date | None, until: date | None) -> list[Checkin]:
        """The check-ins taken on the local days `since` to `until` (inclusive;
        None: no bound), oldest first."""
        with self._file.reading() as conn:
            return between(conn, since, until)

    def before(self, checkin: Checkin) -> Checkin | None:
        """The check-in taken just before `checkin`: what its change is measured from."""
        with self._file.reading() as conn:
            return before(conn, checkin)

    def wellbeing(self, since: date | None, until: date) -> Wellbeing:
        """The scores over a range of local days for Trends, with the change of the
        latest since the one before it, from one snapshot of the journal."""
        from journal.stats.wellbeing import Wellbeing

        with self._file.snapshot() as conn:
            found = between(conn, since, until)
            return Wellbeing(found, before(conn, found[-1]) if found else None)


# -- the reads, on a connection (Trends reads them in its snapshot) ---------------------


def between(conn: sqlite3.Connection, since: date | None, until: date | None) -> list[Checkin]:
    rows = conn.execute(
        f"select {_COLUMNS} from checkins where local_date between ? and ? order by taken_utc, id",
        [since.isoformat() if since else "", until.isoformat() if until else "9999"],
    ).fetchall()
    return [_from_row(row) for row in rows]


def before(conn: sqlite3.Connection, checkin: Checkin) -> Checkin | None:
    row = conn.execute(
        f"select {_COLUMNS} from checkins where (taken_utc, id) < (?, ?) "
        "order by taken_utc desc, id desc limit 1",
        [to_utc_text(checkin.taken_at), checkin.id],
    ).fetchone()
    return _from_row(row) if row else None


# -- helpers ---------------------------------------------------------------------------

_COLUMNS = "id, uuid, taken_utc, utc_offset, answer1, answer2, answer3, answer4, answer5"


def _row(record: CheckinRecord) -> dict[str, Any]:
    answers = parse_answers(record.answers)
    moment = record.local_moment()
    raw = sum(answers)
    return {
        "uuid": record.uuid or str(uuid.uuid4()),
        "taken_utc": to_utc_text(moment),
        "utc_offset": offset_minutes(moment),
        "local_date": moment.date().isoformat(),
        **{f"answer{n}": answer for n, answer in enumerate(answers, start=1)},
        "raw": raw,
        "score": raw * 4,
    }


def _from_row(row: tuple[Any, ...]) -> Checkin:
    checkin_id, checkin_uuid, taken, offset, *answers = row
    return Checkin(
        id=checkin_id,
        uuid=checkin_uuid,
        taken_at=from_stored(taken, offset),
        answers=tuple(answers),
    )
