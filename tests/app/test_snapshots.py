"""How each screen looks, at two terminal sizes, with a frozen clock and seeded data."""

from __future__ import annotations

import pytest

from journal.models import EntryInput
from journal.sample import DEMO_DAYS, DEMO_ENTRIES, DEMO_SEED, generate
from journal.store import Store
from tests.app.app_helpers import fully_shown, make_app
from tests.conftest import FROZEN, FakeClock

SIZES = [(100, 30), (80, 24)]


def demo_store() -> Store:
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    generate(store, entries=DEMO_ENTRIES, days=DEMO_DAYS, end=FROZEN, seed=DEMO_SEED)
    return store


@pytest.mark.parametrize("size", SIZES)
def test_empty_journal(snap_compare, size):
    assert snap_compare(
        make_app(Store.in_memory(clock=FakeClock())), terminal_size=size, run_before=fully_shown
    )


@pytest.mark.parametrize("size", SIZES)
def test_demo_journal(snap_compare, size):
    assert snap_compare(
        make_app(demo_store()), terminal_size=size, run_before=fully_shown, press=["down", "down"]
    )


@pytest.mark.parametrize("size", SIZES)
def test_editor_with_a_validation_error(snap_compare, size):
    store = Store.in_memory(clock=FakeClock())
    store.entries.add(EntryInput.make(body="Morning run by the river #exercise", mood=4, stress=2))
    keys = ["e", *" then coffee", "tab", "5", "tab", "3", "tab", *"cafe;work", "ctrl+s"]
    assert snap_compare(make_app(store), terminal_size=size, run_before=fully_shown, press=keys)


@pytest.mark.parametrize("size", SIZES)
def test_delete_question(snap_compare, size):
    assert snap_compare(
        make_app(demo_store()), terminal_size=size, run_before=fully_shown, press=["down", "d"]
    )


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size):
    assert snap_compare(
        make_app(Store.in_memory(clock=FakeClock())),
        terminal_size=size,
        run_before=fully_shown,
        press=["question_mark"],
    )
