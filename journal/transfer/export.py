"""The journal written out: CSV (one row an entry) and Markdown (by year and month),
beside the JSON (journal.transfer.native) and jrnl (journal.transfer.jrnl) formats;
every format streamed, and a file written atomically with mode 0600."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

from journal.models import mood_word, stress_word, tags_in_body
from journal.store import EntryQuery
from journal.store.transfer import EntryRow, JournalRows

FORMATS = ("json", "csv", "markdown", "jrnl")
CSV_HEADER = [
    "id",
    "uuid",
    "created_at",
    "local_date",
    "mood",
    "mood_word",
    "stress",
    "tags",
    "body",
]


def write_csv(out: IO[str], entries: Iterable[EntryRow]) -> None:
    """RFC 4180: every cell as written (no prefix added), CRLF between records."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in entries:
        writer.writerow(
            [
                row.id,
                row.uuid,
                row.created_at.isoformat(timespec="seconds"),
                row.created_at.date().isoformat(),
                "" if row.mood is None else row.mood,
                mood_word(row.mood),
                "" if row.stress is None else row.stress,
                " ".join(row.tags),
                row.body,
            ]
        )


def write_markdown(out: IO[str], entries: Iterable[EntryRow]) -> None:
    """`# 2026`, `## November 2026`, then a heading an entry (its day, time, mood word
    and stress), its text, and its tags."""
    year = month = None
    out.write("# Journal\n")
    for row in entries:
        moment = row.created_at
        if moment.year != year:
            year, month = moment.year, None
            out.write(f"\n## {year}\n")
        if moment.month != month:
            month = moment.month
            out.write(f"\n### {moment:%B %Y}\n")
        parts = [f"{moment:%a %-d %B %Y, %H:%M}"]
        if row.mood is not None:
            parts.append(f"mood {row.mood} {mood_word(row.mood)}")
        if row.stress is not None:
            parts.append(f"stress {row.stress} {stress_word(row.stress)}")
        out.write(f"\n#### {' · '.join(parts)}\n\n")
        if row.body:
            out.write(row.body + "\n\n")
        own = [t for t in row.tags if t not in tags_in_body(row.body)]
        if own:
            out.write("Tags: " + " ".join(f"#{t}" for t in own) + "\n\n")


def write_export(
    fmt: str,
    out: IO[str],
    rows: JournalRows,
    *,
    query: EntryQuery,
    exported_at: datetime,
    watch: Callable[[Iterable[EntryRow]], Iterable[EntryRow]] = lambda entries: entries,
) -> None:
    """The journal (the entries `query` picks) in a format, streamed to `out`. With a
    filter, JSON holds only those entries and the routines: it is not a copy of the
    journal, so it brings no sessions, check-ins or deletions. `watch`: sees each entry go
    by (a progress bar)."""
    from journal.transfer.jrnl import write_text
    from journal.transfer.native import write_json

    entries = watch(rows.entries(query))
    whole = query.is_empty
    if fmt == "json":
        write_json(
            out,
            exported_at=exported_at,
            entries=entries,
            sessions=rows.sessions() if whole else (),
            routines=rows.routines(),
            checkins=rows.checkins() if whole else (),
            deleted=rows.tombstones() if whole else (),
        )
    elif fmt == "csv":
        write_csv(out, entries)
    elif fmt == "markdown":
        write_markdown(out, entries)
    elif fmt == "jrnl":
        write_text(out, entries)
    else:  # pragma: no cover - the command line offers FORMATS only
        raise ValueError(f"unknown format {fmt!r}")


@contextmanager
def atomic_text_file(path: Path) -> Iterator[IO[str]]:
    """A text file that appears at `path` whole, with mode 0600, or not at all: it is
    written beside it under another name and renamed when complete."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
