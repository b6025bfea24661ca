"""Help is the keys of the screen it was opened from, generated from its bindings."""

from __future__ import annotations

from journal.app import build_app
from journal.screens.editor import EditorScreen
from journal.screens.help import HelpScreen
from tests.app.app_helpers import fully_shown, make_app, screen_text


async def test_help_on_trends_shows_its_range_keys_and_not_the_journals(store):
    app = build_app(store, store.clock, mode="trends")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Keys: Trends" in text
        assert "1-5" in text and "the last 7, 30, 90 or 365 days, or all of it" in text
        assert "new entry" not in text
        assert "go to Journal / Relaxation / Trends" in text


async def test_help_in_the_editor_is_the_editors_and_in_the_text_is_a_letter(store):
    async with make_app(store).run_test(size=(80, 24)) as pilot:
        await fully_shown(pilot)
        await pilot.press("n", *"why?")
        assert isinstance(pilot.app.screen, EditorScreen)
        assert pilot.app.screen.query_one("#body").text == "why?"
        await pilot.press("tab", "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = screen_text(pilot.app)
        assert "Keys: Editor" in text
        assert "stress 10: 1 then 0 typed together" in text
        assert "s / k / d / n" in text and "next / previous field" in text
        assert "/ search" not in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, EditorScreen)
