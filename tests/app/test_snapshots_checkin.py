"""How the WHO-5 check-in looks: a statement, the result, and Trends with check-ins
(frozen clock, seeded data)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from journal.app import build_app
from journal.sample import DEMO_DAYS, DEMO_ENTRIES, DEMO_SEED, generate
from journal.store import Store
from tests.app.app_helpers import fully_shown
from tests.conftest import FROZEN, FakeClock

SIZES = [(100, 30), (80, 24)]


def journal_with_a_check_in():
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    store.checkins.add((4, 4, 3, 4, 3), at=FROZEN - timedelta(days=15))  # 72
    return build_app(store, clock)


@pytest.mark.parametrize("size", SIZES)
def test_a_statement(snap_compare, size):
    async def run_before(pilot) -> None:
        await fully_shown(pilot)
        await pilot.press("w", "3", "down", "down")  # statement 2, "4" highlighted
        await pilot.pause()

    assert snap_compare(journal_with_a_check_in(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_the_result(snap_compare, size):
    async def run_before(pilot) -> None:
        await fully_shown(pilot)
        await pilot.press("w", "2", "3", "2", "1", "3")  # 44, -28 since 72
        await pilot.pause()

    assert snap_compare(journal_with_a_check_in(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_trends_with_check_ins(snap_compare, size):
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    generate(store, entries=DEMO_ENTRIES, days=DEMO_DAYS, end=FROZEN, seed=DEMO_SEED)

    async def run_before(pilot) -> None:
        for _ in range(2):  # the charts, then the check-ins' own worker
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("3")  # 90 days: several check-ins
        for _ in range(2):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        pilot.app.screen.query_one("#wellbeing").scroll_visible(animate=False, top=True)
        await pilot.pause()

    app = build_app(store, clock, mode="trends")
    assert snap_compare(app, terminal_size=size, run_before=run_before)
