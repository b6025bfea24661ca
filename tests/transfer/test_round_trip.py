"""This journal's own JSON export and journal files: the round trip into an empty
journal gives the same journal; imports are idempotent; two copies merge by uuid,
the newer change winning and deletions staying deleted."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from journal.models import EntryInput
from journal.pmr import BUILTIN_ROUTINES, make_user_routine
from journal.sample import generate
from journal.store import Store
from tests.conftest import FROZEN

# Markup, emoji, control characters, bidi overrides and a #tag: all must come back.
ODD_BODY = "[bold]not bold[/] 🌧️→☀️ \x1b[31mred\x1b[0m \u202eevil\u202c line\r\nnext #rain"


def fill(store: Store, clock) -> None:
    generate(store, entries=30, days=20, end=FROZEN, seed=3, sessions=4)
    store.entries.add(EntryInput.make(body=ODD_BODY, mood=2, stress=10, tags=["Ünïcode"]))
    store.routines.save(make_user_routine("evening", base="short", kept=[0, 2], tense=6))
    session = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=6)
    store.sessions.record_progress(session.id, seconds=100, groups_done=2)
    store.sessions.rate(session.id, stress_after=3, note="warm hands")
    clock.advance(minutes=1)
    store.entries.delete(store.entries.find(limit=1)[0].id - 3)


def shown(journal, db: Path) -> tuple:
    env = {"JOURNAL_DB": str(db)}
    return (
        json.loads(journal("list", "--json", "-n", "0", env=env).out),
        json.loads(journal("sessions", "--json", "-n", "0", env=env).out),
        journal("routines", env=env).out,
        json.loads(journal("checkins", "--json", "-n", "0", env=env).out),
    )


def test_export_json_then_import_into_an_empty_journal_gives_the_same_journal(
    journal, db_path, tmp_path, clock
):
    with Store.open(db_path, clock=clock) as store:
        fill(store, clock)
    out = tmp_path / "export.json"
    result = journal("export", "-o", str(out))
    assert result.code == 0, result.err
    assert "exported 30 entries as json to" in result.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text())
    assert (data["format"], data["version"]) == ("wellbeing-journal", 1)
    assert set(data) >= {"exported_at", "entries", "sessions", "routines", "checkins", "deleted"}
    assert [d["kind"] for d in data["deleted"]] == ["entry"]

    copy = tmp_path / "copy.db"
    result = journal("import", str(out), env={"JOURNAL_DB": str(copy)})
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == (
        "imported 30 entries and 5 sessions and 1 routine and 1 check-in from export.json "
        "(0 already here)"
    )
    assert shown(journal, copy) == shown(journal, db_path)
    odd = [e for e in shown(journal, copy)[0] if e["body"] == ODD_BODY]
    assert odd and odd[0]["tags"] == ["rain", "ünïcode"]

    # Importing the same file again adds nothing.
    again = journal("import", str(out), env={"JOURNAL_DB": str(copy)})
    assert again.err.splitlines()[-1] == ("imported 0 entries from export.json (37 already here)")
    assert shown(journal, copy) == shown(journal, db_path)


def test_two_copies_that_each_gained_and_lost_entries_merge_to_the_union_minus_the_deleted(
    journal, tmp_path, clock
):
    home, laptop = tmp_path / "home.db", tmp_path / "laptop.db"
    with Store.open(home, clock=clock) as store:
        for n in range(6):
            store.entries.add(EntryInput.make(body=f"shared {n}", mood=3))
    laptop.write_bytes(home.read_bytes())  # closed: the whole journal is in the file
    clock.advance(hours=1)
    with Store.open(home, clock=clock) as store:
        store.entries.add(EntryInput.make(body="only at home"))
        store.entries.delete(1)
        store.entries.update(3, EntryInput.make(body="shared 2, edited at home"))
    clock.advance(hours=1)
    with Store.open(laptop, clock=clock) as store:
        store.entries.add(EntryInput.make(body="only on the laptop"))
        store.entries.delete(2)
        store.entries.update(3, EntryInput.make(body="shared 2, edited later on the laptop"))
        store.entries.update(4, EntryInput.make(body="shared 3, edited on the laptop"))

    merged = journal("import", str(laptop), env={"JOURNAL_DB": str(home)})
    assert merged.code == 0, merged.err
    assert merged.err.splitlines()[-1] == (
        "imported 1 entry from laptop.db "
        "(2 already here, 2 updated, 1 deleted here, left out, 1 deleted as there)"
    )
    bodies = sorted(e["body"] for e in shown(journal, home)[0])
    assert bodies == [
        "only at home",
        "only on the laptop",
        "shared 2, edited later on the laptop",
        "shared 3, edited on the laptop",
        "shared 4",
        "shared 5",
    ]
    # And the other way round: the same journal.
    journal("import", str(home), env={"JOURNAL_DB": str(laptop)})
    assert sorted(e["body"] for e in shown(journal, laptop)[0]) == bodies
    # Merging again changes nothing.
    again = journal("import", str(laptop), env={"JOURNAL_DB": str(home)})
    assert "imported 0 entries" in again.err and "updated" not in again.err
    assert sorted(e["body"] for e in shown(journal, home)[0]) == bodies


def test_a_merge_never_writes_the_other_journal(journal, tmp_path, clock):
    other = tmp_path / "other.db"
    with Store.open(other, clock=clock) as store:
        store.entries.add(EntryInput.make(body="there"))
    os.chmod(other, 0o400)
    before = other.read_bytes()
    result = journal("import", str(other))
    assert result.code == 0, result.err
    assert other.read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda text: text[: len(text) // 2], "ends half way"),
        (lambda text: text.replace('"mood": 2', '"mood": 9', 1), "entries record"),
        (lambda text: text.replace('"uuid": "', '"uuid": "x', 1), "entries record 1"),
        (lambda text: text.replace("wellbeing-journal", "something-else"), "not a wellbeing"),
    ],
)
def test_a_damaged_export_imports_nothing_and_leaves_the_journal_as_it_was(
    journal, db_path, tmp_path, clock, damage, said
):
    with Store.open(db_path, clock=clock) as store:
        fill(store, clock)
    out = tmp_path / "export.json"
    journal("export", "-o", str(out))
    bad = tmp_path / "bad.json"
    bad.write_text(damage(out.read_text()))
    target = tmp_path / "target.db"
    with Store.open(target, clock=clock) as store:
        store.entries.add(EntryInput.make(body="mine", mood=4))
    before = target.read_bytes()
    result = journal("import", str(bad), env={"JOURNAL_DB": str(target)})
    assert result.code == 2
    assert said in result.err and "bad.json" in result.err and "nothing was imported" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_an_export_keeps_each_times_own_offset(journal, db_path, tmp_path, clock):
    with Store.open(db_path, clock=clock) as store:
        away = FROZEN.astimezone(timezone(timedelta(hours=-7)))
        store.entries.add(EntryInput.make(body="travelling"), at=away)
    out = json.loads(journal("export").out)
    assert out["entries"][0]["created_at"] == "2026-11-24T01:30:00-07:00"


def test_search_finds_what_was_imported_and_what_is_written_after(journal, db_path, tmp_path):
    source = tmp_path / "j.txt"
    source.write_text(
        "[2024-01-01 10:00] Otters in the river.\n\n[2024-01-02 10:00] Herons, and otters.\n"
    )
    assert journal("import", str(source)).code == 0
    # Merging again: updates and deletions keep the index in step too.
    assert journal("import", str(source)).code == 0
    assert journal("add", "kingfishers after the import").code == 0
    found = json.loads(journal("list", "--search", "otter", "--json").out)
    assert [e["body"] for e in found] == ["Herons, and otters.", "Otters in the river."]
    assert len(json.loads(journal("list", "--search", "kingfish", "--json").out)) == 1
    with Store.open(db_path) as store, store.reading() as conn:
        conn.execute("insert into entries_search (entries_search) values ('integrity-check')")
        triggers = {
            r[0] for r in conn.execute("select name from sqlite_master where type = 'trigger'")
        }
    assert {"entries_search_ai", "entries_search_ad", "entries_search_au"} <= triggers


def test_a_failed_import_into_no_journal_leaves_no_journal(journal, db_path, tmp_path):
    source = tmp_path / "j.txt"
    source.write_text("[2024-01-01 10:00] Fine.\n[2024-01-02 10:00] " + "x" * 1_000_001 + "\n")
    result = journal("import", str(source))
    assert result.code == 2 and "line 2: the text is 1,000,001 characters" in result.err
    assert not db_path.exists() and list(db_path.parent.glob("journal.db*")) == []


def test_a_merge_gives_back_the_page_cache_and_keeps_the_search_triggers(store):
    from journal.store.transfer import EntryRow

    with store.reading() as conn:
        before = conn.execute("PRAGMA cache_size").fetchone()[0]
    with pytest.raises(RuntimeError), store.transfer.merge() as merge:
        merge.add(EntryRow("0b6f7c3e-2b9a-5e4f-8a61-0c7d2e9b4a15", FROZEN, None, 3, None, "x", ()))
        raise RuntimeError("half way")
    with store.transfer.merge() as merge:
        merge.add(EntryRow("1b6f7c3e-2b9a-5e4f-8a61-0c7d2e9b4a15", FROZEN, None, 3, None, "y", ()))
    with store.reading() as conn:
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == before
        names = {r[0] for r in conn.execute("select name from sqlite_master where type='trigger'")}
    # The insert triggers an import stands in for are back, after a failed one too.
    assert {"entries_search_ai", "entries_days_ai", "entry_tags_day_ai"} <= names
    assert [e.body for e in store.entries.find()] == ["y"]


def test_imports_and_merges_keep_each_days_figures_and_the_search_index(journal, db_path, tmp_path):
    # An import writes new entries' figures and search words a batch at a time,
    # not through the insert triggers; updates and deletions still use theirs.
    from tests.conftest import run_journal
    from tests.store.test_day_figures import kept, recomputed

    source = tmp_path / "j.txt"
    lines = "".join(
        f"[2024-01-{day:02d} {hour:02d}:00] Otters by the river, day {day}. @river\n"
        for day in range(1, 29)
        for hour in (8, 20)
    )
    source.write_text(lines)
    assert journal("import", str(source)).code == 0
    other = tmp_path / "other.db"
    assert run_journal("import", str(source), db=other).returncode == 0
    with Store.open(other) as copy:
        oldest, *_, newest = copy.entries.find(limit=None)[::-1]
        copy.entries.delete(oldest.id)
    # Edited there later: one retagged, one moved to another day.
    assert run_journal("edit", str(newest.id - 1), "--tag", "heron", db=other).returncode == 0
    assert run_journal("edit", str(newest.id), "--at", "2024-02-02 09:00", db=other).returncode == 0
    assert journal("add", "herons, then #river", "-m", "4", "--at", "2024-01-03 12:00").code == 0
    assert journal("import", str(other)).code == 0  # a merge: one deleted there
    with Store.open(db_path) as store, store.reading() as conn:
        assert kept(conn) == recomputed(conn)
        assert sum(row[1] for row in kept(conn)) == 56  # 56 + 1 added - 1 deleted
        conn.execute("insert into entries_search (entries_search) values ('integrity-check')")
        day_tags = conn.execute("select * from day_tags order by 1, 2").fetchall()
        assert (
            day_tags
            == conn.execute(
                "select e.local_date, t.tag, count(*) from entry_tags t "
                "join entries e on e.id = t.entry_id group by 1, 2 order by 1, 2"
            ).fetchall()
        )
        assert ("2024-02-02", "river", 1) in day_tags and ("2024-01-03", "river", 3) in day_tags
        assert any(tag == "heron" for _, tag, _ in day_tags)
    found = json.loads(journal("list", "--search", "otter", "--json", "-n", "0").out)
    assert len(found) == 55
