"""How Trends looks on the demo data (frozen date) and on an empty journal."""

from __future__ import annotations

import pytest

from journal.app import build_app
from journal.sample import DEMO_DAYS, DEMO_ENTRIES, DEMO_SEED, generate
from journal.store import Store
from tests.conftest import FROZEN, FakeClock

SIZES = [(100, 30), (80, 24)]


async def charts_drawn(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def trends_app(demo: bool):
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    if demo:
        generate(store, entries=DEMO_ENTRIES, days=DEMO_DAYS, end=FROZEN, seed=DEMO_SEED)
    return build_app(store, clock, mode="trends")


@pytest.mark.parametrize("size", SIZES)
def test_trends_on_the_demo(snap_compare, size):
    assert snap_compare(trends_app(True), terminal_size=size, run_before=charts_drawn)


@pytest.mark.parametrize("size", SIZES)
def test_trends_over_all_time(snap_compare, size):
    async def run_before(pilot) -> None:
        await charts_drawn(pilot)
        await pilot.press("5")
        await charts_drawn(pilot)

    assert snap_compare(trends_app(True), terminal_size=size, run_before=run_before)


def test_trends_on_an_empty_journal(snap_compare):
    assert snap_compare(trends_app(False), terminal_size=(80, 24), run_before=charts_drawn)
