"""The sample journal: seeded, the size asked for, realistic, and stored like real entries
and sessions."""

from __future__ import annotations

import itertools
import json
import re
import statistics
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from journal.cli import cli
from journal.models import MOOD_MAX, MOOD_MIN, STRESS_MAX, STRESS_MIN, tags_in_body
from journal.pmr import BUILTIN_ROUTINES
from journal.sample import (
    DEMO_DAYS,
    DEMO_ENTRIES,
    DEMO_SEED,
    DEMO_SESSIONS,
    SampleEntry,
    generate,
    sample_entries,
    sample_sessions,
    write_entries,
    write_sessions,
)
from journal.store import EntryQuery, Store

CET = timezone(timedelta(hours=1))
END = datetime(2026, 3, 1, 21, 30, tzinfo=CET)


def _rows(store: Store) -> list[tuple]:
    return store.db.execute(
        "select id, uuid, created_utc, utc_offset, local_date, mood, stress, body, updated_utc,"
        " (select group_concat(tag, ' ') from (select tag from entry_tags t"
        "  where t.entry_id = e.id order by tag)) from entries e order by id"
    ).fetchall()


def _values(samples: list[SampleEntry]) -> list[tuple]:
    return [
        (s.at.isoformat(), s.entry.mood, s.entry.stress, s.entry.body, s.entry.tags)
        for s in samples
    ]


def test_same_seed_gives_identical_journals() -> None:
    first = sample_entries(entries=300, days=120, end=END, seed=7)
    again = sample_entries(entries=300, days=120, end=END, seed=7)
    assert _values(first) == _values(again)
    stores = [Store.in_memory(), Store.in_memory()]
    for store in stores:
        generate(store, entries=300, days=120, end=END, seed=7)
    assert _rows(stores[0]) == _rows(stores[1])


def test_different_seeds_give_different_journals() -> None:
    one = sample_entries(entries=300, days=120, end=END, seed=1)
    two = sample_entries(entries=300, days=120, end=END, seed=2)
    assert [s.entry.body for s in one] != [s.entry.body for s in two]
    assert [s.at for s in one] != [s.at for s in two]


@pytest.mark.parametrize(("entries", "days"), [(0, 30), (1, 1), (5, 1), (300, 120), (400, 3)])
def test_counts_and_days_are_honoured(entries: int, days: int) -> None:
    store = Store.in_memory()
    assert generate(store, entries=entries, days=days, end=END, seed=3) == entries
    assert store.entries.count() == entries
    first_day = END.date() - timedelta(days=days - 1)
    for entry in store.entries.find(limit=None):
        assert first_day <= entry.created_at.date() <= END.date()
        assert entry.created_at <= END


def test_entries_are_oldest_first_and_ids_follow_time() -> None:
    store = Store.in_memory()
    generate(store, entries=300, days=120, end=END, seed=4)
    newest_first = store.entries.find(limit=None)
    moments = [e.created_at for e in newest_first]
    assert moments == sorted(moments, reverse=True)
    assert [e.id for e in newest_first] == sorted((e.id for e in newest_first), reverse=True)


def test_offsets_change_with_summer_time_and_travel() -> None:
    # A year and a bit: both summer-time changes and at least one trip abroad.
    samples = sample_entries(entries=2000, days=400, end=END, seed=5)
    offsets = {s.at.utcoffset() for s in samples}
    assert {timedelta(hours=1), timedelta(hours=2)} <= offsets
    assert len(offsets) >= 3
    # A winter-only stretch still has its trip.
    winter = sample_entries(entries=300, days=120, end=END, seed=5)
    assert len({s.at.utcoffset() for s in winter}) >= 2


def test_values_are_in_range_and_entries_are_varied() -> None:
    samples = sample_entries(entries=600, days=120, end=END, seed=6)
    for s in samples:
        assert s.entry.mood is None or MOOD_MIN <= s.entry.mood <= MOOD_MAX
        assert s.entry.stress is None or STRESS_MIN <= s.entry.stress <= STRESS_MAX
        assert s.entry.mood is not None or s.entry.stress is not None or s.entry.body
    bodies = [s.entry.body for s in samples]
    assert sum(not b for b in bodies) > 100  # quick check-ins
    assert any("\n\n" in b for b in bodies)  # several paragraphs
    assert any("**" in b for b in bodies) and any("\n- " in b for b in bodies)  # Markdown
    assert any(tags_in_body(b) for b in bodies)  # #tags written in the text
    assert len({s.at.date() for s in samples}) < 120  # days without entries
    for body in bodies:
        sentences = [t for t in re.split(r"(?<=[.!?:])\s+", body) if t[:1].isalpha()]
        assert len(sentences) == len(set(sentences)), body


