"""Daylio's CSV export, every generation of its header:

    year,date,weekday,time,mood,activities,note                 (the oldest)
    full_date,date,weekday,time,mood,activities,note
    full_date,date,weekday,time,mood,activities,note_title,note
    full_date,date,weekday,time,mood,activities,scales,note_title,note

with or without a UTF-8 BOM, 12- or 24-hour times; activities split on " | " become
tags; the note's title and text are joined, `<br>` read as a line break and HTML
entities decoded. Columns are found by name, so their order does not matter.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time, tzinfo
from pathlib import Path

from journal.models import EntryInput, InvalidEntry, parse_mood
from journal.store.transfer import EntryRow
from journal.transfer.jrnl import identity
from journal.transfer.problems import Notes, SourceError
from journal.transfer.times import OUT_OF_RANGE, in_range, localize, machine_zone_key

# Daylio's default mood labels.
DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?)?", re.ASCII | re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_DATE_FORMATS = ("%B %d", "%d %B", "%b %d", "%d %b", "%d. %B", "%m-%d", "%d.%m.")


def looks_like(header: list[str]) -> bool:
    names = {name.strip().lower() for name in header}
    return {"mood", "time"} <= names and bool({"full_date", "year"} & names)


def mood_value(label: str, moods: dict[str, int]) -> int | None:
    """The mood (1-5) for a Daylio label: --mood's mapping first, then Daylio's
    defaults and this journal's own words; None when unknown."""
    key = label.strip().lower()
    if key in moods:
        return moods[key]
    if key in DEFAULT_MOODS:
        return DEFAULT_MOODS[key]
    try:
        return parse_mood(key)
    except InvalidEntry:
        return None


def activity_tag(activity: str) -> str | None:
    tag = re.sub(r"[^\w-]+", "-", activity.strip().lower()).strip("-_")
    return tag if tag and len(tag) <= 40 else None


def _text(value: str | None) -> str:
    return html.unescape(_BREAK.sub("\n", value or "")).replace("\r\n", "\n")


def _day(row: dict[str, str], where: str, path: Path) -> date:
    full = (row.get("full_date") or "").strip()
    try:
        if full:
            return date.fromisoformat(full)
        year = int((row.get("year") or "").strip())
        text = (row.get("date") or "").strip()
        for form in _DATE_FORMATS:
            try:
                # With the year, so that 29 February is a day.
                return datetime.strptime(f"{year} {text}", f"%Y {form}").date()
            except ValueError:
                continue
    except ValueError:
        pass
    raise SourceError(path, where, "cannot read the date (full_date, or year and date)")


def _clock(text: str, where: str, path: Path) -> time:
    m = _TIME.fullmatch(text.strip())
    if m:
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        if m[4]:
            # 12-hour clock: 12 AM is 00, 12 PM is 12; 13 PM is no time at all.
            afternoon = m[4].lower() == "p"
            hour = hour % 12 + (12 if afternoon else 0) if 1 <= hour <= 12 else 99
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    raise SourceError(path, where, "cannot read the time (like 21:30 or 9:30 PM)")


def unknown_labels(path: Path, moods: dict[str, int]) -> Counter[str]:
    """The mood labels in a Daylio export that are neither a default nor mapped with
    --mood, with their counts: read before anything is written."""
    unknown: Counter[str] = Counter()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip().lower() for name in next(reader, [])]
            if "mood" not in header:
                return unknown  # read_csv says what is wrong
            column = header.index("mood")
            for cells in reader:
                label = cells[column].strip() if len(cells) > column else ""
                if label and mood_value(label, moods) is None:
                    unknown[label] += 1
    except (UnicodeDecodeError, csv.Error):
        pass  # read_csv says where
    return unknown


def read_csv(
    path: Path, notes: Notes, *, zone: tzinfo | None, moods: dict[str, int]
) -> Iterator[EntryRow]:
    """Daylio's entries. A mood label that is neither a default nor mapped with
    --mood is counted in notes.unknown_moods (the caller stops before writing)."""
    minute: datetime | None = None
    seen: dict[str, int] = {}
    machine = machine_zone_key(zone)
    n = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip().lower() for name in next(reader, [])]
            if not looks_like(header):
                raise SourceError(
                    path, "the header", "not a Daylio export (no full_date, time, mood)"
                )
            for n, cells in enumerate(reader, start=1):
                where = f"row {n}"
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    raise SourceError(
                        path,
                        where,
                        f"{len(cells)} fields where the header has {len(header)} "
                        "(a damaged or cut-off file?)",
                    )
                row = dict(zip(header, cells, strict=True))
                naive = datetime.combine(
                    _day(row, where, path), _clock(row.get("time", ""), where, path)
                )
                if not in_range(naive):
                    raise SourceError(path, where, OUT_OF_RANGE)
                label = row.get("mood", "").strip()
                if not label:
                    raise SourceError(path, where, "no mood (every Daylio entry has one)")
                notes.moods[label] += 1
                mood = mood_value(label, moods)
                if mood is None:
                    notes.unknown_moods[label] += 1
                activities = [a for a in (row.get("activities") or "").split(" | ") if a.strip()]
                title, note = _text(row.get("note_title")).strip(), _text(row.get("note")).strip()
                body = f"{title}\n{note}" if title and note else title or note
                tags = [t for a in activities if (t := activity_tag(a))]
                try:
                    entry = EntryInput.make(mood=mood, body=body, tags=tags)
                except InvalidEntry as exc:
                    if mood is None and "nothing to save" in str(exc):
                        continue  # its label is unknown: said before anything is saved
                    raise SourceError(path, where, str(exc)) from None
                if naive.replace(second=0) != minute:
                    minute, seen = naive.replace(second=0), {}
                key = f"{label}\n{' | '.join(activities)}\n{body}"
                seen[key] = seen.get(key, -1) + 1
                record = EntryRow(
                    uuid=identity("daylio", naive, key, seen[key]),
                    created_at=localize(naive, zone, notes, machine),
                    updated_at=None,
                    mood=entry.mood,
                    stress=None,
                    body=entry.body,
                    tags=tuple(sorted(entry.tags)),
                )
                notes.saw(record)
                yield record
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 text (byte {exc.start})") from None
    except csv.Error as exc:
        raise SourceError(path, f"row {n + 1}", f"damaged CSV ({exc})") from None
