"""The app shows C1 controls and bidi overrides in entries as visible symbols, in
the list, the detail and the editor, and saves the text back unchanged."""

from __future__ import annotations

from journal.models import EntryInput
from tests.app.app_helpers import make_app, screen_text
from tests.test_text import HOSTILE, raw_unsafe


async def test_c1_and_bidi_controls_are_shown_and_kept_in_the_app(store):
    body = "title " + HOSTILE + "\nmore " + HOSTILE
    store.entries.add(EntryInput.make(body=body, mood=4))
    async with make_app(store).run_test(size=(240, 30)) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
        assert raw_unsafe(text) == []
        assert "title a\\x9b2Jb \\x9d0;pwn\\x07 c\\u202eevil" in text  # list and detail
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert raw_unsafe(text) == []
        assert "a⟨U+009B⟩2Jb ⟨U+009D⟩0;pwn␇ c⟨U+202E⟩evil⟨U+202C⟩" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.entries.find()[0].body == body
