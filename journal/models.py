"""Entries, drafts and sessions: plain dataclasses, the validation every writer
shares, and the words of the scales (mood, stress), one place each."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from journal.rounding import whole

MOODS: dict[int, str] = {1: "awful", 2: "bad", 3: "okay", 4: "good", 5: "great"}
MOOD_MIN, MOOD_MAX = 1, 5
STRESS_MIN, STRESS_MAX = 0, 10
STRESS_WORDS: dict[int, str] = {0: "calm", 10: "worst"}
MAX_BODY_CHARS = 1_000_000
MAX_TAG_CHARS = 40

# A tag is a word: letters, digits, "-" and "_" (any script), lower-cased.
_TAG = re.compile(r"^[^\W_][\w-]*$")
# "#word" in a body: not inside a word ("a#b"), not a heading ("# Title"), not a
# number ("#1", an issue or a rank), not an HTML entity ("&#39;").
_BODY_TAG = re.compile(r"(?<![\w#&/])#([^\W\d_][\w-]*)")


_HEADING = re.compile(r"^#{1,6}\s+")
# Spacing around a line, but not the separators and NEL that Python counts as
# spaces: those are controls, shown where the title is shown.
_SPACING_AT_ENDS = re.compile(r"^[^\S\x1c-\x1f\x85]+|[^\S\x1c-\x1f\x85]+$")


class InvalidEntry(ValueError):
    """Input that cannot be saved; the message says what is allowed."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def mood_word(mood: int | None) -> str:
    return MOODS.get(mood, "") if mood is not None else ""


def stress_word(stress: int | None) -> str:
    """The word for a stress level: 0 calm, 1-3 low, 4-6 moderate, 7-9 high, 10 worst."""
    if stress is None:
        return ""
    if stress == 0:
        return "calm"
    if stress <= 3:
        return "low"
    if stress <= 6:
        return "moderate"
    if stress <= 9:
        return "high"
    return "worst"


def parse_mood(value: object) -> int | None:
    """A mood from 1-5 or its word ("good"); None or "" means no mood."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        for number, word in MOODS.items():
            if text == word:
                return number
        value = text
    mood = _whole_number(value)
    if mood is None or not MOOD_MIN <= mood <= MOOD_MAX:
        raise InvalidEntry(
            "mood must be 1 to 5 or its word: 1 awful, 2 bad, 3 okay, 4 good, 5 great",
            field="mood",
        )
    return mood


def parse_stress(value: object) -> int | None:
    """A stress level from 0 (calm) to 10 (worst); None or "" means none."""
    if value is None or value == "":
        return None
    stress = _whole_number(value.strip() if isinstance(value, str) else value)
    if stress is None or not STRESS_MIN <= stress <= STRESS_MAX:
        raise InvalidEntry(
            "stress must be a whole number from 0 (calm) to 10 (worst)", field="stress"
        )
    return stress


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII digits only: \d and int() also take "٣" and "３".
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]{1,3}", value):
        return int(value)
    return None


def check_body(body: str) -> str:
    """The body as it will be stored: surrounding blank space trimmed."""
    body = body.strip()
    if "\x00" in body:
        raise InvalidEntry("the text contains a NUL byte; remove it and try again", "body")
    if len(body) > MAX_BODY_CHARS:
        raise InvalidEntry(
            f"the text is {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}", "body"
        )
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidEntry("the text is not valid UTF-8; save it as UTF-8", "body") from None
    return body


def normalize_tag(tag: str) -> str:
    """ "#Sleep " -> "sleep"; anything that is not a word is refused."""
    text = tag.strip().lstrip("#").lower()
    if not text or not _TAG.match(text) or len(text) > MAX_TAG_CHARS:
        raise InvalidEntry(
            f"tag {_quoted(tag)} is not a word: use letters, digits, '-' or '_' "
            f"(up to {MAX_TAG_CHARS} characters)",
            field="tags",
        )
    return text


def _quoted(text: str) -> str:
    # Tags are short and typed as options; show them escaped, never raw.
    shown = text.encode("unicode_escape").decode("ascii")[:50]
    return f"'{shown}'"


def parse_tags(text: str) -> list[str]:
    """Tags typed in a field: separated by spaces or commas, '#' optional."""
    return unique(normalize_tag(part) for part in re.split(r"[\s,]+", text) if part)


def tags_in_body(body: str) -> list[str]:
    return unique(m.group(1).rstrip("-").lower() for m in _BODY_TAG.finditer(body))


def unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and len(item) <= MAX_TAG_CHARS:
            seen.setdefault(item, None)
    return list(seen)


@dataclass(frozen=True)
class Entry:
    """A saved entry. `created_at` is aware, in the writer's own UTC offset."""

    id: int
    uuid: str
    created_at: datetime
    mood: int | None
    stress: int | None
    body: str
    tags: list[str] = field(default_factory=list)
    updated_at: datetime | None = None

    @property
    def title(self) -> str:
        """The first non-blank line of the body, without Markdown's heading marks.

        Lines end at line feeds only (str.splitlines() also ends them at NEL, VT
        and other controls, which a title shows instead)."""
        for line in self.body.split("\n"):
            text = _SPACING_AT_ENDS.sub("", line)
            if text:
                return _HEADING.sub("", text)
        return ""

    @property
    def own_tags(self) -> list[str]:
        """Tags given on their own, not written as #tags in the body."""
        in_body = set(tags_in_body(self.body))
        return [tag for tag in self.tags if tag not in in_body]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "updated_at": self.updated_at.isoformat(timespec="seconds")
            if self.updated_at
            else None,
            "mood": self.mood,
            "stress": self.stress,
            "tags": list(self.tags),
            "body": self.body,
        }


