"""The sample journal: seeded, the size asked for, realistic, and stored like real entries."""

from __future__ import annotations

import re
import statistics
from datetime import datetime, timedelta, timezone

import pytest

from journal.models import MOOD_MAX, MOOD_MIN, STRESS_MAX, STRESS_MIN, tags_in_body
from journal.sample import SampleEntry, generate, sample_entries, write_entries
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
    assert store.count_entries() == entries
    first_day = END.date() - timedelta(days=days - 1)
    for entry in store.entries(limit=None):
        assert first_day <= entry.created_at.date() <= END.date()
        assert entry.created_at <= END


def test_entries_are_oldest_first_and_ids_follow_time() -> None:
    store = Store.in_memory()
    generate(store, entries=300, days=120, end=END, seed=4)
    newest_first = store.entries(limit=None)
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
    found = store.entries(EntryQuery(text="slept"), limit=None)
    assert found and all("slept" in e.body.lower() for e in found)
    assert len(found) == sum("slept" in s.entry.body.lower() for s in samples)
    work = store.entries(EntryQuery(tags=("work",)), limit=None)
    assert len(work) == sum("work" in s.entry.tags for s in samples) > 0
    assert store.count_entries(EntryQuery(tags=("work",))) == len(work)
    page = store.entries(EntryQuery(tags=("work",)), limit=10)
    assert store.entries(EntryQuery(tags=("work",)), limit=10, after=page[-1]) == work[10:20]
    store.close()


def test_bulk_rows_match_what_add_entry_writes() -> None:
    """write_entries bypasses Store.add_entry for speed; it must write the same thing."""
    samples = sample_entries(entries=120, days=40, end=END, seed=10)
    bulk, one_by_one = Store.in_memory(), Store.in_memory()
    write_entries(bulk, samples, seed=10)
    for s in samples:
        one_by_one.add_entry(s.entry, at=s.at)

    def comparable(store: Store) -> list[tuple]:
        # uuid and updated_utc (the moment of saving) differ by design.
        return [row[:1] + row[2:8] + row[9:] for row in _rows(store)]

    assert comparable(bulk) == comparable(one_by_one)


def test_a_second_sample_in_the_same_journal_gets_new_uuids() -> None:
    store = Store.in_memory()
    generate(store, entries=50, days=20, end=END, seed=1)
    generate(store, entries=50, days=20, end=END, seed=1)
    assert store.count_entries() == 100


def test_end_needs_an_offset() -> None:
    with pytest.raises(ValueError, match="offset"):
        sample_entries(entries=10, days=10, end=datetime(2026, 3, 1), seed=1)
