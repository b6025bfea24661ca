"""WHO-5 check-ins travel through `journal export` and `journal import` like entries:
the JSON round trip gives the same check-ins, importing again adds nothing, two
journal files merge to the union, and a bad check-in imports nothing."""

from __future__ import annotations

import json
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from journal.models import EntryInput
from journal.store import Store
from tests.conftest import FROZEN


def checkins(journal, db: Path) -> list[dict]:
    result = journal("checkins", "--json", "-n", "0", env={"JOURNAL_DB": str(db)})
    assert result.code == 0, result.err
    return json.loads(result.out)


def fill(store: Store, clock) -> None:
    store.entries.add(EntryInput.make(body="a quiet week", mood=4))
    store.checkins.add((3, 4, 2, 5, 3))
    clock.advance(days=14)
    # Taken while away: its own offset must come back, not this machine's.
    away = clock().astimezone(timezone(timedelta(hours=-7)))
    store.checkins.add((0, 0, 0, 0, 1), at=away)
    clock.advance(days=14)
    store.checkins.add((5, 5, 5, 5, 5))


def test_the_json_round_trip_gives_the_same_check_ins_and_a_second_import_adds_nothing(
    journal, db_path, tmp_path, clock
):
    with Store.open(db_path, clock=clock) as store:
        fill(store, clock)
    out = tmp_path / "export.json"
    assert journal("export", "-o", str(out)).code == 0
    data = json.loads(out.read_text())
    mine = checkins(journal, db_path)
    assert data["checkins"] == mine[::-1]  # oldest first, in the shape checkins --json gives
    assert data["checkins"][1]["taken_at"] == "2026-12-08T01:30:00-07:00"

    copy = tmp_path / "copy.db"
    env = {"JOURNAL_DB": str(copy)}
    dry = journal("import", "--dry-run", str(out), env=env)
    assert "would import 1 entry, 3 check-ins" in dry.out
    result = journal("import", str(out), env=env)
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == (
        "imported 1 entry and 3 check-ins from export.json (0 already here)"
    )
    assert checkins(journal, copy) == mine

    again = journal("import", str(out), env=env)
    assert again.err.splitlines()[-1] == "imported 0 entries from export.json (4 already here)"
    assert checkins(journal, copy) == mine

    # An export with a filter is not a copy of the journal: no check-ins.
    some = json.loads(journal("export", "--since", "2026-11-01").out)
    assert len(some["entries"]) == 1 and some["checkins"] == []


def test_two_journal_files_each_with_their_own_check_ins_merge_to_the_union(
    journal, tmp_path, clock
):
    home, laptop = tmp_path / "home.db", tmp_path / "laptop.db"
    with Store.open(home, clock=clock) as store:
        store.checkins.add((1, 1, 1, 1, 1))
    laptop.write_bytes(home.read_bytes())  # closed: the whole journal is in the file
    clock.advance(days=14)
    with Store.open(home, clock=clock) as store:
        store.checkins.add((2, 2, 2, 2, 2))
    clock.advance(days=1)
    with Store.open(laptop, clock=clock) as store:
        store.checkins.add((4, 4, 4, 4, 4))
        store.checkins.add((5, 5, 5, 5, 4))
    home_before, laptop_before = checkins(journal, home), checkins(journal, laptop)

    merged = journal("import", str(laptop), env={"JOURNAL_DB": str(home)})
    assert merged.code == 0, merged.err
    assert merged.err.splitlines()[-1] == (
        "imported 0 entries and 2 check-ins from laptop.db (1 already here)"
    )

    def shape(found: list[dict]) -> list[tuple]:
        return sorted((c["uuid"], c["taken_at"], tuple(c["answers"]), c["score"]) for c in found)

    union = shape(home_before + laptop_before[:-1])
    assert len(union) == 4 and shape(checkins(journal, home)) == union
    # Home keeps its own ids; the laptop's that clash with them get new ones.
    ids = {c["uuid"]: c["id"] for c in checkins(journal, home)}
    assert all(ids[c["uuid"]] == c["id"] for c in home_before)
    assert sorted(ids.values()) == [1, 2, 3, 4]

    journal("import", str(home), env={"JOURNAL_DB": str(laptop)})
    assert shape(checkins(journal, laptop)) == union
    again = journal("import", str(laptop), env={"JOURNAL_DB": str(home)})
    assert again.err.splitlines()[-1] == "imported 0 entries from laptop.db (4 already here)"


def test_a_deleted_check_in_is_not_brought_back_and_a_deletion_there_deletes_it_here(
    journal, db_path, tmp_path, clock
):
    with Store.open(db_path, clock=clock) as store:
        fill(store, clock)
    out = tmp_path / "export.json"
    journal("export", "-o", str(out))
    data = json.loads(out.read_text())
    gone = data["checkins"][0]["uuid"]
    data["deleted"].append({"uuid": gone, "kind": "checkin", "deleted_at": "2026-12-30T10:00:00Z"})
    out.write_text(json.dumps(data))

    copy = tmp_path / "copy.db"
    result = journal("import", str(out), env={"JOURNAL_DB": str(copy)})
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == (
        "imported 1 entry and 2 check-ins from export.json (0 already here, 1 deleted here, "
        "left out)"
    )
    assert gone not in {c["uuid"] for c in checkins(journal, copy)}

    # Into the journal that still has it: the deletion there deletes it here.
    result = journal("import", str(out))
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == (
        "imported 0 entries from export.json "
        "(3 already here, 1 deleted here, left out, 1 deleted as there)"
    )
    assert [c["uuid"] for c in checkins(journal, db_path)] == [
        c["uuid"] for c in checkins(journal, copy)
    ]


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda c: c.update(answers=[3, 4, 2, 6, 3]), "five whole numbers from 0 to 5"),
        (lambda c: c.update(answers=[3, 4, 2, 5]), "five whole numbers from 0 to 5"),
        (lambda c: c.update(answers=["3", 4, 2, 5, 3]), "five whole numbers from 0 to 5"),
        (lambda c: c.update(score=99), "raw and score do not match"),
        (lambda c: c.update(taken_at="2026-11-24T09:30:00"), "taken_at needs its UTC offset"),
        (lambda c: c.pop("uuid"), "the field 'uuid' is missing"),
    ],
)
def test_a_bad_check_in_exits_2_naming_the_file_and_record_and_changes_nothing(
    journal, db_path, tmp_path, clock, damage, said
):
    with Store.open(db_path, clock=clock) as store:
        fill(store, clock)
    out = tmp_path / "export.json"
    journal("export", "-o", str(out))
    data = json.loads(out.read_text())
    damage(data["checkins"][1])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    target = tmp_path / "target.db"
    with Store.open(target, clock=clock) as store:
        store.entries.add(EntryInput.make(body="mine", mood=4))
        store.checkins.add((2, 3, 2, 3, 2), at=FROZEN - timedelta(days=30))
    before = target.read_bytes()
    result = journal("import", str(bad), env={"JOURNAL_DB": str(target)})
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "bad.json, checkins record 2" in result.err and said in result.err
    assert "nothing was imported" in result.err
    assert target.read_bytes() == before
