"""Which format a file is in, and its records read as the store's rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from journal.store import StoreError
from journal.store.cipher import Key, is_encrypted
from journal.store.transfer import Row, journal_file
from journal.transfer import daylio, jrnl, native
from journal.transfer.problems import Notes, SourceError

FORMATS = ("jrnl", "jrnl-json", "daylio", "json", "journal")
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class ImportOptions:
    """How to read times and moods: --tz (None: this machine's zone), --day-first,
    --mood LABEL=N."""

    zone: tzinfo | None = None
    day_first: bool = False
    moods: dict[str, int] = field(default_factory=dict)
    # The key of an encrypted journal file to merge (see journal_file).
    key_of: Callable[[Path], Key] | None = None


def detect(path: Path) -> str:
    """The file's format, from what it holds (not its name)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except IsADirectoryError:
        raise SourceError(path, None, "is a folder; give a file to import") from None
    except OSError as exc:
        raise SourceError(path, None, f"cannot read it ({exc.strerror})") from None
    if head.startswith(SQLITE_MAGIC) or is_encrypted(path):
        return "journal"
    text = head.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise SourceError(path, None, "the file is empty: nothing to import")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        if f'"{native.FORMAT}"' in stripped[:4096] or stripped[1:].lstrip().startswith('"format"'):
            return "json"
        if '"entries"' in stripped:
            return "jrnl-json"
    first_line = stripped.split("\n", 1)[0]
    try:
        header = next(csv.reader(io.StringIO(first_line)))
    except (csv.Error, StopIteration):
        header = []
    if daylio.looks_like(header):
        return "daylio"
    for line in text.split("\n"):
        m = jrnl._HEADER.match(line)
        if m and jrnl.parse_date(m[1]):
            return "jrnl"
    raise SourceError(
        path,
        None,
        "unknown format: give --from jrnl, jrnl-json, daylio, json (this journal's export) "
        "or journal (another journal file)",
    )


def read(path: Path, fmt: str, options: ImportOptions, notes: Notes) -> Iterator[Row]:
    """The file's records; a SourceError names the file and the line or row."""
    if path.is_file() and path.stat().st_size == 0:
        raise SourceError(path, None, "the file is empty: nothing to import")
    if fmt == "jrnl":
        yield from jrnl.read_text(path, notes, zone=options.zone, day_first=options.day_first)
    elif fmt == "jrnl-json":
        yield from jrnl.read_json(path, notes, zone=options.zone)
    elif fmt == "daylio":
        yield from daylio.read_csv(path, notes, zone=options.zone, moods=options.moods)
    elif fmt == "json":
        yield from native.read_json(path, notes)
    elif fmt == "journal":
        yield from _journal_file(path, notes, options.key_of)
    else:  # pragma: no cover - click checks --from
        raise SourceError(path, None, f"unknown format {fmt!r}")


def _journal_file(path: Path, notes: Notes, key_of: Callable[[Path], Key] | None) -> Iterator[Row]:
    try:
        with journal_file(path, key_of) as other:
            # Deletions first: a record deleted there is never added here.
            sources = (other.tombstones(), other.routines(), other.entries(), other.sessions())
            for source in (*sources, other.checkins()):
                for row in source:
                    notes.saw(row)
                    yield row
    except StoreError as exc:
        raise SourceError(path, None, str(exc).removeprefix(f"{path}: ")) from None