def test_moods_follow_tags_weekdays_and_stress() -> None:
    samples = sample_entries(entries=4000, days=365, end=END, seed=8)

    def mood_with(tags: set[str]) -> float:
        return statistics.mean(
            s.entry.mood for s in samples if s.entry.mood and tags & set(s.entry.tags)
        )

    assert (
        mood_with({"exercise", "outdoors", "friends"})
        > mood_with({"deadline", "headache", "insomnia"}) + 0.5
    )

    def mood_on(weekday: int) -> float:
        return statistics.mean(
            s.entry.mood for s in samples if s.entry.mood and s.at.weekday() == weekday
        )

    assert mood_on(5) > mood_on(0)  # Saturdays better than Mondays
    pairs = [(s.entry.mood, s.entry.stress) for s in samples if s.entry.mood and s.entry.stress]
    assert statistics.correlation(*zip(*pairs, strict=True)) < -0.3


def test_sample_entries_are_searchable_and_filterable(tmp_path) -> None:
    store = Store.open(tmp_path / "journal.db")
    samples = sample_entries(entries=300, days=120, end=END, seed=9)
    write_entries(store, samples, seed=9)
    found = store.entries.find(EntryQuery(text="slept"), limit=None)
    assert found and all("slept" in e.body.lower() for e in found)
    assert len(found) == sum("slept" in s.entry.body.lower() for s in samples)
    work = store.entries.find(EntryQuery(tags=("work",)), limit=None)
    assert len(work) == sum("work" in s.entry.tags for s in samples) > 0
    assert store.entries.count(EntryQuery(tags=("work",))) == len(work)
    page = store.entries.find(EntryQuery(tags=("work",)), limit=10)
    assert store.entries.find(EntryQuery(tags=("work",)), limit=10, after=page[-1]) == work[10:20]
    store.close()


def test_bulk_rows_match_what_add_entry_writes() -> None:
    """write_entries bypasses Store.add_entry for speed; it must write the same thing."""
    samples = sample_entries(entries=120, days=40, end=END, seed=10)
    bulk, one_by_one = Store.in_memory(), Store.in_memory()
    write_entries(bulk, samples, seed=10)
    for s in samples:
        one_by_one.entries.add(s.entry, at=s.at)

    def comparable(store: Store) -> list[tuple]:
        # uuid and updated_utc (the moment of saving) differ by design.
        return [row[:1] + row[2:8] + row[9:] for row in _rows(store)]

    assert comparable(bulk) == comparable(one_by_one)


def test_a_second_sample_in_the_same_journal_gets_new_uuids() -> None:
    store = Store.in_memory()
    generate(store, entries=50, days=20, end=END, seed=1)
    generate(store, entries=50, days=20, end=END, seed=1)
    assert store.entries.count() == 100


def test_end_needs_an_offset() -> None:
    with pytest.raises(ValueError, match="offset"):
        sample_entries(entries=10, days=10, end=datetime(2026, 3, 1), seed=1)


# -- relaxation sessions -------------------------------------------------------------


def _session_rows(store: Store) -> list[tuple]:
    return store.db.execute("select * from sessions order by id").fetchall()


def test_sessions_are_realistic_and_in_range() -> None:
    samples = sample_sessions(sessions=600, days=300, end=END, seed=11)
    assert len(samples) == 600
    first_day = END.date() - timedelta(days=299)
    for s in samples:
        routine = s.routine
        assert routine.name in BUILTIN_ROUTINES
        assert first_day <= s.at.date() <= END.date() and s.ended_at <= END
        assert s.ended_at >= s.at + timedelta(seconds=s.seconds)
        assert 0 < s.seconds <= routine.seconds
        for stress in (s.stress_before, s.stress_after):
            assert stress is None or STRESS_MIN <= stress <= STRESS_MAX
        if s.completed:
            assert s.seconds == routine.seconds and s.groups_done == len(routine.groups)
        else:
            assert s.seconds < routine.seconds and s.groups_done < len(routine.groups)
    for earlier, later in itertools.pairwise(samples):
        assert earlier.ended_at <= later.at  # oldest first, never two at once

    routines = Counter(s.routine.name for s in samples)
    assert routines["short"] + routines["standard"] > len(samples) / 2
    assert routines["full"] and sum(n for name, n in routines.items() if "release" in name)
    stopped = sum(not s.completed for s in samples)
    assert 0 < stopped < len(samples) / 5
    hours = Counter(s.at.hour for s in samples)
    assert sum(hours[h] for h in range(19, 24)) > 0.4 * len(samples)  # mostly evenings
    assert sum(hours[h] for h in range(5, 10)) > len(samples) / 10  # some mornings
    rated = [s for s in samples if s.stress_before is not None]
    assert sum(3 <= s.stress_before <= 8 for s in rated) > 0.8 * len(rated)
    changes = Counter(s.stress_after - s.stress_before for s in rated if s.stress_after is not None)
    assert sum(changes[d] for d in (-1, -2, -3)) > 0.6 * changes.total()
    assert changes[0] and len(rated) < len(samples)  # sometimes no change; sometimes skipped
    assert 0 < sum(bool(s.note) for s in samples) < len(samples) / 5


