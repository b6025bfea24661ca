"""What can go wrong with a file to import, and what reading one found on the way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journal.store.transfer import CheckinRow, EntryRow, RoutineRow, Row, SessionRow, Tombstone


class SourceError(ValueError):
    """A file that cannot be imported: which file, where in it, what is wrong and
    what to do. The message never quotes entry text."""

    def __init__(self, path: Path | str, where: str | None, what: str) -> None:
        place = f"{path}, {where}" if where else f"{path}"
        super().__init__(f"{place}: {what}; nothing was imported")
        self.path = path
        self.where = where


@dataclass
class Notes:
    """What a file holds, gathered while it is read: the --dry-run report, the
    checks made before anything is written, and the summary's remarks."""

    entries: int = 0
    sessions: int = 0
    routines: int = 0
    deleted: int = 0
    checkins: int = 0
    first: date | None = None
    last: date | None = None
    tags: Counter[str] = field(default_factory=Counter)
    moods: Counter[str] = field(default_factory=Counter)  # mood labels, as written
    unknown_moods: Counter[str] = field(default_factory=Counter)
    skipped_empty: int = 0
    moved_out_of_gap: int = 0  # times inside a daylight-saving gap
    first_of_two: int = 0  # times that occur twice (the first was taken)

    def saw(self, row: Row) -> None:
        if isinstance(row, EntryRow):
            self.entries += 1
            self._day(row.created_at.date())
            self.tags.update(row.tags)
        elif isinstance(row, SessionRow):
            self.sessions += 1
            self._day(row.started_at.date())
        elif isinstance(row, RoutineRow):
            self.routines += 1
        elif isinstance(row, CheckinRow):
            self.checkins += 1
            self._day(row.taken_at.date())
        elif isinstance(row, Tombstone):
            self.deleted += 1

    def _day(self, day: date) -> None:
        if self.first is None or day < self.first:
            self.first = day
        if self.last is None or day > self.last:
            self.last = day

    @property
    def records(self) -> int:
        return self.entries + self.sessions + self.routines + self.checkins + self.deleted
