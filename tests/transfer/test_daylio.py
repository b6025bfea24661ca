"""Daylio's CSV exports, every header generation, and what an import says and
refuses: unknown labels, bad rows, half a file, unknown formats, --dry-run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.models import EntryInput
from journal.store import Store

OLDEST = """year,date,weekday,time,mood,activities,note
2018,September 26,Wednesday,9:27 PM,good,"friends | movies",""
2018,26 September,Wednesday,10:00 pm,rad,"",Late &amp; happy
"""
FULL_DATE = """full_date,date,weekday,time,mood,activities,note
2019-05-28,May 28,Tuesday,15:26,meh,work,"Long day<br>tired"
"""
NOTE_TITLE = """full_date,date,weekday,time,mood,activities,note_title,note
2020-01-02,January 2,Thursday,08:05,awful,"sick | Bad Sleep",Flu,"Fever &lt;39&gt;&#39;C"
"""
SCALES = """full_date,date,weekday,time,mood,activities,scales,note_title,note
2021-07-04,July 4,Sunday,12:00 AM,great,"Movies & TV","",,"just a note"
2021-07-04,July 4,Sunday,12:00 PM,okay,"","","A title",
"""


def entries(journal, db: Path | None = None) -> list[dict]:
    env = {"JOURNAL_DB": str(db)} if db else None
    return sorted(
        json.loads(journal("list", "--json", "-n", "0", env=env).out),
        key=lambda e: e["created_at"],
    )


def write(tmp_path: Path, text: str, name: str = "daylio_export.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_every_header_generation_with_or_without_a_bom(journal, tmp_path, bom):
    files = [
        write(tmp_path, text, f"{n}.csv", bom)
        for n, text in enumerate([OLDEST, FULL_DATE, NOTE_TITLE, SCALES])
    ]
    result = journal("import", *map(str, files), "--tz", "Europe/Berlin")
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == "imported 2 entries from 3.csv (0 already here)"
    got = [(e["created_at"], e["mood"], e["tags"], e["body"]) for e in entries(journal)]
    assert got == [
        ("2018-09-26T21:27:00+02:00", 4, ["friends", "movies"], ""),
        ("2018-09-26T22:00:00+02:00", 5, [], "Late & happy"),
        ("2019-05-28T15:26:00+02:00", 3, ["work"], "Long day\ntired"),
        ("2020-01-02T08:05:00+01:00", 1, ["bad-sleep", "sick"], "Flu\nFever <39>'C"),
        ("2021-07-04T00:00:00+02:00", 5, ["movies-tv"], "just a note"),
        ("2021-07-04T12:00:00+02:00", 3, [], "A title"),
    ]


def test_importing_the_same_export_twice_adds_nothing(journal, tmp_path):
    path = write(tmp_path, OLDEST)
    assert journal("import", str(path)).code == 0
    again = journal("import", str(path))
    assert again.err.splitlines()[-1] == (
        "imported 0 entries from daylio_export.csv (2 already here)"
    )
    assert len(entries(journal)) == 2


def test_unknown_mood_labels_stop_the_import_listing_each_with_its_count(
    journal, db_path, tmp_path, clock
):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="mine", mood=4))
    before = db_path.read_bytes()
    path = write(
        tmp_path,
        "full_date,date,weekday,time,mood,activities,note\n"
        + "2019-05-28,May 28,Tuesday,15:26,super,,a\n" * 3
        + "2019-05-29,May 29,Wednesday,15:26,so-so,,b\n"
        + "2019-05-30,May 30,Thursday,15:26,good,,c\n",
    )
    result = journal("import", str(path))
    assert result.code == 2
    assert result.err == (
        f"journal: {path}: unknown mood labels 'super' (3), 'so-so' (1); map each to "
        "1 (awful) ... 5 (great) with --mood, like --mood 'super=4'; nothing was imported\n"
    )
    assert db_path.read_bytes() == before
    mapped = journal("import", str(path), "--mood", "super=5", "--mood", "SO-SO=3")
    assert mapped.code == 0, mapped.err
    assert [e["mood"] for e in entries(journal)] == [5, 5, 5, 3, 4, 4]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (FULL_DATE + "2019-05-29,May 29,Wednesday,25:99,meh,,x\n", "row 2: cannot read the time"),
        (FULL_DATE + "2019-13-29,May 29,Wednesday,10:00,meh,,x\n", "row 2: cannot read the date"),
        (FULL_DATE + '2019-05-29,May 29,Wednesday,10:00,meh,"wor', "row 2:"),
        (FULL_DATE + "2019-05-29,May 29,Wed", "row 2: 3 fields where the header has 7"),
        (FULL_DATE + "2019-05-29,May 29,Wednesday,10:00,,,\n", "row 2: no mood"),
    ],
)
def test_a_bad_row_or_half_a_file_names_the_file_and_row_and_imports_nothing(
    journal, db_path, tmp_path, clock, text, said
):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="mine", mood=4))
    before = db_path.read_bytes()
    path = write(tmp_path, text)
    result = journal("import", str(path))
    assert result.code == 2
    assert result.err.startswith(f"journal: {path}, {said}")
    assert result.err.endswith("nothing was imported\n")
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "the file is empty: nothing to import"),
        (b"   \n", "the file is empty: nothing to import"),
        (b"just,some,csv\n1,2,3\n", "unknown format: give --from jrnl, jrnl-json, daylio"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "unknown format"),
    ],
)
def test_an_empty_file_or_an_unknown_format_exits_2_and_creates_no_journal(
    journal, db_path, tmp_path, content, said
):
    path = tmp_path / "thing"
    path.write_bytes(content)
    result = journal("import", str(path))
    assert result.code == 2
    assert result.err.startswith(f"journal: {path}: {said}")
    assert not db_path.exists()


def test_a_missing_file_or_a_folder_exits_2(journal, tmp_path):
    assert journal("import", str(tmp_path / "nope.txt")).code == 2
    assert "is a folder" in journal("import", str(tmp_path)).err


def test_dry_run_reports_on_stdout_and_writes_nothing(journal, db_path, tmp_path):
    path = write(tmp_path, OLDEST + "2018,27 September,Thursday,10:00,blah,,x\n")
    result = journal("import", str(path), "--dry-run", "--mood", "blah=2")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"{path} (daylio): would import 3 entries",
        "  dates: 2018-09-26 to 2018-09-27",
        "  tags: friends (1), movies (1)",
        "  mood labels: good (1), rad (1), blah (1)",
        "dry run: nothing was imported",
    ]
    assert not db_path.exists()


def test_bad_options_exit_2(journal, tmp_path):
    path = write(tmp_path, OLDEST)
    assert "not a time zone" in journal("import", str(path), "--tz", "Mars/Olympus").err
    assert journal("import", str(path), "--mood", "super=7").code == 2
    assert journal("import", str(path), "--mood", "=3").code == 2
    assert journal("import", str(path), "--from", "word").code == 2


def test_a_nonexistent_time_in_the_source_is_moved_and_said(journal, tmp_path):
    path = write(
        tmp_path,
        "full_date,date,weekday,time,mood,activities,note\n"
        "2021-03-14,March 14,Sunday,2:30 AM,good,,gap\n"
        "2021-11-07,November 7,Sunday,1:30 AM,good,,twice\n",
    )
    result = journal("import", str(path), "--tz", "America/New_York")
    assert result.code == 0
    assert result.err.splitlines() == [
        "1 time fell in a daylight-saving gap (the clocks went forward); "
        "read as the clock showed just after the gap",
        "1 time occurred twice (the clocks went back); read as the first of the two",
        "imported 2 entries from daylio_export.csv (0 already here)",
    ]
    assert [e["created_at"] for e in entries(journal)] == [
        "2021-03-14T03:00:00-04:00",
        "2021-11-07T01:30:00-04:00",
    ]
