"""The person's settings, each read and written through a typed accessor named here."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.store.connection import JournalFile

# The keys in the settings table: one place, so no two screens spell one differently.
THEME = "theme"
BELL = "bell"
SAFETY_SEEN = "pmr_safety_seen"
CHECKIN_REMINDER = "checkin_reminder"
CHECKIN_REMINDED_ON = "checkin_reminded_on"
DAILY_BACKUP = "daily_backup"


class Settings:
    """`store.settings`: each setting a property; reading one never fails on a value
    of the wrong type (the default is used), writing one is a transaction."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file

    @property
    def theme(self) -> str | None:
        """The theme the person chose (a Textual theme's name), if any."""
        value = self._read(THEME)
        return value if isinstance(value, str) else None

    def set_theme(self, name: str, *, wait: float | None = None) -> None:
        self._write(THEME, name, wait)

    @property
    def bell(self) -> bool:
        """Whether the relaxation timer rings at each tense and release (on by default)."""
        return self._read(BELL) is not False

    def set_bell(self, on: bool, *, wait: float | None = None) -> None:
        self._write(BELL, on, wait)

    @property
    def safety_seen(self) -> bool:
        """Whether the relaxation safety notes were shown before a first session."""
        return self._read(SAFETY_SEEN) is True

    def set_safety_seen(self, seen: bool = True, *, wait: float | None = None) -> None:
        self._write(SAFETY_SEEN, seen, wait)

    @property
    def checkin_reminder(self) -> bool:
        """Whether the journal screen reminds of a check-in 14 or more days old (on
        by default)."""
        return self._read(CHECKIN_REMINDER) is not False

    def set_checkin_reminder(self, on: bool, *, wait: float | None = None) -> None:
        self._write(CHECKIN_REMINDER, on, wait)

    @property
    def checkin_reminded_on(self) -> date | None:
        """The local day the check-in reminder was last shown: at most once a day."""
        value = self._read(CHECKIN_REMINDED_ON)
        if not isinstance(value, str):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None

    def set_checkin_reminded_on(self, day: date, *, wait: float | None = None) -> None:
        self._write(CHECKIN_REMINDED_ON, day.isoformat(), wait)

    @property
    def daily_backup(self) -> bool:
        """Whether the app backs the journal up on the first start of each day (on by
        default)."""
        return self._read(DAILY_BACKUP) is not False

    def set_daily_backup(self, on: bool, *, wait: float | None = None) -> None:
        self._write(DAILY_BACKUP, on, wait)

    def _read(self, key: str) -> object:
        with self._file.reading() as conn:
            row = conn.execute("select value from settings where key = ?", [key]).fetchone()
        return None if row is None else json.loads(row[0])

    def _write(self, key: str, value: object, wait: float | None) -> None:
        with self._file.write(wait=wait) as db:
            db.table("settings").upsert({"key": key, "value": json.dumps(value)}, pk="key")
