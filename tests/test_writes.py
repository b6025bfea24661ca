"""journal.writes: the app's writes land at once, or in order once the journal is free."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator

import pytest

from journal.models import EntryInput
from journal.store import JournalBusy, Store, StoreError
from journal.writes import Outcome, Writes


class Harness:
    """Writes as the app wires them, with a real thread and a queue for the UI."""

    def __init__(self, store: Store) -> None:
        self.ui: list[Callable[[], None]] = []
        self.errors: list[StoreError] = []
        self.waiting: list[bool] = []
        self.threads: list[threading.Thread] = []
        self.writes = Writes(
            store,
            start_thread=self._start,
            on_ui=self.ui.append,
            report=self.errors.append,
            waiting=self.waiting.append,
        )

    def _start(self, drain: Callable[[], None]) -> None:
        thread = threading.Thread(target=drain)
        self.threads.append(thread)
        thread.start()

    def settle(self) -> None:
        """Let the queue drain, then run what it handed to the UI thread."""
        assert self.writes.wait_until_done(30)
        for thread in self.threads:
            thread.join(30)
        while self.ui:
            self.ui.pop(0)()


@pytest.fixture
def held(db_path) -> Iterator[sqlite3.Connection]:
    """Another program holding the journal's write lock."""
    Store.open(db_path).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def add(store: Store, body: str) -> Callable[[float], object]:
    return lambda wait: store.entries.add(EntryInput.make(body=body), wait=wait)


def test_a_write_to_a_free_journal_lands_at_once(file_store):
    harness = Harness(file_store)
    saved = []
    assert harness.writes.submit(add(file_store, "now"), done=saved.append) is Outcome.SAVED
    assert [e.body for e in saved] == ["now"]
    assert [e.body for e in file_store.entries.find()] == ["now"]
    assert harness.threads == [] and harness.waiting == []


def test_writes_wait_for_a_busy_journal_and_land_in_order(db_path, held):
    with Store.open(db_path) as store:
        harness = Harness(store)
        saved = []
        for body in ("first", "second", "third"):
            outcome = harness.writes.submit(add(store, body), done=saved.append)
            assert outcome is Outcome.QUEUED
        assert harness.waiting == [True]
        assert store.entries.count() == 0 and harness.writes.pending == 3
        held.execute("ROLLBACK")  # the other program is done
        harness.settle()
        assert [e.body for e in store.entries.find()] == ["third", "second", "first"]
        assert [e.body for e in saved] == ["first", "second", "third"]
        assert harness.waiting == [True, False] and harness.errors == []


def test_a_newer_write_of_the_same_key_replaces_one_still_waiting(db_path, held):
    with Store.open(db_path) as store:
        harness = Harness(store)

        def draft(body: str) -> Callable[[float], None]:
            return lambda wait: store.drafts.save(
                None, body=body, mood=None, stress=None, tags="", wait=wait
            )

        harness.writes.submit(add(store, "an entry"))  # first in the queue: never replaced
        for body in ("d", "dr", "dra", "draft"):
            harness.writes.submit(draft(body), key="draft")
        assert harness.writes.pending == 2
        held.execute("ROLLBACK")
        harness.settle()
        assert store.drafts.get(None).body == "draft"
        assert [e.body for e in store.entries.find()] == ["an entry"]


def test_a_read_only_journal_refuses_every_write_with_its_reason(db_path):
    Store.open(db_path).close()
    db_path.chmod(0o400)
    with Store.open(db_path) as store:
        harness = Harness(store)
        failed: list[StoreError] = []
        outcome = harness.writes.submit(add(store, "no"), failed=failed.append)
        assert outcome is Outcome.FAILED
        assert "read-only" in str(failed[0]) and "chmod u+w" in str(failed[0])
        # Without a handler of its own, a failure goes to the one reporter.
        harness.writes.submit(add(store, "no"))
        assert "read-only" in str(harness.errors[0])


def test_a_write_that_cannot_land_is_reported_and_the_queue_goes_on(db_path, held):
    with Store.open(db_path) as store:
        harness = Harness(store)

        def broken(wait: float) -> None:
            raise StoreError("cannot write journal.db: disk is full")

        harness.writes.submit(add(store, "before"))
        harness.writes.submit(broken)
        harness.writes.submit(add(store, "after"))
        held.execute("ROLLBACK")
        harness.settle()
        assert [str(e) for e in harness.errors] == ["cannot write journal.db: disk is full"]
        assert [e.body for e in store.entries.find()] == ["after", "before"]


def test_a_write_busy_for_too_long_is_given_up_and_said(db_path, held, monkeypatch):
    import journal.writes

    monkeypatch.setattr(journal.writes, "GIVE_UP_AFTER", 0.3)
    monkeypatch.setattr(journal.store.errors, "BUSY_TIMEOUT_SECONDS", 0.1)
    with Store.open(db_path) as store:
        harness = Harness(store)
        failed: list[StoreError] = []
        harness.writes.submit(add(store, "never"), failed=failed.append)
        harness.settle()
        assert isinstance(failed[0], JournalBusy) and "busy" in str(failed[0])
        assert store.entries.count() == 0
