"""`journal export` to CSV, Markdown and jrnl's text, with filters; files written
atomically with mode 0600."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import timedelta

import pytest

from journal.models import EntryInput
from journal.store import Store
from journal.transfer.jrnl import read_text
from journal.transfer.problems import Notes
from tests.conftest import FROZEN


@pytest.fixture
def filled(db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(
            EntryInput.make(body='=1+1 starts like a formula, "quoted"\nline two', mood=4),
            at=FROZEN - timedelta(days=40),
        )
        store.entries.add(
            EntryInput.make(body="Slept well #sleep", mood=5, stress=1, tags=["morning"]),
            at=FROZEN - timedelta(days=2),
        )
        store.entries.add(
            EntryInput.make(
                body="Starred\n[2020-01-01 10:00] looks like a jrnl date\nand a @friend",
                stress=7,
                tags=["starred"],
            ),
            at=FROZEN - timedelta(days=1),
        )
    return db_path


def test_csv_has_the_header_and_every_cell_as_written(journal, filled):
    result = journal("export", "--format", "csv")
    assert result.code == 0
    assert result.out.startswith(
        "id,uuid,created_at,local_date,mood,mood_word,stress,tags,body\r\n"
    )
    rows = list(csv.DictReader(io.StringIO(result.out, newline="")))
    assert rows[0]["body"] == '=1+1 starts like a formula, "quoted"\nline two'
    assert rows[1]["tags"] == "morning sleep"
    assert (rows[1]["mood"], rows[1]["mood_word"], rows[1]["stress"]) == ("5", "great", "1")
    assert (rows[2]["mood"], rows[2]["mood_word"]) == ("", "")
    assert rows[0]["local_date"] == (FROZEN - timedelta(days=40)).date().isoformat()


def test_markdown_groups_entries_by_year_and_month(journal, filled):
    out = journal("export", "--format", "markdown").out
    assert out.splitlines()[:6] == ["# Journal", "", "## 2026", "", "### October 2026", ""]
    assert "#### Sat 14 November 2026" not in out
    assert "#### Sun 22 November 2026, 09:30 · mood 5 great · stress 1 low" in out
    assert "Tags: #morning" in out
    assert out.index("October 2026") < out.index("November 2026")


def test_jrnl_text_is_read_back_as_the_same_entries_with_mood_and_stress(journal, filled, tmp_path):
    out = tmp_path / "journal.txt"
    assert journal("export", "--format", "jrnl", "-o", str(out)).code == 0
    text = out.read_text()
    assert "[2026-11-22 09:30:00 AM] Slept well #sleep\n@morning (mood 5 great, stress 1)\n" in text
    # A body line jrnl would take for a new entry is moved off the line's start.
    assert "AM] Starred *\n [2020-01-01 10:00] looks like" in text
    rows = list(read_text(out, Notes(), zone=None))
    originals = json.loads(journal("list", "--json", "-n", "0").out)[::-1]
    # jrnl reads "@friend" in a text as a tag, and so does its import here.
    assert [(r.mood, r.stress, sorted(r.tags)) for r in rows] == [
        (e["mood"], e["stress"], sorted(e["tags"] + (["friend"] if "@friend" in e["body"] else [])))
        for e in originals
    ]
    assert rows[2].body == "Starred\n [2020-01-01 10:00] looks like a jrnl date\nand a @friend"
    assert rows[0].body == originals[0]["body"]


def test_filters_pick_the_entries(journal, filled):
    by_tag = json.loads(journal("export", "-t", "sleep").out)
    assert [e["body"] for e in by_tag["entries"]] == ["Slept well #sleep"]
    assert by_tag["deleted"] == [] and by_tag["sessions"] == []
    since = journal("export", "--format", "csv", "--since", "3 days ago")
    assert len(list(csv.DictReader(io.StringIO(since.out)))) == 2
    assert since.err == "exported 2 entries as csv\n"
    assert journal("export", "--since", "someday").code == 2


def test_a_file_is_private_and_complete_or_not_there(journal, filled, tmp_path):
    out = tmp_path / "out.md"
    out.write_text("old")
    out.chmod(0o644)
    assert journal("export", "--format", "markdown", "-o", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("# Journal")
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]
    missing = journal("export", "-o", str(tmp_path / "no" / "such" / "out.json"))
    assert missing.code == 1 and "cannot write" in missing.err


def test_an_empty_or_missing_journal_exports_an_empty_journal(journal, db_path):
    data = json.loads(journal("export").out)
    assert data["entries"] == [] and data["checkins"] == []
    assert not db_path.exists()
