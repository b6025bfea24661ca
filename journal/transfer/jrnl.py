"""jrnl's journals: its plain-text file and its JSON export read as jrnl 4.x itself
reads them (with its default settings), and this journal written in its plain-text
format, which jrnl reads back as the same entries.

jrnl's format (https://jrnl.sh/en/stable/formats/ and its "journal file" docs):
an entry starts at a line `[DATE] ` whose DATE jrnl can read; everything up to the
next such line is the entry's text. The first line ending in `*` marks it starred.
`@word` and `#word` after a space (or at the start) are tags. Text before the first
entry is not an entry. Nothing here is jrnl's code (GPL): the rules were read in its
documentation and checked against jrnl 4.6 itself (tests/transfer/data/).
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid as uuids
from collections.abc import Iterable, Iterator
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import IO, Any

from journal.models import MOODS, InvalidEntry, check_body, tags_in_body
from journal.store.transfer import EntryRow
from journal.transfer.problems import Notes, SourceError
from journal.transfer.times import (
    OUT_OF_RANGE,
    in_range,
    localize,
    machine_zone_key,
    same_all_day,
)

# The namespace of the uuids given to imported records: the same record always gets
# the same uuid, so importing a file again adds nothing.
NAMESPACE = uuids.UUID("6f1d7c3e-2b9a-5e4f-8a61-0c7d2e9b4a15")
_NAMESPACE_BYTES = NAMESPACE.bytes

# An entry starts where a line starts with "[...] ".
_HEADER = re.compile(r"\[([^\]]+)\] ")
_HEADER_AT_LINE_START = re.compile(r"^\[([^\]\n]+)\] ", re.MULTILINE)
# jrnl's tags: @ or # after a space or the start, then word characters and -+*#/.
_JRNL_TAG = re.compile(r"(?<!\S)[@#]([-+*#/\w]+)")
# The usual forms, read without dateutil (the same result, much faster).
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?",
    re.ASCII,
)
# What this journal's jrnl export adds as an entry's last line.
_TRAILER = re.compile(
    r"((?:@[\w-]+ )*)\((?:mood ([1-5]) [a-z]+)?(?:, )?(?:stress ([0-9]|10))?\)", re.ASCII
)


def parse_date(blob: str, *, day_first: bool = False, today: date | None = None) -> datetime | None:
    """The naive time jrnl reads from the text between an entry's brackets, or None
    when jrnl would not take it for a date (then the line is body text)."""
    if len(blob) <= 6:
        return None  # jrnl's rule: a Markdown footnote such as [1], not a date
    if m := _ISO.fullmatch(blob):
        year, month, day, hour, minute, second, half = m.groups()
        h = int(hour or 0)
        if half:
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if half in "Pp" else 0)
        try:
            return datetime(int(year), int(month), int(day), h, int(minute or 0), int(second or 0))
        except ValueError:
            return None
    return _parse_with_dateutil(blob, day_first, today or date.today())


_NO_YEAR = 1004  # a leap year no journal was written in: "no year given"


def _parse_with_dateutil(blob: str, day_first: bool, today: date) -> datetime | None:
    from dateutil import parser

    default = datetime(_NO_YEAR, 1, 1)
    try:
        found = parser.parse(blob, default=default, dayfirst=day_first)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if found.tzinfo is not None:
        found = found.replace(tzinfo=None)
    if found.year == _NO_YEAR:
        # No year written: this year, or last year for a day more than four weeks ahead.
        try:
            found = found.replace(year=today.year)
            if (found.date() - today).days > 28:
                found = found.replace(year=today.year - 1)
        except ValueError:
            return None
    return found.replace(microsecond=0)


def jrnl_tag(word: str) -> str | None:
    """A jrnl tag as a tag here can hold it: letters, digits, '-' and '_' kept, other
    characters '-' (a run of them one '-'), lower-cased; None when nothing is left."""
    tag = re.sub(r"[^\w-]+", "-", word.lower()).lstrip("-_")
    return tag if tag and len(tag) <= 40 else None


def identity(kind: str, moment: datetime, text: str, n: int) -> str:
    """The uuid of an imported record (a version 5 uuid, as uuid.uuid5 makes): from
    where it came from (its kind, its minute and its words, blank space aside) and how
    many such came before it in that minute."""
    words = " ".join(text.split())
    name = f"{kind}\n{moment.isoformat(' ', 'minutes')}\n{words}\n{n}"
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Entries:
    """Turns (time, text, starred) into rows: uuid, tags, mood and stress lines."""

    def __init__(self, path: Path, zone: tzinfo | None, notes: Notes) -> None:
        self.path = path
        self.zone = zone
        self.notes = notes
        self.machine = machine_zone_key(zone)
        self._minute: datetime | None = None
        self._seen: dict[str, int] = {}
        # The offset of each day whose clock neither jumps nor repeats.
        self._days: dict[date, tzinfo] = {}

    def row(self, naive: datetime, text: str, starred: bool, where: str) -> EntryRow | None:
        minute = naive.replace(second=0) if naive.second else naive
        if minute != self._minute:
            self._minute, self._seen = minute, {}
        words = " ".join(text.split())
        key = f"{starred}\n{words}"
        n = self._seen[key] = self._seen.get(key, -1) + 1
        body, mood, stress, trailer_tags = _without_trailer(text)
        # What EntryInput.make checks, without its work on values known to be good
        # already (tags made by jrnl_tag, mood and stress read by _TRAILER): a tenth
        # of an import's time.
        try:
            body = check_body(body)
        except InvalidEntry as exc:
            raise SourceError(self.path, where, str(exc)) from None
        if not body and mood is None and stress is None:
            self.notes.skipped_empty += 1
            return None
        tags = [t for w in _JRNL_TAG.findall(body) if (t := jrnl_tag(w))]
        tags += trailer_tags + (["starred"] if starred else []) + tags_in_body(body)
        if not in_range(naive):
            raise SourceError(self.path, where, OUT_OF_RANGE)
        offset = self._days.get(naive.date())
        if offset is None:
            moment = localize(naive, self.zone, self.notes, self.machine)
            if (day_offset := same_all_day(naive.date(), self.zone, self.machine)) is not None:
                self._days[naive.date()] = day_offset
        else:
            moment = naive.replace(tzinfo=offset)
        row = EntryRow(
            uuid=identity("jrnl" + ("*" if starred else ""), naive, words, n),
            created_at=moment,
            updated_at=None,
            mood=mood,
            stress=stress,
            body=body,
            tags=tuple(sorted(set(tags))),
        )
        self.notes.saw(row)
        return row


def _without_trailer(text: str) -> tuple[str, int | None, int | None, list[str]]:
    """The text without the `(mood 4 good, stress 2)` line this journal's jrnl
    export ends an entry with, and what that line said."""
    body = text.rstrip()
    if not body.endswith(")"):
        return body, None, None, []
    last_break = body.rfind("\n")
    last = body[last_break + 1 :].strip()
    m = _TRAILER.fullmatch(last)
    if not m or not (m[2] or m[3]):
        return body, None, None, []
    tags = [t for w in m[1].split() if (t := jrnl_tag(w[1:]))]
    return body[: max(last_break, 0)], _int(m[2]), _int(m[3]), tags


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def read_text(
    path: Path, notes: Notes, *, zone: tzinfo | None, day_first: bool = False
) -> Iterator[EntryRow]:
    """The entries of a jrnl plain-text journal, as jrnl reads them."""
    maker = _Entries(path, zone, notes)
    found = False
    for line_no, naive, text in _entry_texts(path, day_first):
        found = True
        first, newline, rest = text.partition("\n")
        starred = first.strip().endswith("*")
        if starred:
            first = first.strip("\n *")
        if row := maker.row(naive, (first + newline + rest).strip(), starred, f"line {line_no}"):
            yield row
    if not found:
        raise SourceError(
            path,
            None,
            "no entry has a date jrnl could read ([YYYY-MM-DD HH:MM] at a line's start): "
            "not a jrnl journal",
        )


_CHUNK = 1 << 20


def _entry_texts(path: Path, day_first: bool) -> Iterator[tuple[int, datetime, str]]:
    """(line number, time, text) of each entry: the file read a megabyte at a time,
    entries found by a regular expression over it (a loop over its lines in Python
    took half an import's time); text before the first entry is not an entry."""
    today = date.today()
    buffer = ""
    line_no = 1  # of buffer[counted]
    counted = 0
    current: tuple[int, datetime, int] | None = None  # line, time, where its text starts
    searched = 0
    try:
        with path.open(encoding="utf-8-sig") as handle:
            while True:
                chunk = handle.read(_CHUNK)
                buffer += chunk
                # Only whole lines: a header cut by the chunk's end is found next time.
                limit = len(buffer) if not chunk else buffer.rfind("\n") + 1
                for m in _HEADER_AT_LINE_START.finditer(buffer, searched, limit):
                    naive = parse_date(m[1], day_first=day_first, today=today)
                    if not naive:
                        continue  # body text
                    line_no += buffer.count("\n", counted, m.start())
                    counted = m.start()
                    if current is not None:
                        yield current[0], current[1], buffer[current[2] : m.start()]
                    current = (line_no, naive, m.end())
                searched = max(searched, limit)
                if not chunk:
                    break
                # Keep only what is still needed: the current entry's text (or, before
                # the first entry, the lines not yet searched).
                keep = current[2] if current else searched
                line_no += buffer.count("\n", counted, keep)
                counted = keep
                buffer = buffer[keep:]
                searched -= keep
                counted -= keep
                if current is not None:
                    current = (current[0], current[1], current[2] - keep)
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 text (byte {exc.start})") from None
    if current is not None:
        yield current[0], current[1], buffer[current[2] :]


def read_json(path: Path, notes: Notes, *, zone: tzinfo | None) -> Iterator[EntryRow]:
    """The entries of `jrnl --format json` (whose times have no seconds)."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"line {exc.lineno}", f"damaged JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise SourceError(path, None, "not a jrnl JSON export (no 'entries' list)")
    maker = _Entries(path, zone, notes)
    for n, item in enumerate(data["entries"], start=1):
        where = f"entry {n}"
        try:
            naive = datetime.strptime(f"{item['date']} {item['time']}", "%Y-%m-%d %H:%M")
            title, body = str(item["title"]).strip(), str(item.get("body") or "").strip()
            starred = bool(item.get("starred"))
        except (KeyError, TypeError, ValueError) as exc:
            raise SourceError(path, where, f"no date, time or title ({exc})") from None
        text = f"{title}\n{body}" if body else title
        if row := maker.row(naive, text, starred, where):
            yield row


# -- writing -----------------------------------------------------------------------

# A body line jrnl would take for the start of another entry gets a space before it.
_LOOKS_LIKE_HEADER = re.compile(r"^\[([^\]]{7,})\] ", re.MULTILINE)


def _guard(match: re.Match[str]) -> str:
    return (" " if parse_date(match[1]) else "") + match[0]


def write_text(out: IO[str], entries: Iterable[Any]) -> None:
    """Entries (EntryRow) in jrnl's plain-text format: `[YYYY-MM-DD HH:MM:SS AM]`
    (jrnl's default time format), the text, `@tags` given apart from the text, and a
    last line `(mood 4 good, stress 2)`; a blank line between entries."""
    sep = ""
    for row in entries:
        moment: datetime = row.created_at
        body = _LOOKS_LIKE_HEADER.sub(_guard, row.body.replace("\r", ""))
        in_text = {*tags_in_body(row.body), *(jrnl_tag(w) for w in _JRNL_TAG.findall(body))}
        tags = [t for t in row.tags if t != "starred" and t not in in_text]
        if "starred" in row.tags:
            first, _, rest = body.partition("\n")
            body = f"{first} *" + (f"\n{rest}" if rest else "")
        trailer = " ".join(f"@{t}" for t in tags)
        mood_stress = []
        if row.mood is not None:
            mood_stress.append(f"mood {row.mood} {MOODS[row.mood]}")
        if row.stress is not None:
            mood_stress.append(f"stress {row.stress}")
        if mood_stress:
            trailer = f"{trailer} ({', '.join(mood_stress)})".strip()
        text = "\n".join(part for part in (body, trailer) if part)
        stamp = moment.strftime("%Y-%m-%d %I:%M:%S ") + ("AM" if moment.hour < 12 else "PM")
        out.write(f"{sep}[{stamp}] {text}\n")
        sep = "\n"
