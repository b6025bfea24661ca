"""The WHO-5 as the journal uses it: scoring worked out by hand, the bands of words,
refusal of anything but five answers of 0-5, and the words compared with WHO5.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journal import who5
from journal.who5 import InvalidCheckin, parse_answers, raw_score, score, words_for

WHO5_MD = Path("/work/shared/WHO5.md")
HERE = Path(__file__).parent / "WHO5.md"


def who5_text() -> str:
    """WHO5.md: the shared copy, or the one kept beside the tests (for CI)."""
    return (WHO5_MD if WHO5_MD.exists() else HERE).read_text(encoding="utf-8")


def table_rows(markdown: str, header: str) -> list[tuple[str, str]]:
    """The rows of the two-column table whose header row is `header`."""
    lines = markdown.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == header)
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        first, second = (cell.strip() for cell in line.strip().strip("|").split("|"))
        rows.append((first, second))
    return rows


def test_the_statements_are_who5_md_s_in_order():
    rows = table_rows(who5_text(), "| # | statement |")
    assert [int(n) for n, _ in rows] == [1, 2, 3, 4, 5]
    assert list(who5.STATEMENTS) == [statement for _, statement in rows]


def test_the_answers_are_who5_md_s_with_their_values():
    rows = table_rows(who5_text(), "| value | answer |")
    assert list(who5.ANSWERS.items()) == [(int(value), answer) for value, answer in rows]


def test_the_copy_beside_the_tests_is_who5_md():
    if WHO5_MD.exists():
        assert HERE.read_text(encoding="utf-8") == WHO5_MD.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("answers", "raw", "expected"),
    [
        ((0, 0, 0, 0, 0), 0, 0),
        ((5, 5, 5, 5, 5), 25, 100),
        # 3 + 4 + 2 + 5 + 3 = 17; 17 x 4 = 68 (never (17 - 5) x 4 = 48)
        ((3, 4, 2, 5, 3), 17, 68),
        # 1 + 1 + 1 + 1 + 1 = 5; 5 x 4 = 20 (never (5 - 5) x 4 = 0)
        ((1, 1, 1, 1, 1), 5, 20),
        # 2 + 3 + 2 + 3 + 2 = 12; 12 x 4 = 48
        ((2, 3, 2, 3, 2), 12, 48),
        # 0 + 5 + 0 + 5 + 3 = 13; 13 x 4 = 52
        ((0, 5, 0, 5, 3), 13, 52),
    ],
)
def test_the_score_is_the_raw_sum_times_four(answers, raw, expected):
    assert raw_score(answers) == raw
    assert score(answers) == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (100, None),
        (52, None),  # 52 and above: nothing beyond the score and its change
        (48, who5.LOW_WORDS),  # below 50 (raw 12)
        (32, who5.LOW_WORDS),
        (28, who5.VERY_LOW_WORDS),  # 28 and below (raw 7)
        (0, who5.VERY_LOW_WORDS),
    ],
)
def test_the_words_for_each_band_and_its_boundaries(value, words):
    assert words_for(value) == words


def test_the_words_say_what_who5_md_allows():
    assert "under 50 often goes with low well-being" in who5.LOW_WORDS
    assert "doctor or someone you trust" in who5.LOW_WORDS
    assert "doctor or someone you trust" in who5.VERY_LOW_WORDS
    assert "emergency services or a crisis line now" in who5.VERY_LOW_WORDS
    assert "10 points or more is the size usually treated as meaningful" in who5.CHANGE_WORDS


@pytest.mark.parametrize("value", [-4, 101, 104])
def test_no_words_for_a_score_that_cannot_be(value):
    with pytest.raises(ValueError):
        words_for(value)


@pytest.mark.parametrize(
    ("change", "meaningful"),
    [(None, False), (0, False), (8, False), (-8, False), (12, True), (-12, True), (10, True)],
)
def test_a_change_of_ten_or_more_is_meaningful(change, meaningful):
    assert who5.is_meaningful(change) is meaningful


@pytest.mark.parametrize(
    "answers",
    [
        "3,4,2,5",
        "3,4,2,5,3,1",
        "",
        "3,4,2,5,6",
        "3,4,2,5,-1",
        "3,4,2,5,x",
        "3,4,2,5,٣",
        "3,4,,5,3",
        "3.0,4,2,5,3",
        (3, 4, 2, 5, True),
        (3, 4, 2, 5, 2.5),
        (3, 4, 2, 5, None),
        (3, 4, 2, 5),
        None,
        17,
    ],
)
def test_anything_but_five_answers_of_0_to_5_is_refused(answers):
    with pytest.raises(InvalidCheckin) as error:
        parse_answers(answers)
    assert "five answers from 0 to 5" in str(error.value)


def test_answers_may_have_spaces_around_them():
    assert parse_answers(" 3, 4 ,2,5 ,3 ") == (3, 4, 2, 5, 3)
    assert parse_answers([0, "5", 1, 2, 3]) == (0, 5, 1, 2, 3)


def test_a_refusal_shows_what_was_typed_escaped():
    with pytest.raises(InvalidCheckin) as error:
        parse_answers("3,4,2,5,\x1b[31m")
    assert "\x1b" not in str(error.value) and "\\x1b" in str(error.value)


def test_the_instruction_is_who5_md_s():
    wanted = r"over the last two weeks, which answer is closest to how you have been\s+feeling"
    assert re.search(wanted, who5_text())
    assert "which answer is closest to how you have been feeling" in who5.INSTRUCTION
    assert "last two weeks" in who5.INSTRUCTION
