"""Searching the journal: escape keeps the selected entry selected, and what the
search matched is marked in the list and in the entry shown, literally."""

from __future__ import annotations

import re
from datetime import timedelta

from journal.models import EntryInput
from tests.app.app_helpers import fully_shown, make_app, searched
from widgets.entry_list import EntryList


def marked_text(app) -> list[str]:
    """The runs of text on screen drawn in reverse video: what is marked."""
    runs = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            text = segment.text.strip()
            # Borders are drawn in reverse too: a mark has letters.
            if segment.style and segment.style.reverse and re.search(r"\w", text):
                runs.append(text)
    return runs


async def settle(pilot) -> None:
    """The answer on screen: the rows, the detail (after a pause in typing), then
    the detail's marks (a worker once the Markdown view has laid it out)."""
    await searched(pilot)
    await fully_shown(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_escape_from_a_search_keeps_the_selected_entry_selected(store, clock):
    for n in range(300):  # the one found is far down the unfiltered list
        body = "the lighthouse trip" if n == 250 else f"an ordinary day {n}"
        store.entries.add(EntryInput.make(body=body, mood=3), at=clock.now - timedelta(hours=n))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        entry_list = pilot.app.screen.query_one(EntryList)
        await pilot.press("slash", *"lighthouse", "enter")
        await settle(pilot)
        assert entry_list.selected_entry.body == "the lighthouse trip"
        await pilot.press("escape")
        await settle(pilot)
        # Every entry again, the list's window around the one kept selected.
        assert entry_list.selected_entry.body == "the lighthouse trip"
        assert entry_list.has_newer  # the newest are a page away, read when needed
        detail = pilot.app.screen.query_one("#detail-body")
        assert "the lighthouse trip" in detail.source
        await pilot.press("up")
        assert entry_list.selected_entry.body == "an ordinary day 249"
        await pilot.press("down", "down")
        assert entry_list.selected_entry.body == "an ordinary day 251"
        await pilot.press("home")
        await settle(pilot)
        assert entry_list.selected_entry.body == "an ordinary day 0"


async def test_matches_are_marked_in_the_list_and_the_detail(store, clock):
    store.entries.add(
        EntryInput.make(body="Swim in the River\n\nthe river was cold", tags=["sleep"]),
        at=clock.now - timedelta(hours=1),
    )
    store.entries.add(EntryInput.make(body="Quiet evening, no swimming"))
    async with make_app(store).run_test(size=(120, 30)) as pilot:
        await fully_shown(pilot)
        assert marked_text(pilot.app) == []
        await pilot.press("slash", *"river #sleep", "enter")
        await settle(pilot)
        marked = marked_text(pilot.app)
        # In the list row (tag and title) and in the detail (both paragraphs).
        assert marked.count("River") == 2 and marked.count("river") == 1
        assert "#sleep" in marked
        await pilot.press("escape")
        await settle(pilot)
        assert marked_text(pilot.app) == []


async def test_a_search_is_marked_literally_never_as_markup(store):
    store.entries.add(EntryInput.make(body="notes on [b]tags[/b] and a.b.c"))
    async with make_app(store).run_test(size=(120, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash", *"[b]tags", "enter")
        await settle(pilot)
        assert "[b]tags" in marked_text(pilot.app)
        await pilot.press("escape", "slash", *"a.b", "enter")
        await settle(pilot)
        assert "a.b" in marked_text(pilot.app)


async def test_a_word_is_marked_with_or_without_its_diacritics(store):
    store.entries.add(EntryInput.make(body="Café with Zoë by the harbour"))
    store.entries.add(EntryInput.make(body="cafe again, zoe late"))
    async with make_app(store).run_test(size=(120, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash", *"cafe zoë", "enter")
        await settle(pilot)
        marked = marked_text(pilot.app)
        # Both rows, and the newest entry in the detail: as the search finds them.
        assert {"Café", "Zoë", "cafe", "zoe"} <= set(marked)
        assert marked.count("cafe") == 2 and marked.count("zoe") == 2
