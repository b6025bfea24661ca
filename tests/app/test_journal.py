"""The journal screen, driven with the keys a person presses."""

from __future__ import annotations

from datetime import timedelta

from journal.models import EntryInput
from journal.screens.editor import EditorScreen
from journal.screens.help import HelpScreen
from journal.screens.journal import FIRST_PAGE, PAGE, JournalScreen
from tests.app.app_helpers import fully_shown, make_app, screen_text, searched
from widgets.confirm import Confirm
from widgets.entry_list import WINDOW, EntryList


def fill(store, clock, count: int) -> list[int]:
    return [
        store.entries.add(
            EntryInput.make(body=f"entry number {n}", mood=1 + n % 5, stress=n % 11),
            at=clock.now - timedelta(hours=n),
        ).id
        for n in range(count)
    ]


async def test_an_empty_journal_greets_and_names_the_keys(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        text = screen_text(pilot.app)
        assert "Welcome to your journal" in text
        assert (
            "n   write your first entry" in text and "?   the keys of the screen you are on" in text
        )


async def test_entries_are_listed_newest_first_with_mood_stress_and_tags(store, clock):
    store.entries.add(EntryInput.make(body="older walk", mood=2), at=clock.now - timedelta(days=1))
    store.entries.add(
        EntryInput.make(body="Slept well\nsecond line", mood=4, stress=3, tags=["sleep"])
    )
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        lines = screen_text(pilot.app).splitlines()
        newest = next(i for i, line in enumerate(lines) if "Slept well" in line)
        older = next(i for i, line in enumerate(lines) if "older walk" in line)
        assert newest < older
        assert "Today 09:30" in lines[newest] and "good" in lines[newest]
        assert " 3 " in lines[newest] and "#sleep" in lines[newest]
        assert "Mon 23 09:30" in lines[older] and "bad" in lines[older]
        assert "November 2026" in screen_text(pilot.app)


async def test_the_selected_entry_is_shown_in_full(store, clock):
    fill(store, clock, 3)
    store.entries.add(EntryInput.make(body="# Title\n\nA **long** story\n\n- one\n- two", mood=5))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        text = screen_text(pilot.app)
        assert "Tuesday 24 November 2026, 09:30" in text
        assert "Today 09:30  great  ·  Title" in text
        assert "great" in text and "A long story" in text and "• one" in text
        await pilot.press("down")
        await pilot.pause()
        assert "entry number 0" in screen_text(pilot.app).split("▏", 1)[-1]


async def test_pages_load_as_the_highlight_moves_and_the_list_keeps_a_window(store, clock):
    ids = fill(store, clock, PAGE * 5 + 30)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        entry_list = pilot.app.screen.query_one(EntryList)
        assert len(entry_list.entries) == FIRST_PAGE
        seen = []
        for _ in range(60):  # down through the journal, a screen at a time
            await pilot.press("pagedown")
            await pilot.pause()
            seen.append(entry_list.selected_entry.id)
            # Never more than a window of rows, however far it goes.
            assert len(entry_list.entries) <= WINDOW
        assert seen == sorted(seen) and seen[-1] == ids[-1]  # in order, to the oldest
        assert entry_list.has_newer and not entry_list.has_more
        for _ in range(60):  # and back up: the pages let go come back
            await pilot.press("pageup")
            await pilot.pause()
            assert len(entry_list.entries) <= WINDOW
        assert entry_list.selected_entry.id == ids[0]
        assert not entry_list.has_newer


async def test_end_and_home_reach_the_oldest_and_newest_entry_at_once(store, clock):
    ids = fill(store, clock, PAGE * 4)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        entry_list = pilot.app.screen.query_one(EntryList)
        await pilot.press("end")
        await pilot.pause()
        assert entry_list.selected_entry.id == ids[-1]
        assert "entry number 399" in screen_text(pilot.app)
        await pilot.press("up")
        assert entry_list.selected_entry.id == ids[-2]
        await pilot.press("home")
        await pilot.pause()
        assert entry_list.selected_entry.id == ids[0]
        assert "entry number 0" in screen_text(pilot.app)
        # In a search too: its own oldest match.
        await pilot.press("slash", *"number", "enter")
        await searched(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert entry_list.selected_entry.id == ids[-1]


async def test_enter_and_e_open_the_selected_entry(store, clock):
    fill(store, clock, 2)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(pilot.app.screen, EditorScreen)
        assert pilot.app.screen.entry.body == "entry number 1"
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, JournalScreen)
        await pilot.press("e")
        assert pilot.app.screen.entry.body == "entry number 1"


async def test_d_deletes_after_a_yes(store, clock):
    ids = fill(store, clock, 3)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "d")
        assert isinstance(pilot.app.screen, Confirm)
        assert "Delete this entry?" in screen_text(pilot.app)
        await pilot.press("n")
        assert store.entries.count() == 3
        await pilot.press("d", "escape")
        assert store.entries.count() == 3
        await pilot.press("d", "y")
        assert [e.id for e in store.entries.find()] == [ids[0], ids[2]]
        assert "entry number 1" not in screen_text(pilot.app)
        # The highlight stays where it was: on the next entry down.
        assert pilot.app.screen.query_one(EntryList).selected_entry.id == ids[2]


