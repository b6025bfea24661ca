"""`journal stats`: the JSON agrees with journal.stats, bad --days, empty, narrow terminals."""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
from datetime import datetime, timedelta

import pytest

from journal import stats
from journal.models import EntryInput
from journal.pmr import BUILTIN_ROUTINES
from journal.store import Store, local_now
from tests.conftest import FakeClock, run_journal

DAY_KEYS = {"date", "entries", "mood_avg", "stress_avg", "pmr_minutes"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def noon(now: datetime, days_ago: int, hour: int = 12) -> datetime:
    """A moment `days_ago` days before `now`'s day, at `hour` o'clock in its offset."""
    today = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days_ago)


def fill(db_path, now: datetime) -> None:
    """A journal written over the 12 days up to `now`, with gaps, tags and sessions."""
    clock = FakeClock(noon(now, 0, 7))
    with Store.open(db_path, clock=clock) as store:
        for days_ago, mood, stress, tags in [
            (0, 4, 3, ["walk"]),
            (1, 2, 7, ["work"]),
            (1, 3, None, ["work"]),
            (3, 5, 1, ["walk"]),
            (4, 3, 5, ["work"]),
            (6, 4, 2, ["walk"]),
            (7, 1, 9, ["work"]),
            (11, 3, 4, []),
        ]:
            store.entries.add(
                EntryInput.make(mood=mood, stress=stress, tags=tags), at=noon(now, days_ago)
            )
        for days_ago, seconds, before, after in [(0, 228, 6, 3), (2, 672, 7, 5), (9, 95, 5, None)]:
            clock.now = noon(now, days_ago, 7)
            session = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=before)
            store.sessions.record_progress(
                session.id, seconds=seconds, groups_done=4, completed=seconds > 100
            )
            if after is not None:
                store.sessions.rate(session.id, stress_after=after)


@pytest.fixture
def filled(db_path, clock):
    """The 12 days up to the test clock's today, for `journal` in this process."""
    fill(db_path, clock.now)
    return db_path


@pytest.fixture
def filled_to_today(db_path):
    """The 12 days up to the machine's today, for the real command in a subprocess
    (which cannot be given the test clock)."""
    fill(db_path, local_now())
    return db_path


