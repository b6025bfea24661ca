"""The rules every import follows, through the command line: formats found from what
a file holds, --day-first, older journal files, the progress bar only on a terminal."""

from __future__ import annotations

import json
import sys

import pytest

from journal.cli.transfer import Progress
from tests.store.test_migrations import write_old_journal


def bodies(journal, **env) -> list[str]:
    return [e["body"] for e in json.loads(journal("list", "--json", "-n", "0", **env).out)]


def test_day_first_reads_an_ambiguous_date_the_other_way(journal, tmp_path):
    path = tmp_path / "j.txt"
    path.write_text("[09.06.2013 10:00] Which day?\n")
    journal("import", str(path))
    assert json.loads(journal("list", "--json").out)[0]["created_at"].startswith("2013-09-06")
    other = tmp_path / "other.db"
    journal("import", str(path), "--day-first", env={"JOURNAL_DB": str(other)})
    shown = json.loads(journal("list", "--json", env={"JOURNAL_DB": str(other)}).out)
    assert shown[0]["created_at"].startswith("2013-06-09")


def test_from_jrnl_on_a_file_with_no_jrnl_date_exits_2(journal, tmp_path, db_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\n[see here] for more\n")
    result = journal("import", str(path), "--from", "jrnl")
    assert result.code == 2
    assert (
        "no entry has a date jrnl could read" in result.err and "not a jrnl journal" in result.err
    )
    assert "unknown format" in journal("import", str(path)).err
    assert not db_path.exists()


def test_formats_are_found_from_what_files_hold(journal, tmp_path):
    jrnl_text = tmp_path / "a.csv"  # the name does not matter
    jrnl_text.write_text("[2024-01-01 10:00] From jrnl.\n")
    jrnl_json = tmp_path / "b.txt"
    jrnl_json.write_text(
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {
                        "title": "From",
                        "body": "jrnl's JSON",
                        "date": "2024-01-02",
                        "time": "10:00",
                        "tags": [],
                        "starred": False,
                    }
                ],
            }
        )
    )
    result = journal("import", str(jrnl_text), str(jrnl_json), "--dry-run")
    assert "a.csv (jrnl): would import 1 entry" in result.out
    assert "b.txt (jrnl-json): would import 1 entry" in result.out
    assert journal("import", str(jrnl_text), str(jrnl_json)).code == 0
    assert bodies(journal) == ["From\njrnl's JSON", "From jrnl."]


def test_a_journal_file_from_an_older_release_merges_and_is_not_changed(journal, tmp_path):
    old = tmp_path / "old.db"
    write_old_journal(old, "m006_tombstones")
    before = old.read_bytes()
    result = journal("import", str(old))
    assert result.code == 0, result.err
    assert bodies(journal) == ["written by an old release about otters"]
    assert old.read_bytes() == before


def test_a_file_that_is_not_a_journal_but_sqlite_exits_2(journal, tmp_path):
    import sqlite3

    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("create table t (x)")
    conn.close()
    result = journal("import", str(other))
    assert result.code == 2 and "is not a Wellbeing Journal file" in result.err


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("terminal", "seconds", "shown"), [(True, 2, True), (True, 0.5, False), (False, 2, False)]
)
def test_the_progress_bar_only_on_a_terminal_and_after_a_second(
    monkeypatch, capsys, terminal, seconds, shown
):
    clock = Clock()
    monkeypatch.setattr("journal.cli.transfer.time.monotonic", clock)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal)
    started = []
    import rich.progress

    monkeypatch.setattr(rich.progress.Progress, "start", lambda self: started.append(self))
    monkeypatch.setattr(rich.progress.Progress, "stop", lambda self: None)

    def items():
        for n in range(1000):
            clock.now = seconds * n / 1000
            yield n

    assert sum(Progress("importing", None).track(items())) == sum(range(1000))
    assert bool(started) == shown


def test_a_date_this_journal_cannot_hold_names_its_line(journal, tmp_path):
    path = tmp_path / "j.txt"
    path.write_text("[2024-01-01 10:00] Fine.\n\n[1850-03-01 10:00] Long ago.\n")
    result = journal("import", str(path))
    assert result.code == 2
    assert "j.txt, line 3: the date is out of range" in result.err