async def test_slash_searches_the_text_and_hash_filters_by_tag(store, clock):
    store.entries.add(
        EntryInput.make(body="ran by the river", tags=["exercise"]),
        at=clock.now - timedelta(hours=2),
    )
    store.entries.add(
        EntryInput.make(body="quiet evening by the fire"), at=clock.now - timedelta(hours=1)
    )
    store.entries.add(EntryInput.make(body="river swim #exercise"))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        entry_list = pilot.app.screen.query_one(EntryList)
        await pilot.press("slash", *"river")
        await searched(pilot)
        assert [e.body for e in entry_list.entries] == ["river swim #exercise", "ran by the river"]
        assert "2 found for: river" in screen_text(pilot.app)
        # Letters typed in the search box are not keys: "n" did not open the editor.
        await pilot.press("ctrl+a", "ctrl+k", *"#exercise swim")
        await searched(pilot)
        assert [e.body for e in entry_list.entries] == ["river swim #exercise"]
        await pilot.press("escape")
        await searched(pilot)
        assert len(entry_list.entries) == 3
        assert pilot.app.focused is entry_list


async def test_a_search_with_no_match_says_so_and_keeps_the_keys_working(store, clock):
    fill(store, clock, 2)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"zebra", "enter")
        await searched(pilot)
        assert "0 found for: zebra" in screen_text(pilot.app)
        assert "Welcome" not in screen_text(pilot.app)
        await pilot.press("n")
        assert isinstance(pilot.app.screen, EditorScreen)


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_list_stays_put_under_the_first_key_and_the_detail_follows(store, clock):
    fill(store, clock, 5)
    store.entries.add(EntryInput.make(body="walked by the canal", mood=4))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash")
        await pilot.pause()

        def row_of(text: str) -> int:
            lines = screen_text(pilot.app).splitlines()
            return next(i for i, line in enumerate(lines) if text in line)

        first_row = row_of("walked by the canal")
        await pilot.press("w")
        await searched(pilot)
        assert "1 found for: w" in screen_text(pilot.app)
        # The status line had its row already: the list did not move down.
        assert row_of("walked by the canal") == first_row
        await pilot.press("backspace", *"number 3")
        await searched(pilot)
        # The detail shows the entry selected in the answer, not the one before.
        assert "entry number 3" in screen_text(pilot.app)
        assert "walked by the canal" not in screen_text(pilot.app)


async def test_e_and_d_are_offered_only_while_the_list_has_an_entry(store, clock):
    fill(store, clock, 3)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        assert "Edit" in footer(pilot.app) and "Delete" in footer(pilot.app)
        await pilot.press("slash", *"zebra", "enter")
        await searched(pilot)
        await pilot.pause()
        assert "New" in footer(pilot.app)
        assert "Edit" not in footer(pilot.app) and "Delete" not in footer(pilot.app)
        await pilot.press("escape")
        await searched(pilot)
        await pilot.pause()
        assert "Edit" in footer(pilot.app) and "Delete" in footer(pilot.app)


async def test_the_status_counts_every_match_not_the_rows_loaded(store, clock, monkeypatch):
    fill(store, clock, FIRST_PAGE + 15)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash", *"entry", "enter")
        await searched(pilot)
        assert f"{FIRST_PAGE + 15} found for: entry" in screen_text(pilot.app)
        await pilot.press("end")  # the oldest page, read directly: the count stays
        await pilot.pause()
        assert "entry number 74" in screen_text(pilot.app)
        assert f"{FIRST_PAGE + 15} found for: entry" in screen_text(pilot.app)
        # Past the cap the total is not counted on.
        monkeypatch.setattr("journal.screens.journal.COUNT_CAP", 40)
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"number")
        await searched(pilot)
        assert "more than 40 found for: number" in screen_text(pilot.app)


async def test_question_mark_opens_help_and_escape_closes_it(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.pause()
        assert "new entry" in screen_text(pilot.app)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, JournalScreen)


async def test_the_command_palette_runs_the_screens_actions(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"new entry")
        for _ in range(20):  # the palette searches in the background
            await pilot.pause(0.05)
            if "Write a new entry" in screen_text(pilot.app):
                break
        assert "New entry" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EditorScreen)


async def test_j_goes_to_the_newest_entry(store, clock):
    fill(store, clock, 5)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        entry_list = pilot.app.screen.query_one(EntryList)
        await pilot.press("down", "down", "down", "j")
        assert entry_list.selected_entry.body == "entry number 0"


