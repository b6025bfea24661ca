"""`journal checkin` and `journal checkins`: a WHO-5 check-in from the shell."""

from __future__ import annotations

import json

import pytest

from journal.cli import checkins as checkin_command
from journal.store import Store
from tests.conftest import run_journal


def saved(db_path, clock) -> list:
    with Store.open(db_path, clock=clock, create=False) as store:
        return store.checkins.all()


def test_answers_save_a_check_in_and_print_its_score(journal, db_path, clock):
    result = journal("checkin", "--answers", "3,4,2,5,3")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Well-being score 68 of 100 (raw 17 of 25)"
    assert "first check-in" in result.out
    (checkin,) = saved(db_path, clock)
    assert checkin.answers == (3, 4, 2, 5, 3) and checkin.taken_at == clock.now


def test_the_change_since_the_last_check_in_and_the_words_for_the_score(journal, clock):
    journal("checkin", "--answers", "4,4,4,4,4")  # 80
    clock.advance(days=14)
    result = journal("checkin", "--answers", "2,2,2,2,2")  # 40
    assert "-40 since your last check-in (80, 24 Nov 2026)" in result.out
    assert "A change of 10 points or more is the size usually treated as meaningful." in result.out
    assert "A score under 50 often goes with low well-being." in result.out
    clock.advance(days=14)
    result = journal("checkin", "--answers", "2,2,2,3,2")  # 44
    assert "+4 since your last check-in" in result.out
    assert "meaningful" not in result.out


def test_a_score_of_52_gets_nothing_beyond_the_score_and_its_change(journal):
    out = journal("checkin", "--answers", "0,5,0,5,3").out
    assert out.splitlines() == [
        "Well-being score 52 of 100 (raw 13 of 25)",
        "Your first check-in: the next one shows the change.",
    ]


def test_a_very_low_score_names_a_crisis_line(journal):
    out = journal("checkin", "--answers", "1,1,2,2,1").out
    assert "Well-being score 28 of 100" in out
    assert "contact your local emergency services or a crisis line now" in " ".join(out.split())


@pytest.mark.parametrize(
    "answers", ["3,4,2,5", "3,4,2,5,6", "3,4,2,5,-1", "a,b,c,d,e", "", "3,4,2,5,3,1", "3;4;2;5;3"]
)
def test_bad_answers_exit_2_and_nothing_is_saved(tmp_path, answers):
    db = tmp_path / "journal.db"
    result = run_journal("--db", str(db), "checkin", "--answers", answers)
    assert result.returncode == 2
    error = result.stderr.decode()
    assert "five answers from 0 to 5" in error and "nothing was saved" in error
    assert error.count("\n") == 1 and "Traceback" not in error
    assert result.stdout == b""
    assert not db.exists()


def test_without_a_terminal_or_answers_it_says_to_give_them(journal, db_path):
    result = journal("checkin")
    assert result.code == 2
    assert "--answers A,B,C,D,E" in result.err and "nothing was saved" in result.err
    assert not db_path.exists()


def test_in_a_terminal_it_asks_each_statement(journal, db_path, clock, monkeypatch):
    monkeypatch.setattr(checkin_command, "_interactive", lambda: True)
    result = journal("checkin", input="5\n9\nx\n4\n3\n2\n1\n")
    assert result.code == 0, result.err
    from journal.who5 import ANSWERS, STATEMENTS

    for n, statement in enumerate(STATEMENTS, start=1):
        assert f"{n} of 5  {statement}" in result.out
    for value, answer in ANSWERS.items():
        assert f"  {value}  {answer}" in result.out
    assert result.err.count("type a number from 0 (at no time) to 5 (all of the time)") == 2
    assert saved(db_path, clock)[0].answers == (5, 4, 3, 2, 1)
    assert "Well-being score 60 of 100" in result.out


def test_stopping_half_way_saves_nothing(journal, db_path, clock, monkeypatch):
    monkeypatch.setattr(checkin_command, "_interactive", lambda: True)
    result = journal("checkin", input="5\n4\n")  # the input ends after two answers
    assert result.code == 1
    assert "nothing was changed" in result.err
    assert not db_path.exists() or saved(db_path, clock) == []


