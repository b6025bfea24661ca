"""A command skips the check of every page only while the file is exactly as a
checked command left it; any other change to the file brings the check back."""

from __future__ import annotations

import os

import pytest

from journal.models import EntryInput
from journal.store import Store, StoreError, checked
from journal.store import opening as opening_module
from tests.store.test_damage import flip_one_byte
from tests.store.test_opening import filled_journal


@pytest.fixture
def page_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the checks of every page: each opens a read-only connection of its own."""
    seen: list[str] = []
    connect = opening_module._connect

    def counting(path, readonly, *key):
        if readonly:
            seen.append(str(path))
        return connect(path, readonly, *key)

    monkeypatch.setattr(opening_module, "_connect", counting)
    return seen


def add(db_path, body: str) -> None:
    with Store.open(db_path) as store:
        store.entries.add(EntryInput.make(body=body, mood=3))


def test_a_command_after_a_command_that_wrote_does_not_read_every_page(db_path, page_checks):
    filled_journal(db_path)
    add(db_path, "first")  # checks the file it found, then remembers what it left
    page_checks.clear()
    add(db_path, "second")
    add(db_path, "third")
    assert page_checks == []


def test_a_byte_flipped_the_moment_after_a_command_wrote_is_still_refused(db_path):
    filled_journal(db_path)
    add(db_path, "written and remembered")
    # Within the same clock tick as the command's last write: the file's time
    # alone would not change, but the command stamped it to the nanosecond.
    malformed = flip_one_byte(db_path)
    with pytest.raises(StoreError, match="damaged"):
        add(db_path, "must not land")
    assert db_path.read_bytes() == malformed


def test_the_app_never_vouches_for_its_own_writes(db_path, page_checks):
    filled_journal(db_path)
    add(db_path, "remembered")
    with Store.open(db_path, check_pages=False) as store:  # as the app opens it
        store.entries.add(EntryInput.make(body="from the app", mood=3))
    page_checks.clear()
    add(db_path, "after the app")
    assert page_checks == [str(db_path)]


def test_a_file_checked_the_moment_after_it_changed_is_checked_again(db_path, page_checks):
    filled_journal(db_path)
    add(db_path, "in write-ahead mode, as every journal is once opened")
    checked.forget(db_path)
    page_checks.clear()
    with Store.open(db_path, create=False):  # a reading command, nothing written
        pass
    with Store.open(db_path, create=False):
        pass
    # Changed less than a second before the check: another change within the same
    # clock tick would look like none, so nothing is remembered.
    assert len(page_checks) == 2


def test_a_settled_file_checked_by_a_reading_command_is_remembered(db_path, page_checks):
    filled_journal(db_path)
    add(db_path, "in write-ahead mode, as every journal is once opened")
    checked.forget(db_path)
    page_checks.clear()
    settled = 1_600_000_000 * 10**9
    os.utime(db_path, ns=(settled, settled))
    with Store.open(db_path, create=False):
        pass
    with Store.open(db_path, create=False):
        pass
    assert len(page_checks) == 1
    # Any write afterwards, even one that keeps the size, changes the time.
    db_path.write_bytes(db_path.read_bytes())
    with Store.open(db_path, create=False):
        pass
    assert len(page_checks) == 2


def test_on_a_file_system_with_coarse_times_nothing_is_remembered(
    db_path, page_checks, monkeypatch: pytest.MonkeyPatch
):
    filled_journal(db_path)
    utime = os.utime

    def to_the_second(path, *, ns):
        utime(path, ns=tuple(part // 10**9 * 10**9 for part in ns))

    monkeypatch.setattr(checked.os, "utime", to_the_second)
    add(db_path, "first")
    page_checks.clear()
    add(db_path, "second")
    assert page_checks == [str(db_path)]


def test_an_empty_write_ahead_log_is_no_change(db_path, page_checks):
    # An encrypted journal's own connection makes an empty -wal before the check
    # runs; it is gone at close, and the file is as the check found it.
    filled_journal(db_path)
    add(db_path, "in write-ahead mode")
    without = checked.state_of(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"")
    assert checked.state_of(db_path) == without
    wal.write_bytes(b"x")
    assert checked.state_of(db_path) != without
