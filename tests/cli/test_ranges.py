"""Numbers and dates out of range, and digits that are not ASCII: exit 2 with the
allowed range (or 'no entry N' where that is the truth), never 'unexpected'."""

from __future__ import annotations

import json

import pytest

from tests.conftest import set_timezone

HUGE = str(2**63)  # one past SQLite's largest integer


@pytest.fixture(autouse=True)
def no_app(monkeypatch):
    """A value wrongly accepted opens no app here: the test fails instead."""
    from journal import launch

    def refuse(*args, **kwargs):
        raise AssertionError("the app was opened")

    monkeypatch.setattr(launch, "run_app", refuse)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-n", HUGE],
        ["list", "-n", "9" * 5000],  # past Python's int() limit for text, too
        ["sessions", "-n", HUGE],
        ["list", "-n", "-1"],
    ],
)
def test_a_count_out_of_range_exits_2_with_the_range(journal, args):
    result = journal(*args)
    assert result.code == 2, result.err
    assert "from 0 to 1,000,000,000 (0 shows all)" in result.err
    assert result.err.count("\n") == 1 and "unexpected" not in result.err


@pytest.mark.parametrize("command", [["show"], ["edit", "-m", "3"], ["delete", "--yes"]])
@pytest.mark.parametrize("entry_id", [HUGE, "9" * 30, "0"])
def test_an_id_past_any_entry_is_no_entry(journal, command, entry_id):
    journal("add", "x")
    result = journal(command[0], entry_id, *command[1:])
    assert result.code == 1, result.err
    assert f"no entry {entry_id}; 'journal list' shows the ids" in result.err


def test_an_id_that_is_not_a_number_is_bad_usage(journal):
    for entry_id in ("1" * 200, "1.0", "x", "١"):
        result = journal("show", entry_id)
        assert result.code == 2 and "journal list' shows the ids" in result.err, entry_id


RANGE = "give a date from 1900-01-01 to 9999-12-30"


@pytest.mark.parametrize(
    ("zone", "args"),
    [
        ("UTC", ["add", "x", "--at", "0001-01-01"]),
        ("UTC", ["add", "x", "--at", "0999-12-31 08:00"]),
        ("UTC", ["add", "x", "--at", "1899-12-31"]),
        ("UTC", ["list", "--since", "0001-01-01"]),
        ("UTC", ["list", "--since", "0001-01-01T00:00"]),
        ("UTC", ["list", "--until", "9999-12-31"]),
        ("America/Los_Angeles", ["list", "--until", "9999-12-31T23:59"]),
        ("Pacific/Kiritimati", ["list", "--since", "0001-01-01 00:00"]),
        ("UTC", ["edit", "1", "--at", "0001-01-01"]),
    ],
)
def test_a_date_out_of_range_exits_2_with_the_range(journal, monkeypatch, zone, args):
    journal("add", "keep me", "-m", "3")
    set_timezone(monkeypatch, zone)
    result = journal(*args)
    assert result.code == 2, result.err
    assert RANGE in result.err and result.err.count("\n") == 1
    assert len(json.loads(journal("list", "--json").out)) == 1  # nothing saved


@pytest.mark.parametrize(
    ("zone", "args"),
    [
        ("America/Los_Angeles", ["list", "--until", "9999-12-30T23:59"]),
        ("Pacific/Kiritimati", ["list", "--since", "1900-01-01 00:00"]),
        ("UTC", ["list", "--since", "1900-01-01", "--until", "9999-12-30"]),
    ],
)
def test_the_ends_of_the_range_work(journal, monkeypatch, zone, args):
    journal("add", "keep me", "-m", "3")
    set_timezone(monkeypatch, zone)
    result = journal(*args)
    assert result.code == 0 and "keep me" in result.out, result.err


def test_an_entry_on_the_first_day_of_the_range_is_saved_and_read_back(journal):
    assert journal("add", "grandfather's diary", "--at", "1900-01-01 08:00").code == 0
    entry = json.loads(journal("show", "1", "--json").out)
    assert entry["created_at"].startswith("1900-01-01T08:00:00")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["add", "x", "-m", "٣"], "mood must be 1 to 5"),
        (["add", "x", "-m", "３"], "mood must be 1 to 5"),
        (["add", "x", "-s", "٣"], "stress must be a whole number from 0 (calm) to 10"),
        (["add", "x", "--at", "today ٠٩:٣٠"], "cannot read the time"),
        (["add", "x", "--at", "٣ days ago"], "cannot read the time"),
        (["list", "--since", "٢٠٢٦-١١-٠٣"], "cannot read the time"),
        (["list", "-n", "٣"], "from 0 to 1,000,000,000"),
        (["sessions", "-n", "３"], "from 0 to 1,000,000,000"),
        (["show", "١"], "journal list' shows the ids"),
        (["pmr", "--tense", "٣"], "tense must be a whole number from 1 to 60 s"),
        (["pmr", "--cycles", "0_3"], "cycles must be a whole number from 1 to 5"),
        (["stats", "--days", "٣"], "whole number of days"),
    ],
)
def test_digits_that_are_not_ascii_are_refused(journal, args, says):
    result = journal(*args)
    assert result.code == 2, result.err
    assert says in result.err and result.err.count("\n") == 1