def test_checkins_lists_newest_first_with_the_change(journal, clock):
    for answers in ("4,4,4,4,4", "2,2,2,2,2", "2,2,2,3,2"):
        journal("checkin", "--answers", answers)
        clock.advance(days=14)
    lines = journal("checkins").out.splitlines()
    assert "score  44    +4" in lines[0] and "answers 2 2 2 3 2" in lines[0]
    assert "score  40   -40 *" in lines[1]
    assert "score  80" in lines[2] and lines[2].rstrip().endswith("answers 4 4 4 4 4")
    assert lines[3] == "* A change of 10 points or more is the size usually treated as meaningful."
    two = journal("checkins", "-n", "2").out.splitlines()
    assert len(two) == 3 and "-40 *" in two[1]


def test_checkins_json(journal, clock):
    journal("checkin", "--answers", "3,4,2,5,3")
    clock.advance(days=1)
    journal("checkin", "--answers", "0,0,0,0,1")
    found = json.loads(journal("checkins", "--json").out)
    assert [c["score"] for c in found] == [4, 68]
    assert found[1] == {
        "id": 1,
        "uuid": found[1]["uuid"],
        "taken_at": "2026-11-24T09:30:00+01:00",
        "answers": [3, 4, 2, 5, 3],
        "raw": 17,
        "score": 68,
    }
    assert json.loads(journal("checkins", "--json", "-n", "1").out)[0]["id"] == 2


def test_no_check_ins_yet(journal, db_path):
    result = journal("checkins")
    assert result.code == 0 and result.out == ""
    assert "journal checkin" in result.err
    assert json.loads(journal("checkins", "--json").out) == []
    assert not db_path.exists()


def test_checkins_refuses_a_bad_count(journal):
    assert journal("checkins", "-n", "x").code == 2


def test_the_commands_do_not_load_the_app(tmp_path):
    code = (
        "import sys; from journal.cli import main\n"
        "try:\n    main(['--db', sys.argv[1], 'checkin', '--answers', '1,2,3,4,5'])\n"
        "except SystemExit: pass\n"
        "assert not {'textual', 'plotext'} & set(sys.modules), sorted(sys.modules)\n"
    )
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "j.db")], capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert b"score 60" in done.stdout


def test_stats_json_holds_the_check_ins_of_the_range(journal, clock):
    from datetime import timedelta

    start = clock.now
    clock.now = start - timedelta(days=40)
    journal("checkin", "--answers", "1,1,1,1,1")  # 20, before the range
    clock.now = start - timedelta(days=14)
    journal("checkin", "--answers", "3,3,3,3,3")  # 60
    clock.now = start
    journal("checkin", "--answers", "3,3,3,2,2")  # 52
    data = json.loads(journal("stats", "--days", "30", "--json").out)["checkins"]
    assert data["count"] == 2 and data["mean_score"] == 56.0
    assert data["latest"] == {
        "taken_at": "2026-11-24T09:30:00+01:00",
        "score": 52,
        "change": -8,
        "meaningful_change": False,
    }
    assert [s["score"] for s in data["scores"]] == [60, 52]
    everything = json.loads(journal("stats", "--days", "365", "--json").out)["checkins"]
    assert everything["count"] == 3


def test_stats_shows_the_scores_and_the_words(journal, clock):
    from datetime import timedelta

    clock.now -= timedelta(days=14)
    journal("checkin", "--answers", "4,4,4,4,4")  # 80
    clock.advance(days=14)
    journal("checkin", "--answers", "2,2,2,2,2")  # 40
    out = journal("stats", env={"COLUMNS": "80"}).out
    assert "Well-being (WHO-5), 0-100" in out
    assert "latest score  40 of 100, 24 Nov 2026" in out
    assert "change        -40 since 10 Nov 2026 (80)" in out
    assert "A change of 10 points or more is the size usually treated as meaningful." in out
    assert "A score under 50 often goes with low well-being" in " ".join(out.split())
    assert "50├" in out  # the 50 line across the chart
