"""The WHO-5 Well-Being Index as the journal uses it: its statements and answers,
the scoring, the only words said about a score, and a check-in as stored. Plain
Python; every word here is copied from WHO5.md (beside PRODUCT.md), which a test
compares with this module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from journal.models import InvalidEntry

NAME = "WHO-5 Well-Being Index"

INSTRUCTION = (
    "Over the last two weeks, which answer is closest to how you have been feeling, "
    "for each of the five statements?"
)

# In this order, in these words: a validated measure is only valid in its own words.
STATEMENTS: tuple[str, ...] = (
    "I have felt cheerful and in good spirits",
    "I have felt calm and relaxed",
    "I have felt active and vigorous",
    "I woke up feeling fresh and rested",
    "My daily life has been filled with things that interest me",
)

# Value -> answer, as the form lists them: the best first.
ANSWERS: dict[int, str] = {
    5: "All of the time",
    4: "Most of the time",
    3: "More than half of the time",
    2: "Less than half of the time",
    1: "Some of the time",
    0: "At no time",
}

ANSWER_MIN, ANSWER_MAX = 0, 5
RAW_MAX = ANSWER_MAX * len(STATEMENTS)  # 25
SCORE_MAX = RAW_MAX * 4  # 100
# The 50 line: a score under it often goes with low well-being.
SCORE_LINE = 50
# The size of change usually treated as meaningful (Topp et al., 2015).
MEANINGFUL_CHANGE = 10
# The statements ask about two weeks: the natural rhythm, and when to remind.
DUE_AFTER_DAYS = 14

# What may be said about a score, and nothing more (WHO5.md, "Words about a score").
LOW_WORDS = (
    "A score under 50 often goes with low well-being. Talking it over with a doctor "
    "or someone you trust can help."
)
VERY_LOW_WORDS = (
    "This score is well under 50, and a score under 50 often goes with low well-being: "
    "please talk it over with a doctor or someone you trust. If you are in crisis or "
    "thinking of harming yourself, contact your local emergency services or a crisis "
    "line now."
)
CHANGE_WORDS = "A change of 10 points or more is the size usually treated as meaningful."

# (highest score of the band, what is said), as WHO5.md draws them: 28 and below;
# below 50; 52 and above, nothing beyond the score and its change. A score is
# always a multiple of 4, so 48 is the last below 50.
WORDS_BY_SCORE: tuple[tuple[int, str | None], ...] = (
    (28, VERY_LOW_WORDS),
    (SCORE_LINE - 1, LOW_WORDS),
    (SCORE_MAX, None),
)


class InvalidCheckin(InvalidEntry):
    """Answers that cannot be saved; the message says what is allowed."""


ANSWERS_HELP = "give five answers from 0 to 5, separated by commas (e.g. 3,4,2,5,3)"


def parse_answer(value: object) -> int:
    """One answer: a whole number from 0 to 5 (ASCII digits, if text)."""
    if isinstance(value, bool):
        raise InvalidCheckin(f"{value!r} is not an answer: {ANSWERS_HELP}")
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[0-9]{1,3}", text):
            raise InvalidCheckin(f"{_shown(value)} is not an answer: {ANSWERS_HELP}")
        value = int(text)
    if not isinstance(value, int) or not ANSWER_MIN <= value <= ANSWER_MAX:
        raise InvalidCheckin(f"{_shown(value)} is not an answer from 0 to 5: {ANSWERS_HELP}")
    return value


def parse_answers(value: object) -> tuple[int, ...]:
    """Five answers, from "3,4,2,5,3" or a sequence of five; anything else is refused."""
    if isinstance(value, str):
        parts: list[object] = list(value.split(","))
    elif isinstance(value, list | tuple):
        parts = list(value)
    else:
        raise InvalidCheckin(ANSWERS_HELP)
    if len(parts) != len(STATEMENTS):
        raise InvalidCheckin(f"{len(parts)} answers given: {ANSWERS_HELP}")
    return tuple(parse_answer(part) for part in parts)


def raw_score(answers: tuple[int, ...]) -> int:
    """The sum of the five answers, 0 to 25."""
    return sum(parse_answers(answers))


def score(answers: tuple[int, ...]) -> int:
    """The raw score x 4, 0 to 100 (never (raw - 5) x 4)."""
    return raw_score(answers) * 4


def words_for(score: int) -> str | None:
    """What may be said about a score beyond the number: None at 52 and above."""
    if score >= 0:
        for highest, words in WORDS_BY_SCORE:
            if score <= highest:
                return words
    raise ValueError(f"a score is 0 to {SCORE_MAX}, not {score}")


def is_meaningful(change: int | None) -> bool:
    return change is not None and abs(change) >= MEANINGFUL_CHANGE


def signed(change: int) -> str:
    """+12, -8, ±0."""
    return "±0" if change == 0 else f"{change:+d}"


@dataclass(frozen=True)
class Checkin:
    """A check-in as saved; `taken_at` is aware, in the person's own UTC offset."""

    id: int
    uuid: str
    taken_at: datetime
    answers: tuple[int, ...]

    @property
    def raw(self) -> int:
        return sum(self.answers)

    @property
    def score(self) -> int:
        return self.raw * 4

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "answers": list(self.answers),
            "raw": self.raw,
            "score": self.score,
        }


def _shown(value: object) -> str:
    # What was typed, escaped: never raw control characters in a message.
    text = value if isinstance(value, str) else repr(value)
    return "'" + text.encode("unicode_escape").decode("ascii")[:20] + "'"
