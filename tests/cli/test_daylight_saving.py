"""Times that are what they say: a clock time skipped when the clocks went forward is
refused; one that happened twice when they went back is the first, and said so."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_journal, set_timezone

# (zone, a time in the night the clocks went forward, one in the night they went back
#  (all before the machine's today: the real command runs on the real clock),
#  the offset of the first of the repeated times)
NIGHTS = [
    ("America/Los_Angeles", "2026-03-08 02:30", "2025-11-02 01:30", "-07:00"),
    ("Europe/Berlin", "2026-03-29 02:30", "2025-10-26 02:30", "+02:00"),
    ("Pacific/Auckland", "2026-09-27 02:30", "2026-04-05 02:30", "+13:00"),
]


def entries(db_path, zone: str) -> list[dict]:
    result = run_journal("list", "--json", "-n", "0", db=db_path, env={"TZ": zone})
    return json.loads(result.stdout)


@pytest.mark.parametrize(("zone", "skipped", "repeated", "first"), NIGHTS)
def test_a_time_that_does_not_exist_is_refused(db_path, zone, skipped, repeated, first):
    result = run_journal("add", "x", "-m", "3", "--at", skipped, db=db_path, env={"TZ": zone})
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1
    assert f"{skipped} does not exist here: the clocks went forward" in err
    assert "03:30" in err and "nothing was saved" in err
    assert entries(db_path, zone) == []


@pytest.mark.parametrize(("zone", "skipped", "repeated", "first"), NIGHTS)
def test_a_time_that_happened_twice_is_the_first_and_said(db_path, zone, skipped, repeated, first):
    result = run_journal("add", "x", "-m", "3", "--at", repeated, db=db_path, env={"TZ": zone})
    err = result.stderr.decode()
    assert result.returncode == 0 and result.stdout == b"1\n"
    assert f"{repeated} happened twice here" in err and "took the first, " in err
    assert f"(UTC{first})" in err.splitlines()[0]
    (entry,) = entries(db_path, zone)
    assert entry["created_at"] == f"{repeated.replace(' ', 'T')}:00{first}"


def test_edit_refuses_a_skipped_time_and_keeps_the_entry(journal, monkeypatch):
    set_timezone(monkeypatch, "Europe/Berlin")
    journal("add", "x", "-m", "3", "--at", "2026-03-28 12:00")
    result = journal("edit", "1", "--at", "2026-03-29 02:00")
    assert result.code == 2 and "does not exist here" in result.err
    shown = json.loads(journal("show", "1", "--json").out)
    assert shown["created_at"] == "2026-03-28T12:00:00+01:00"
    moved = journal("edit", "1", "--at", "2026-10-25 02:15")
    assert moved.code == 0 and "happened twice here" in moved.err
    assert json.loads(journal("show", "1", "--json").out)["created_at"].endswith("+02:00")
