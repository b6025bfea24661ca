"""jrnl's plain text read as jrnl 4.x reads it. The files in data/ were written with
jrnl 4.6 (written-by-jrnl.txt) or by hand (edge.txt), and each *.json beside them is
what `jrnl --format json` made of it: the same entries must arrive here."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.models import tags_in_body
from journal.transfer.jrnl import jrnl_tag, parse_date, read_json, read_text
from journal.transfer.problems import Notes, SourceError

DATA = Path(__file__).parent / "data"
BERLIN = ZoneInfo("Europe/Berlin")


def read(path: Path, **how) -> tuple[list, Notes]:
    notes = Notes()
    return list(read_text(path, notes, zone=how.pop("zone", BERLIN), **how)), notes


def as_jrnl_sees_it(entries: list[dict]) -> list[tuple]:
    """jrnl's JSON entries as (minute, text without blank space, tags) in this
    journal's terms: jrnl splits a title from its body, here they are one text."""
    seen = []
    for e in entries:
        words = "".join(f"{e['title']} {e['body']}".split())
        if not words:
            continue  # an entry with no text: nothing to save here
        tags = {t for raw in e["tags"] if (t := jrnl_tag(raw[1:]))}
        tags |= {"starred"} if e["starred"] else set()
        tags |= set(tags_in_body(f"{e['title']}\n{e['body']}"))
        seen.append((f"{e['date']} {e['time']}", words, tags))
    return sorted(seen)


def as_read_here(rows) -> list[tuple]:
    return sorted(
        (f"{r.created_at:%Y-%m-%d %H:%M}", "".join(r.body.split()), set(r.tags)) for r in rows
    )


@pytest.mark.parametrize("name", ["edge", "written-by-jrnl"])
def test_the_same_entries_as_jrnl_itself_reads(name):
    source = DATA / (f"{name}.txt")
    expected = json.loads((DATA / f"{name}.json").read_text())
    # In UTC, so no time is moved out of a daylight-saving gap (tested below).
    rows, notes = read(source, zone=ZoneInfo("UTC"))
    assert as_read_here(rows) == as_jrnl_sees_it(expected["entries"])
    assert notes.skipped_empty == (1 if name == "edge" else 0)


def test_jrnl_json_export_gives_the_same_entries_and_uuids_as_the_text():
    text_rows, _ = read(DATA / "written-by-jrnl.txt")
    json_rows = list(read_json(DATA / "written-by-jrnl.json", Notes(), zone=BERLIN))
    assert as_read_here(json_rows) == as_read_here(text_rows)
    assert {r.uuid for r in json_rows} == {r.uuid for r in text_rows}


def test_title_and_body_are_one_text_here_with_headings_and_rules_inside(tmp_path):
    rows, _ = read(DATA / "edge.txt")
    heading = next(r for r in rows if r.created_at.day == 23 and r.created_at.month == 6)
    assert heading.body == (
        "# A Markdown heading as the title\n---\n## Another heading\n\nParagraph after a rule."
    )
    seconds = next(r for r in rows if r.created_at.minute == 31)
    assert seconds.created_at == datetime(2013, 6, 9, 21, 31, 5, tzinfo=seconds.created_at.tzinfo)
    assert seconds.body.startswith("Seconds!Not split here. But here.\nSecond line of body.")


def test_partial_dates_month_first_and_day_first():
    assert parse_date("2019-07 14:23") == datetime(2019, 7, 1, 14, 23)
    assert parse_date("09.06.2013 10:00") == datetime(2013, 9, 6, 10, 0)
    assert parse_date("09.06.2013 10:00", day_first=True) == datetime(2013, 6, 9, 10, 0)
    assert parse_date("2013-06-09 09:30:00 PM") == datetime(2013, 6, 9, 21, 30)
    assert parse_date("2013-06-09 12:05:00 AM") == datetime(2013, 6, 9, 0, 5)
    assert parse_date("2013-06-10") == datetime(2013, 6, 10, 0, 0)
    assert parse_date("March 4 10:00", today=date(2026, 12, 2)) == datetime(2026, 3, 4, 10, 0)
    # More than four weeks ahead with no year written: last year, as jrnl reads it.
    assert parse_date("Dec 30 10:00", today=date(2026, 3, 1)) == datetime(2025, 12, 30, 10, 0)
    assert parse_date("[1]") is None and parse_date("not a date") is None