def test_json_agrees_with_the_stats_functions(journal, filled, clock):
    result = journal("stats", "--days", "10", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    with Store.open(filled, clock=clock) as store:
        until = store.clock().date()
        since = stats.range_start(10, until)
        assert data["days"] == [day.to_json() for day in store.trends.daily(since, until)]
        assert data["pmr"] == store.trends.practice(since, until).to_json()
        assert data == {
            **store.trends.read(since, until).to_json(),
            "checkins": store.checkins.wellbeing(since, until).to_json(),
        }
    # And by hand: PRODUCT.md's shape, gaps as nulls, the sessions in the range.
    assert len(data["days"]) == 10 and all(set(day) == DAY_KEYS for day in data["days"])
    today, yesterday, two_days_ago = data["days"][-1], data["days"][-2], data["days"][-3]
    assert today == {
        "date": clock.now.date().isoformat(),
        "entries": 1,
        "mood_avg": 4.0,
        "stress_avg": 3.0,
        "pmr_minutes": 3.8,
    }
    assert (yesterday["entries"], yesterday["mood_avg"], yesterday["stress_avg"]) == (2, 2.5, 7.0)
    assert (two_days_ago["entries"], two_days_ago["mood_avg"]) == (0, None)  # a gap, not 0
    assert two_days_ago["pmr_minutes"] == 11.2
    # 11 days ago is outside; the session 9 days ago is in, stopped early and not rated.
    assert data["pmr"] == {"sessions": 3, "completed": 2, "avg_stress_change": -2.5}
    assert data["streaks"]["current"] == 2 and data["streaks"]["today_written"] is True


def test_thirty_days_is_the_default(journal, filled, clock):
    journal("add", "a month ago", "--at", (clock.now.date() - timedelta(days=40)).isoformat())
    data = json.loads(journal("stats", "--json").out)
    assert len(data["days"]) == 30
    assert data["days"][0]["date"] == (clock.now.date() - timedelta(days=29)).isoformat()


@pytest.mark.parametrize("days", ["30", "36500"])
def test_json_days_start_at_the_first_entry_not_the_range(journal, filled, clock, days):
    # The journal is 12 days old: --days 36500 is those 12 days, not a hundred years.
    data = json.loads(journal("stats", "--days", days, "--json").out)
    first = clock.now.date() - timedelta(days=11)
    assert [day["date"] for day in data["days"]][:1] == [first.isoformat()]
    assert len(data["days"]) == 12 and data["since"] == first.isoformat()


@pytest.mark.parametrize("days", ["0", "-3", "abc", "1.5", "", "²", "36501"])
def test_days_must_be_a_positive_whole_number(journal, filled, days):
    result = journal("stats", "--days", days)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert "--days" in result.err and "whole number of days from 1 to 36500" in result.err


def test_bad_days_from_a_real_shell_exits_2_with_one_line(filled):
    result = run_journal("stats", "--days", "-3", db=filled)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr


def test_an_empty_journal_says_what_will_appear(journal, db_path):
    result = journal("stats")
    assert result.code == 0 and result.out == ""
    assert "Nothing to chart yet" in result.err and "journal add" in result.err
    assert not db_path.exists()  # reading created nothing
    data = json.loads(journal("stats", "--days", "7", "--json").out)
    assert [day["entries"] for day in data["days"]] == [0] * 7
    assert {day["mood_avg"] for day in data["days"]} == {None}
    assert data["pmr"] == {"sessions": 0, "completed": 0, "avg_stress_change": None}


def test_a_range_without_data_suggests_a_longer_one(journal, db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(mood=3), at=noon(clock.now, 400))
    result = journal("stats", "--days", "7")
    assert result.code == 0 and result.out == ""
    assert "last 7 days" in result.err and "--days 365" in result.err
    assert "Mood per day" in journal("stats", "--days", "401").out


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_the_charts_fit_the_terminal(journal, filled, columns):
    result = journal("stats", "--days", "14", env={"COLUMNS": str(columns)})
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= columns
    for title in (
        "Mood per day",
        "Stress per day",
        "Relaxation minutes per week",
        "Stress before and after",
        "Figures",
        "Days with a tag",
    ):
        assert any(line.startswith(title) for line in lines), title
    assert any(line.startswith("streak ") and "2 days" in line for line in lines)


def test_output_that_is_not_a_terminal_has_no_colour_codes(filled_to_today):
    result = run_journal("stats", "--days", "14", db=filled_to_today, env={"COLUMNS": "60"})
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "Mood per day" in out and "\x1b" not in out


def test_only_the_last_days_chart_the_ones_outside_are_left_out(journal, filled):
    lines = journal("stats", "--days", "3", env={"COLUMNS": "80"}).out.splitlines()
    figures = lines[lines.index("Figures") + 1 :]
    assert figures[0].split() == ["entries", "3"]
    assert figures[1].split() == ["days", "written", "2", "of", "3"]
    # (4 + 2.5) / 2 = 3.25: an exact half, rounded up (Python's own gives 3.2).
    assert "(1-5)" in figures[2] and figures[2].split()[2] == "3.3"


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [
        (["stats", "--json"], ("textual", "plotext", "textual_plotext")),
        (["stats"], ("textual", "textual_plotext")),
    ],
)
def test_stats_never_imports_the_app(filled, clock, args, forbidden):
    # On the test clock, so that `filled` is in range and the charts are drawn: the
    # machine's today may be far from it, and an empty range takes another path.
    check = textwrap.dedent(
        f"""
        import sys
        from datetime import datetime
        from journal.cli import main
        now = datetime.fromisoformat({clock.now.isoformat()!r})
        try:
            main({args!r}, clock=lambda: now)
        except SystemExit:
            pass
        print("LOADED", sorted(m for m in {forbidden!r} if m in sys.modules), file=sys.stderr)
        """
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        env=dict(os.environ, JOURNAL_DB=str(filled)),
        timeout=60,
    )
    assert "LOADED []" in result.stderr.decode()
