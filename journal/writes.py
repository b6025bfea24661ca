"""The app's writes to the store, so that the screen never waits on the disk.

A write is tried at once with a wait of a moment (QUICK_WAIT). When another program
holds the journal's write lock longer than that, the write joins a queue that a
thread lands in order, as soon as the lock is free; later writes queue behind it so
that they land in the order they were made. What happened comes back to the UI
thread as callbacks; a StoreError goes to one reporter (the app's notification).

Nothing here imports Textual: the app hands in how to start a thread and how to run
a callback on its own thread.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from journal.store import JournalBusy, Store, StoreError

# How long the UI thread may wait for another program's write lock.
QUICK_WAIT = 0.05
# A queued write gives up after this long, and its writer is told it did not land.
GIVE_UP_AFTER = 120.0

Job = Callable[[float], Any]  # called with how long to wait for the lock
Done = Callable[[Any], None]
Failed = Callable[[StoreError], None]


class Outcome(Enum):
    SAVED = "saved"  # landed at once; `done` has run
    QUEUED = "queued"  # the journal is busy: it lands later, then `done` runs
    FAILED = "failed"  # it cannot land (read-only, damaged, disk full...): `failed` has run


@dataclass
class _Write:
    job: Job
    done: Done | None
    failed: Failed | None
    key: str | None


class Writes:
    """The app's one way to write: `submit(job, ...)`."""

    def __init__(
        self,
        store: Store,
        *,
        start_thread: Callable[[Callable[[], None]], None],
        on_ui: Callable[[Callable[[], None]], None],
        report: Failed,
        waiting: Callable[[bool], None],
    ) -> None:
        self._store = store
        self._start_thread = start_thread
        self._on_ui = on_ui
        self._report = report
        # Told True when writes start waiting for the lock, False when they have landed.
        self._waiting = waiting
        self._queue: deque[_Write] = deque()
        self._lock = threading.Lock()
        self._draining = False

    @property
    def pending(self) -> int:
        """How many writes wait for the journal."""
        with self._lock:
            return len(self._queue)

    def submit(
        self,
        job: Job,
        *,
        done: Done | None = None,
        failed: Failed | None = None,
        key: str | None = None,
    ) -> Outcome:
        """Write now, or queue the write if the journal is busy. `key`: a queued write
        with the same key is replaced by this one (a newer draft, a later progress)."""
        write = _Write(job, done, failed, key)
        if self._store.readonly:
            self._fail(write, self._store.read_only_error())
            return Outcome.FAILED
        with self._lock:
            queued = bool(self._queue)
            if queued:
                self._enqueue(write)
        if queued:
            return Outcome.QUEUED
        try:
            result = job(QUICK_WAIT)
        except JournalBusy:
            with self._lock:
                self._enqueue(write)
            self._waiting(True)
            return Outcome.QUEUED
        except StoreError as error:
            self._fail(write, error)
            return Outcome.FAILED
        if done is not None:
            done(result)
        return Outcome.SAVED

    def _enqueue(self, write: _Write) -> None:
        """Under the lock: add to the queue (replacing a write of the same key that
        has not started) and make sure a thread is draining it."""
        if write.key is not None:
            for index, queued in enumerate(self._queue):
                # The first write may be running already: never replace it.
                if index > 0 and queued.key == write.key:
                    self._queue[index] = write
                    break
            else:
                self._queue.append(write)
        else:
            self._queue.append(write)
        if not self._draining:
            self._draining = True
            self._start_thread(self._drain)

    def _drain(self) -> None:
        """In a thread: land the queued writes in order, waiting for the lock."""
        from journal.store.errors import BUSY_TIMEOUT_SECONDS

        while True:
            with self._lock:
                if not self._queue:
                    self._draining = False
                    break
                write = self._queue[0]
            self._deliver(self._land(write, BUSY_TIMEOUT_SECONDS))
            with self._lock:
                self._queue.popleft()
        self._deliver(lambda: self._waiting(False))

    def _land(self, write: _Write, wait: float) -> Callable[[], None]:
        """Try until the write lands or GIVE_UP_AFTER passes; what to tell the UI."""
        deadline = time.monotonic() + GIVE_UP_AFTER
        while True:
            try:
                result = write.job(wait)
            except JournalBusy as error:
                if time.monotonic() < deadline:
                    continue
                return functools.partial(self._fail, write, error)
            except StoreError as error:
                return functools.partial(self._fail, write, error)
            if write.done is None:
                return lambda: None
            return functools.partial(write.done, result)

    def _deliver(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the app has closed: nobody to tell
            self._on_ui(callback)

    def _fail(self, write: _Write, error: StoreError) -> None:
        (write.failed or self._report)(error)

    def wait_until_done(self, timeout: float) -> bool:
        """Block until every queued write has landed (or failed); False on timeout."""
        deadline = time.monotonic() + timeout
        while self.pending:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True