@dataclass(frozen=True)
class EntryInput:
    """What a writer wants to save, validated: build it with `EntryInput.make`."""

    mood: int | None
    stress: int | None
    body: str
    tags: list[str]

    @classmethod
    def make(
        cls,
        *,
        mood: object = None,
        stress: object = None,
        body: str = "",
        tags: list[str] | tuple[str, ...] = (),
    ) -> EntryInput:
        clean_body = check_body(body or "")
        entry = cls(
            mood=parse_mood(mood),
            stress=parse_stress(stress),
            body=clean_body,
            tags=unique([*(normalize_tag(t) for t in tags), *tags_in_body(clean_body)]),
        )
        if entry.mood is None and entry.stress is None and not entry.body:
            raise InvalidEntry("nothing to save: give a mood, a stress level or some text")
        return entry


@dataclass(frozen=True)
class Draft:
    """Unsaved editor content; `entry_id` is None for a new entry."""

    entry_id: int | None
    body: str
    mood: int | None
    stress: int | None
    tags: str
    saved_at: datetime

    @property
    def is_empty(self) -> bool:
        return (
            not (self.body.strip() or self.tags.strip())
            and self.mood is None
            and (self.stress is None)
        )


# Times are stored as UTC text plus the writer's offset in minutes, so that the day
# of an entry is the day the person lived it, wherever they were.
UTC_FORMAT = "%Y-%m-%d %H:%M:%S"


def to_utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a stored time needs its UTC offset")
    return whole(offset.total_seconds() / 60)


def from_stored(utc_text: str, offset: int) -> datetime:
    utc = datetime.strptime(utc_text, UTC_FORMAT).replace(tzinfo=UTC)
    return utc.astimezone(timezone(timedelta(minutes=offset)))


@dataclass(frozen=True)
class Session:
    """A relaxation session as stored. `ended_at` is the last moment it was known
    to be running: for a session cut short by a crash, where it stopped."""

    id: int
    uuid: str
    routine: str
    started_at: datetime
    ended_at: datetime | None
    seconds: int
    groups_done: int
    groups_planned: int
    completed: bool
    stress_before: int | None
    stress_after: int | None
    note: str | None

    @property
    def stress_change(self) -> int | None:
        if self.stress_before is None or self.stress_after is None:
            return None
        return self.stress_after - self.stress_before

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "routine": self.routine,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "ended_at": self.ended_at.isoformat(timespec="seconds") if self.ended_at else None,
            "seconds": self.seconds,
            "completed": self.completed,
            "stress_before": self.stress_before,
            "stress_after": self.stress_after,
            "groups_done": self.groups_done,
            "groups_planned": self.groups_planned,
            "note": self.note,
        }
