"""The search box's connection: a newer search interrupts the one running."""

from __future__ import annotations

from journal.models import EntryInput
from journal.store import EntryQuery, Store


def test_a_newer_search_interrupts_the_running_one(file_store: Store):
    for n in range(50):
        file_store.entries.add(EntryInput.make(body=f"walk number {n}", mood=3))
    searcher = file_store.searcher
    query = EntryQuery.from_search("walk")
    assert [e.body for e in searcher.find(query, limit=2)] == ["walk number 49", "walk number 48"]
    # A newer search arrives while SQLite works on this one (the progress handler
    # runs inside the query): the running one stops and says so with None.
    conn = searcher._conn
    conn.set_progress_handler(lambda: searcher.interrupt(), 10)
    assert searcher.find(query, limit=2) is None
    conn.set_progress_handler(None, 0)
    # The connection goes on answering the next one.
    assert len(searcher.find(query, limit=100)) == 50
    # A search that waited behind one interrupted is not run at all.
    assert searcher.find(EntryQuery.from_search("number 7"), limit=5)[0].body == "walk number 7"


def test_the_search_connection_sees_new_writes_and_closes_with_the_store(file_store: Store):
    searcher = file_store.searcher
    assert searcher.find(EntryQuery.from_search("heron"), limit=5) == []
    file_store.entries.add(EntryInput.make(body="a heron by the river"))
    assert [e.body for e in searcher.find(EntryQuery.from_search("her"), limit=5)] == [
        "a heron by the river"
    ]
    file_store.close()
    assert searcher._conn is None


def test_the_search_connection_counts_as_the_store_does_and_a_newer_search_stops_it(
    file_store: Store,
):
    for n in range(30):
        tags = ["outdoors"] if n % 3 == 0 else []
        file_store.entries.add(EntryInput.make(body=f"walk number {n}", tags=tags))
    searcher = file_store.searcher
    for text in ("walk", "walk #outdoors", "number 1", "#outdoors", "heron", "!!"):
        query = EntryQuery.from_search(text)
        assert searcher.count(query, cap=100) == file_store.entries.count(query, cap=100)
    assert searcher.count(EntryQuery.from_search("walk"), cap=100) == 30
    assert searcher.count(EntryQuery.from_search("walk"), cap=12) == 12
    conn = searcher._conn
    conn.set_progress_handler(lambda: searcher.interrupt(), 10)
    assert searcher.count(EntryQuery.from_search("walk"), cap=100) is None
    conn.set_progress_handler(None, 0)
    assert searcher.count(EntryQuery.from_search("walk #outdoors"), cap=100) == 10
