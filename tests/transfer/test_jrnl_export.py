"""This journal in jrnl's text format, as real jrnl reads it back: data/exported-by-us.txt
is what `journal export --format jrnl` wrote for the journal below, and
data/exported-by-us.json what jrnl 4.6 (`jrnl --format json`) read from it. The export
must still write that text, and jrnl's reading of it must be our entries."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from journal.models import EntryInput
from journal.store import Store
from journal.transfer.jrnl import jrnl_tag

DATA = Path(__file__).parent / "data"
BERLIN = timezone(timedelta(hours=1))
ENTRIES = [
    ("Slept well #sleep", 4, 2, ["morning"]),
    ("Long day. Meetings all afternoon\n\n## Notes\n- one\n- two\n---\nend", 2, 7, []),
    ("Starred thought", None, 3, ["starred", "ideas"]),
    (
        "[2020-01-01 10:00] a line that looks like jrnl's date\nsecond [2020-01-01 10:00] inside",
        3,
        None,
        [],
    ),
    ("Emoji 🌧️ and a tag @work and #focus", 5, 0, ["c-"]),
    ("Afternoon PM entry", 3, 5, []),
]


def test_real_jrnl_reads_our_export_as_the_same_entries(journal, db_path, clock, tmp_path):
    at = datetime(2026, 11, 20, 7, 5, 9, tzinfo=BERLIN)
    with Store.open(db_path, clock=clock) as store:
        for body, mood, stress, tags in ENTRIES:
            store.entries.add(
                EntryInput.make(body=body, mood=mood, stress=stress, tags=tags), at=at
            )
            at += timedelta(hours=7, minutes=13)
    out = tmp_path / "journal.txt"
    assert journal("export", "--format", "jrnl", "-o", str(out)).code == 0
    assert out.read_text() == (DATA / "exported-by-us.txt").read_text()

    ours = sorted(
        json.loads(journal("list", "--json", "-n", "0").out), key=lambda e: e["created_at"]
    )
    read_by_jrnl = json.loads((DATA / "exported-by-us.json").read_text())["entries"]
    assert len(read_by_jrnl) == len(ours)
    for mine, theirs in zip(ours, read_by_jrnl, strict=True):
        assert mine["created_at"][:16] == f"{theirs['date']}T{theirs['time']}"
        text = f"{theirs['title']} {theirs['body']}"
        assert "".join(mine["body"].split()) in "".join(text.split())
        jrnl_tags = {t for raw in theirs["tags"] if (t := jrnl_tag(raw[1:]))}
        assert set(mine["tags"]) - {"starred"} <= jrnl_tags
        assert theirs["starred"] == ("starred" in mine["tags"])