async def test_q_quits(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        assert pilot.app._exit


async def test_the_chosen_theme_is_remembered(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        pilot.app.theme = "nord"
        await pilot.pause()
    assert store.settings.theme == "nord"
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        assert pilot.app.theme == "nord"


UNSAFE = (
    "[bold]x[/] [/] [link=file:///etc/passwd]y[/link] \x1b]0;title\x07 \x1b[31mred 日本 🙂 مرحبا"
)


async def test_markup_and_escape_codes_are_shown_literally_everywhere(store):
    store.entries.add(EntryInput.make(body=UNSAFE, mood=3))
    async with make_app(store).run_test(size=(240, 30)) as pilot:
        await fully_shown(pilot)
        lines = screen_text(pilot.app).splitlines()
        row = next(line for line in lines if "okay" in line and "[bold]" in line)
        list_part = row.split("▏", 1)[0]
        for text in (list_part, "\n".join(line.split("▏", 1)[-1] for line in lines)):
            assert "\x1b" not in text and "\x07" not in text
            assert "[bold]x[/] [/] [link=file:///etc/passwd]y[/link]" in text
            assert "\\x1b]0;title\\x07 \\x1b[31mred 日本 🙂" in text
            assert "مرحبا" in text
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "\x1b" not in text and "\x07" not in text
        assert "[bold]x[/] [/] [link=file:///etc/passwd]y[/link] ␛]0;title␇ ␛[31mred" in text
        # Saving unchanged text keeps the control characters exactly.
        await pilot.press("ctrl+s")
        assert store.entries.find()[0].body == UNSAFE


async def test_small_terminals_and_resizes_do_not_crash(store, clock):
    fill(store, clock, 30)
    async with make_app(store).run_test(size=(40, 12)) as pilot:
        await fully_shown(pilot)
        assert "Today 09:30  awful  0  entry nu" in screen_text(pilot.app)
        await pilot.press("n", *"tiny screen")
        await pilot.resize_terminal(100, 30)
        await pilot.resize_terminal(40, 12)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.resize_terminal(30, 8)
        await pilot.resize_terminal(80, 24)
        await pilot.press("n")  # stay
        assert isinstance(pilot.app.screen, EditorScreen)
        await pilot.press("escape", "k")  # keep as a draft
        await pilot.press("question_mark")
        await pilot.resize_terminal(40, 12)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, JournalScreen)
        assert store.drafts.get(None).body == "tiny screen"


async def test_line_breaks_are_kept_and_html_is_shown_as_text(store):
    store.entries.add(EntryInput.make(body="Grateful for:\ncoffee\nthe sun\n<b>bold?</b> & more"))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        detail = [line.split("▏", 1)[-1].strip() for line in screen_text(pilot.app).splitlines()]
        for line in ("Grateful for:", "coffee", "the sun", "<b>bold?</b> & more"):
            assert line in detail


async def test_writes_from_another_program_appear_without_a_restart(db_path, clock):
    from journal.store import Store

    with Store.open(db_path, clock=clock) as store, Store.open(db_path, clock=clock) as other:
        store.entries.add(EntryInput.make(body="from the app"))
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            other.entries.add(EntryInput.make(body="from journal add in a shell", mood=5))
            pilot.app.screen.notice_outside_writes()  # what the 2 s timer does
            await pilot.pause()
            assert "from journal add in a shell" in screen_text(pilot.app)


async def test_a_search_waits_for_a_pause_in_typing(file_store, clock, monkeypatch):
    # A pause longer than the test's keys ever take apart, on a busy machine too.
    monkeypatch.setattr("journal.screens.journal.SEARCH_PAUSE", 1.0)
    fill(file_store, clock, 5)
    file_store.entries.add(EntryInput.make(body="relaxation after running", mood=4))
    asked = []
    find = file_store.searcher.find

    def counted(query, **how):
        asked.append(query.text)
        return find(query, **how)

    file_store.searcher.find = counted
    async with make_app(file_store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash", *"relaxa runn")  # typed without a pause
        await searched(pilot)
        # One search, for the words as typed: prefixes of the words as written.
        assert asked == ["relaxa runn"]
        entry_list = pilot.app.screen.query_one(EntryList)
        assert [e.body for e in entry_list.entries] == ["relaxation after running"]
        assert "1 found for: relaxa runn" in screen_text(pilot.app)


async def test_a_tag_half_typed_is_offered_and_filters_by_the_tags_that_start_so(store, clock):
    store.entries.add(EntryInput.make(body="slept well", tags=["sleep"]))
    store.entries.add(EntryInput.make(body="a run", tags=["exercise"]))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash", *"#sle")
        await searched(pilot)
        entry_list = pilot.app.screen.query_one(EntryList)
        assert [e.body for e in entry_list.entries] == ["slept well"]
        assert "#sleep" in screen_text(pilot.app).split("found for")[0]  # offered in the box
        await pilot.press("right")  # taken
        assert pilot.app.screen.query_one("#search").value == "#sleep"