def test_tags_a_tag_here_cannot_hold_keep_their_letters():
    assert jrnl_tag("C++") == "c-"
    assert jrnl_tag("OS/2") == "os-2"
    assert jrnl_tag("+++") is None
    assert jrnl_tag("naïve") == "naïve"
    rows, _ = read(DATA / "edge.txt")
    odd = next(r for r in rows if r.created_at.day == 22)
    assert set(odd.tags) == {"c-", "os-2", "naïve"}
    assert odd.body == "Odd tags: @+++ and @OS/2 and @C++ and @naïve"  # the text as written


def test_a_time_in_a_daylight_saving_gap_is_read_just_after_it_and_counted():
    rows, notes = read(DATA / "written-by-jrnl.txt")
    gap = next(r for r in rows if r.created_at.year == 2020)
    assert gap.created_at.isoformat() == "2020-03-29T03:00:00+02:00"
    summer = next(r for r in rows if r.created_at.year == 2021)
    assert summer.created_at.isoformat() == "2021-05-05T08:00:00+02:00"
    assert (notes.moved_out_of_gap, notes.first_of_two) == (1, 0)


def test_a_time_that_occurs_twice_is_the_first_of_the_two(tmp_path):
    path = tmp_path / "fold.txt"
    path.write_text("[2020-10-25 02:30] The clocks went back.\n")
    rows, notes = read(path)
    assert rows[0].created_at.isoformat() == "2020-10-25T02:30:00+02:00"
    assert notes.first_of_two == 1


def test_the_same_minute_twice_is_two_entries_and_reading_again_gives_the_same_uuids():
    rows, _ = read(DATA / "edge.txt")
    twice = [r for r in rows if r.body == "Same minute twice"]
    assert len(twice) == 2 and twice[0].uuid != twice[1].uuid
    again, _ = read(DATA / "edge.txt")
    assert [r.uuid for r in again] == [r.uuid for r in rows]


def test_our_mood_and_stress_line_is_read_back(tmp_path):
    path = tmp_path / "ours.txt"
    path.write_text(
        "[2026-11-20 08:00:00 AM] Slept well #sleep\n@morning (mood 4 good, stress 2)\n\n"
        "[2026-11-21 08:00:00 AM] Only stress\n(stress 10)\n"
    )
    rows, _ = read(path)
    assert [(r.body, r.mood, r.stress, r.tags) for r in rows] == [
        ("Slept well #sleep", 4, 2, ("morning", "sleep")),
        ("Only stress", None, 10, ()),
    ]


def test_a_file_with_no_jrnl_date_is_not_a_jrnl_journal(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Just some notes\n[not a date] here\n")
    with pytest.raises(SourceError, match="not a jrnl journal"):
        read(path)


@pytest.mark.parametrize("chunk", [1, 5, 64])
def test_entries_cut_by_the_end_of_a_read_are_read_the_same(monkeypatch, chunk):
    import journal.transfer.jrnl as jrnl

    whole, _ = read(DATA / "edge.txt")
    monkeypatch.setattr(jrnl, "_CHUNK", chunk)
    pieces, _ = read(DATA / "edge.txt")
    assert [(r.uuid, r.body, r.created_at) for r in pieces] == [
        (r.uuid, r.body, r.created_at) for r in whole
    ]


def test_a_bad_entry_is_named_by_its_line(tmp_path):
    path = tmp_path / "j.txt"
    path.write_text("intro\n\n[2024-01-01 10:00] Fine.\nmore\n\n[2024-01-02 10:00] Bad \x00 byte\n")
    with pytest.raises(SourceError, match=r"j.txt, line 6: the text contains a NUL byte"):
        read(path)
