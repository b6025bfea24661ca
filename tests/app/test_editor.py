"""The entry editor: fields and their keys, saving, leaving, drafts."""

from __future__ import annotations

from journal.models import EntryInput
from journal.screens.editor import DRAFT_INTERVAL, EditorScreen
from journal.screens.journal import JournalScreen
from tests.app.app_helpers import make_app, notifications, screen_text
from widgets.confirm import Confirm
from widgets.entry_list import EntryList
from widgets.mood_picker import MoodPicker
from widgets.stress_picker import StressPicker


async def test_n_opens_the_editor_with_the_cursor_in_the_body(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert isinstance(pilot.app.screen, EditorScreen)
        assert pilot.app.focused.id == "body"
        assert "New entry" in screen_text(pilot.app)


async def test_a_whole_entry_typed_in_one_go_is_saved(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press(
            "n",
            *"Slept well, calm morning #sleep",
            "tab",
            "4",
            "tab",
            "2",
            "tab",
            *"Walk, family",
            "ctrl+s",
        )
        assert isinstance(pilot.app.screen, JournalScreen)
        [entry] = store.entries.find()
        assert (entry.body, entry.mood, entry.stress) == ("Slept well, calm morning #sleep", 4, 2)
        assert entry.tags == ["family", "sleep", "walk"]  # stored sorted
        assert pilot.app.screen.query_one(EntryList).selected_entry.id == entry.id
        assert "Slept well, calm morning" in screen_text(pilot.app)


async def test_tab_and_shift_tab_move_between_the_fields(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        order = []
        for _ in range(4):
            order.append(pilot.app.focused.id)
            await pilot.press("tab")
        assert order == ["body", "mood", "stress", "tags"]
        await pilot.press("shift+tab", "shift+tab")
        assert pilot.app.focused.id == "stress"


async def test_mood_keys(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "tab")
        mood = pilot.app.screen.query_one(MoodPicker)
        assert mood.value is None
        await pilot.press("right")
        assert mood.value == 3  # left/right start in the middle
        for key, expected in [("5", 5), ("right", 5), ("left", 4), ("1", 1), ("left", 1)]:
            await pilot.press(key)
            assert mood.value == expected, key
        for refused in ("6", "0", "9"):
            await pilot.press(refused)
            assert mood.value == 1
        assert "Mood is 1 (awful) to 5 (great)" in await notifications(pilot)
        await pilot.press("2")
        assert "2 bad" in screen_text(pilot.app)
        await pilot.press("backspace")
        assert mood.value is None


async def test_stress_keys(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "tab", "tab")
        stress = pilot.app.screen.query_one(StressPicker)
        for key, expected in [
            ("0", 0),
            ("left", 0),
            ("9", 9),
            ("right", 10),
            ("right", 10),
            ("left", 9),
            ("3", 3),
        ]:
            await pilot.press(key)
            assert stress.value == expected, key
        assert "low" in screen_text(pilot.app)
        await pilot.press("delete")
        assert stress.value is None


async def test_saving_nothing_says_so_at_the_form_and_saves_nothing(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "space", "ctrl+s")
        assert isinstance(pilot.app.screen, EditorScreen)
        assert "nothing to save" in screen_text(pilot.app)
        assert store.entries.count() == 0


async def test_a_bad_tag_is_shown_at_the_tags_field_and_nothing_is_saved(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"fine day", "tab", "tab", "tab", *"ok;no", "ctrl+s")
        assert isinstance(pilot.app.screen, EditorScreen)
        assert "tag 'ok;no' is not a word" in screen_text(pilot.app)
        assert pilot.app.focused.id == "tags" and pilot.app.focused.has_class("-invalid")
        assert store.entries.count() == 0
        await pilot.press("backspace", "backspace", "backspace", "ctrl+s")
        assert store.entries.find()[0].tags == ["ok"]


async def test_escape_without_changes_goes_straight_back(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "escape")
        assert isinstance(pilot.app.screen, JournalScreen)


async def test_escape_with_changes_asks_first(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"half a thought", "escape")
        assert isinstance(pilot.app.screen, Confirm)
        assert "Leave without saving?" in screen_text(pilot.app)
        await pilot.press("n")  # stay
        assert isinstance(pilot.app.screen, EditorScreen)
        assert pilot.app.screen.query_one("#body").text == "half a thought"
        await pilot.press("escape", "d")  # discard
        assert isinstance(pilot.app.screen, JournalScreen)
        assert store.entries.count() == 0 and store.drafts.get(None) is None


async def test_keep_as_draft_then_n_brings_it_back(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"to be continued", "tab", "2", "escape", "k")
        assert isinstance(pilot.app.screen, JournalScreen)
        assert store.entries.count() == 0
        await pilot.press("n")
        assert pilot.app.screen.query_one("#body").text == "to be continued"
        assert pilot.app.screen.query_one(MoodPicker).value == 2
        assert "Restored your unsaved draft" in await notifications(pilot)
        await pilot.press(*" tomorrow", "ctrl+s")
        assert store.entries.find()[0].body == "to be continued tomorrow"
        assert store.drafts.get(None) is None  # a saved draft is gone


async def test_the_draft_is_written_while_typing_and_offered_at_the_next_start(store):
    assert DRAFT_INTERVAL <= 2
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"words before a crash", "tab", "5")
        pilot.app.screen.flush_draft()  # what the 1 s timer does
        draft = store.drafts.get(None)
        assert (draft.body, draft.mood) == ("words before a crash", 5)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        assert "An unsaved draft is waiting: press n" in await notifications(pilot)
        await pilot.press("n")
        assert pilot.app.screen.query_one("#body").text == "words before a crash"


async def test_quitting_with_the_editor_open_keeps_the_draft(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"typed then ctrl+q", "ctrl+q")
    assert store.drafts.get(None).body == "typed then ctrl+q"


async def test_editing_an_entry_changes_it_and_keeps_body_tags_apart(store):
    entry = store.entries.add(EntryInput.make(body="ran #outdoors", mood=3, stress=4, tags=["run"]))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        editor = pilot.app.screen
        assert "Entry of Tue 24 Nov 2026, 09:30" in screen_text(pilot.app)
        assert editor.query_one("#tags").value == "run"  # #outdoors lives in the text
        await pilot.press(*" far", "tab", "5", "tab", "0", "ctrl+s")
        saved = store.entries.get(entry.id)
        assert (saved.body, saved.mood, saved.stress) == ("ran #outdoors far", 5, 0)
        assert saved.tags == ["outdoors", "run"] and saved.created_at == entry.created_at
        assert store.entries.count() == 1


async def test_an_edit_kept_as_draft_comes_back_on_that_entry(store):
    first = store.entries.add(EntryInput.make(body="first"))
    store.entries.add(EntryInput.make(body="second"))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "e", *" edited", "escape", "k")
        assert store.entries.get(first.id).body == "first"
        assert store.drafts.get(first.id).body == "first edited"
        assert store.drafts.get(None) is None
        await pilot.press("e")
        assert pilot.app.screen.query_one("#body").text == "first edited"


async def test_an_entry_deleted_elsewhere_while_open_keeps_the_text_as_a_new_entry(store):
    entry = store.entries.add(EntryInput.make(body="original", mood=3))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("e", *" and more")
        store.entries.delete(entry.id)  # another window, or `journal delete`
        await pilot.press(*" again")
        pilot.app.screen.flush_draft()
        assert store.drafts.get(None).body == "original and more again"
        assert "deleted elsewhere" in await notifications(pilot)
        await pilot.press("ctrl+s")
        [saved] = store.entries.find()
        assert saved.body == "original and more again" and saved.id != entry.id


async def test_a_drafts_tags_with_escape_codes_are_shown_as_symbols(store):
    store.drafts.save(None, body="words", mood=None, stress=None, tags="a\x1b[31mb \u202eevil")
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        text = screen_text(pilot.app)
        assert "\x1b" not in text and "\u202e" not in text
        assert pilot.app.screen.current_state()[3] == "a\x1b[31mb \u202eevil"
