"""The WHO-5 screens; it does not diagnose. No screen and no output of the check-in
names a condition: every string the check-in's modules hold, its docs, and every
result and Trends text it can show, for every score and change."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal import who5
from journal.cli.checkins import result_lines
from journal.screens.checkin import result_content
from journal.screens.checkin_reminder import reminder_text
from journal.screens.help import HELP_TEXT
from journal.screens.wellbeing import summary
from journal.stats.wellbeing import Wellbeing
from journal.who5 import Checkin
from tests.test_docs import README, section

ROOT = Path(__file__).parent.parent
# Everything the check-in added that a person may read.
MODULES = [
    "journal/who5.py",
    "journal/screens/checkin.py",
    "journal/screens/checkin_reminder.py",
    "journal/screens/wellbeing.py",
    "journal/cli/checkins.py",
    "journal/cli/checkin_report.py",
    "journal/stats/wellbeing.py",
    "journal/sample/checkins.py",
    "journal/palette.py",
]
NAMES_A_CONDITION = re.compile(
    r"depress|diagnos|disorder|illness|disease|patholog|clinical|symptom|anxiety|"
    r"condition|suicid|bipolar|ptsd|psychiatr|mental health problem|treatment|therapy|"
    r"at risk|abnormal",
    re.IGNORECASE,
)


def strings_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def checkin(score_raw: int, day: int = 0) -> Checkin:
    answers = [0] * 5
    for n in range(score_raw):
        answers[n % 5] += 1
    at = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=day)
    return Checkin(id=day + 1, uuid=str(day), taken_at=at, answers=tuple(answers))


def every_text() -> list[str]:
    """What the check-in can show: its result and its part of Trends, for every raw
    score after every other one (and the first), and the reminder."""
    texts = [reminder_text(14).plain, reminder_text(400).plain]
    for raw in range(26):
        current = checkin(raw, day=14)
        answers = current.answers
        for before in [None, *(checkin(r) for r in range(26))]:
            texts.append(result_content(answers, before).plain)
            texts.extend(result_lines(current, before))
            texts.append(summary(Wellbeing([current], before)).plain)
    texts.append(summary(Wellbeing()).plain)
    return texts


@pytest.mark.parametrize("module", MODULES)
def test_no_string_in_the_check_in_s_code_names_a_condition(module):
    found = [s for s in strings_in(ROOT / module) if NAMES_A_CONDITION.search(s)]
    assert found == []


def test_no_result_trends_or_reminder_text_names_a_condition():
    texts = every_text()
    assert len(texts) > 26 * 27 * 3
    assert [t for t in texts if NAMES_A_CONDITION.search(t)] == []
    # and the words WHO5.md allows are among them
    joined = "\n".join(texts)
    assert who5.LOW_WORDS in joined and who5.VERY_LOW_WORDS in joined


def test_the_docs_of_the_check_in_name_no_condition():
    readme = section(README.read_text(encoding="utf-8"), "Well-being check-in")
    assert not NAMES_A_CONDITION.search(readme)
    assert not NAMES_A_CONDITION.search("\n".join(HELP_TEXT.values()))


def test_the_grep_would_catch_one():
    assert NAMES_A_CONDITION.search("A score like this may mean Depression")
    assert NAMES_A_CONDITION.search("not a diagnosis")
