"""Stress 10 by typing: `1` then `0` in a stress picker is 10, in the editor and in
the relaxation rating, as on a number pad."""

from __future__ import annotations

from journal.app import build_app
from journal.pmr import BUILTIN_ROUTINES
from journal.screens.session import SessionScreen
from tests.app.app_helpers import make_app, screen_text
from widgets.questions import StressQuestion
from widgets.stress_picker import StressPicker


async def test_one_then_zero_in_the_editor_saves_stress_ten(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"a very hard day", "tab", "tab", "1")
        picker = pilot.app.screen.query_one(StressPicker)
        assert picker.value == 1  # picked at once ...
        assert "then 0 for 10" in screen_text(pilot.app)  # ... and a 0 may still follow
        await pilot.press("0")
        assert picker.value == 10
        assert "then 0 for 10" not in screen_text(pilot.app)
        assert "worst" in screen_text(pilot.app)
        await pilot.press("ctrl+s")
    [entry] = store.entries.find()
    assert entry.stress == 10


async def test_one_alone_stays_one_once_the_moment_passes(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"so-so", "tab", "tab", "1")
        picker = pilot.app.screen.query_one(StressPicker)
        picker.end_pending()  # what the timer does a second after the `1`
        await pilot.pause()
        assert "then 0 for 10" not in screen_text(pilot.app)
        await pilot.press("0")
        assert picker.value == 0  # a later 0 is a 0 of its own
        await pilot.press("1", "right")  # another key ends the wait too
        assert picker.value == 2
        await pilot.press("0")
        assert picker.value == 0
        await pilot.press("1", "1")  # 11 is off the scale: the second 1 is a 1
        assert picker.value == 1
        await pilot.press("ctrl+s")
    assert store.entries.find()[0].stress == 1


async def test_one_then_zero_rates_a_session_ten(store):
    store.settings.set_safety_seen()
    app = build_app(store, store.clock, mode="relax", routine=BUILTIN_ROUTINES["short"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StressQuestion)
        await pilot.press("1")
        assert "then 0 for 10" in screen_text(app)
        await pilot.press("0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    assert store.sessions.recent()[0].stress_before == 10
