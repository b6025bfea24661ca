"""Helpers for driving the app in tests: build it, read its screen."""

from __future__ import annotations

from textual.pilot import Pilot

from journal.app import JournalApp, build_app
from journal.models import EntryInput
from journal.store import Store


def screen_lines(app: JournalApp) -> list[str]:
    """The screen as a person sees it: one string per terminal row."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app: JournalApp) -> str:
    return "\n".join(screen_lines(app))


def add(store: Store, body: str = "", **fields) -> int:
    return store.entries.add(EntryInput.make(body=body, **fields), at=fields.pop("at", None)).id


def make_app(store: Store) -> JournalApp:
    return build_app(store, store.clock)


async def notifications(pilot: Pilot) -> str:
    """The text of every notification the app has raised and not yet cleared.

    A notification is stored when its message is handled: the messages already
    posted are handled first.
    """
    await pilot.pause()
    return "\n".join(f"{n.title} {n.message}" for n in pilot.app._notifications)


async def fully_shown(pilot: Pilot) -> None:
    """Wait until the journal screen has mounted what follows its first paint (the
    keys and the Markdown view of the selected entry), then for its messages."""
    for _ in range(200):
        # The Markdown view lays an entry out as blocks, its children, a moment
        # after it is mounted: a loaded machine may take a while for both.
        bodies = pilot.app.screen.query("#detail-body")
        lists = pilot.app.screen.query("EntryList")
        selected = lists.first().selected_entry if lists else None
        if bodies and (bodies.first().children or selected is None or not selected.body.strip()):
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def searched(pilot: Pilot) -> None:
    """Wait until the journal's list shows the answer for what is in the search box
    (a search starts after a pause in typing, in a worker)."""
    for _ in range(200):
        if pilot.app.screen.search_settled:
            break
        await pilot.pause(0.02)
    # Superseded workers (an older search, the marks of an entry left) end
    # cancelled: wait until none is left running.
    for _ in range(200):
        if all(worker.is_finished for worker in pilot.app.workers):
            break
        await pilot.pause(0.02)
    await pilot.pause()
