"""`journal --demo` says on every screen that it is a demo, and that what is written
there is not kept."""

from __future__ import annotations

from journal.app import build_app
from journal.models import EntryInput
from journal.screens.editor import EditorScreen
from journal.screens.relax import RelaxScreen
from journal.screens.session import SessionScreen
from journal.screens.trends import TrendsScreen
from tests.app.app_helpers import fully_shown, notifications, screen_text

MARK = "nothing you write here is kept"


def demo_app(store):
    store.entries.add(EntryInput.make(body="a sample day", mood=4))
    store.settings.set_safety_seen()
    return build_app(store, store.clock, demo=True)


async def test_every_screen_says_it_is_a_demo(store):
    app = demo_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        assert MARK in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, EditorScreen)
        assert MARK in screen_text(app)
        await pilot.press("escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, RelaxScreen) and MARK in screen_text(app)
        await pilot.press("enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and MARK in screen_text(app)
        await app.switch_mode("trends")  # the session goes on meanwhile
        await pilot.pause()
        assert isinstance(app.screen, TrendsScreen) and MARK in screen_text(app)


async def test_a_save_in_the_demo_says_it_is_not_kept(store):
    app = demo_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("n", *"my real thoughts", "ctrl+s")
        said = await notifications(pilot)
        assert "Saved in the demo only: it is gone when you quit" in said
    assert store.entries.count() == 2  # saved in the throwaway journal, as said


async def test_a_narrow_demo_still_says_so(store):
    app = demo_app(store)
    async with app.run_test(size=(40, 12)) as pilot:
        await fully_shown(pilot)
        assert "Demo: nothing is kept" in screen_text(app)


async def test_a_real_journal_says_nothing_of_a_demo(store):
    app = build_app(store, store.clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("n", *"kept", "ctrl+s")
        assert "Demo" not in screen_text(app)
        assert "demo" not in await notifications(pilot)