def test_sessions_are_deterministic_per_seed() -> None:
    stores = [Store.in_memory() for _ in range(3)]
    for store, seed in zip(stores, (12, 12, 13), strict=True):
        generate(store, entries=100, days=60, end=END, seed=seed, sessions=40)
    assert _session_rows(stores[0]) == _session_rows(stores[1])
    assert _session_rows(stores[0]) != _session_rows(stores[2])


def test_sessions_leave_the_entries_as_they_were() -> None:
    with_sessions, without = Store.in_memory(), Store.in_memory()
    generate(with_sessions, entries=200, days=90, end=END, seed=14, sessions=60)
    generate(without, entries=200, days=90, end=END, seed=14, sessions=0)
    assert _rows(with_sessions) == _rows(without)
    assert len(_session_rows(with_sessions)) == 60 and not _session_rows(without)


def test_bulk_session_rows_match_what_the_store_writes(clock) -> None:
    """write_sessions bypasses Store.start_session for speed; it must write the same thing."""
    samples = sample_sessions(sessions=30, days=40, end=END, seed=15)
    bulk, one_by_one = Store.in_memory(), Store.in_memory(clock=clock)
    write_sessions(bulk, samples, seed=15)
    for s in samples:
        clock.now = s.at
        session = one_by_one.sessions.start(s.routine, stress_before=s.stress_before)
        clock.now = s.ended_at
        one_by_one.sessions.record_progress(
            session.id, seconds=s.seconds, groups_done=s.groups_done, completed=s.completed
        )
        one_by_one.sessions.rate(session.id, stress_after=s.stress_after, note=s.note or "")

    def comparable(store: Store) -> list[tuple]:
        return [row[:1] + row[2:] for row in _session_rows(store)]  # uuids differ by design

    assert comparable(bulk) == comparable(one_by_one)
    assert bulk.sessions.recent(limit=None) and len(bulk.sessions.recent(limit=None)) == 30


def test_the_demo_gets_its_sessions_by_default() -> None:
    store = Store.in_memory()
    generate(store, entries=DEMO_ENTRIES, days=DEMO_DAYS, end=END, seed=DEMO_SEED)
    sessions = store.sessions.recent(limit=None)
    assert len(sessions) == DEMO_SESSIONS
    assert [s.started_at for s in sessions] == sorted(
        (s.started_at for s in sessions), reverse=True
    )
    # More practice in the first weeks than in the last.
    first_month = sum(
        s.started_at.date() < END.date() - timedelta(days=DEMO_DAYS - 31) for s in sessions
    )
    last_month = sum(s.started_at.date() > END.date() - timedelta(days=31) for s in sessions)
    assert first_month > last_month


def test_sessions_json_on_a_generated_journal(tmp_path) -> None:
    path = tmp_path / "journal.db"
    with Store.open(path) as store:
        generate(store, entries=50, days=30, end=END, seed=16, sessions=25)
    result = CliRunner().invoke(cli, ["--db", str(path), "sessions", "--json", "-n", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 25 and len({s["uuid"] for s in data}) == 25
    assert all(s["routine"] in BUILTIN_ROUTINES for s in data)
    assert data[0]["started_at"] > data[-1]["started_at"]


def test_impossible_session_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="at most"):
        sample_sessions(sessions=100, days=2, end=END, seed=1)
    with pytest.raises(ValueError, match="0 or more"):
        sample_sessions(sessions=-1, days=2, end=END, seed=1)
    with pytest.raises(ValueError, match="offset"):
        sample_sessions(sessions=1, days=2, end=datetime(2026, 3, 1), seed=1)
