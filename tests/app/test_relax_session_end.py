"""How a relaxation session ends: the practised time frozen at the end, a session
stopped in its first seconds asking nothing more, the bell's state in the footer,
a flash at each change of phase, and the README's word on `journal pmr`."""

from __future__ import annotations

import asyncio
from pathlib import Path

from journal.app import build_app
from journal.pmr import BUILTIN_ROUTINES
from journal.screens.relax import RelaxScreen
from journal.screens.session import SessionScreen
from journal.screens.summary import SummaryScreen
from tests.app.app_helpers import notifications, screen_lines, screen_text
from widgets.pmr_timer import SessionView
from widgets.questions import StressQuestion

SHORT = BUILTIN_ROUTINES["short"]
README = Path(__file__).parents[2] / "README.md"


def relax_app(store):
    store.settings.set_safety_seen()
    return build_app(store, store.clock, mode="relax", routine=SHORT)


async def start(pilot):
    await pilot.pause()
    await pilot.press("enter", "s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def advance(pilot, clock, seconds: float) -> None:
    clock.advance(seconds=seconds)
    if isinstance(pilot.app.screen, SessionScreen):
        pilot.app.screen.tick()
    await pilot.pause()


async def test_a_skip_at_60_s_records_194_s_however_late_the_end_is_seen(store, clock):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 60)
        await pilot.press("n")
        await advance(pilot, clock, 400)  # the machine slept through the end
        assert isinstance(app.screen, StressQuestion)
        await pilot.press("s", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "3 min 14 s" in screen_text(app)
    [session] = store.sessions.recent()
    assert session.completed and session.seconds == 194
    assert (session.groups_done, session.groups_planned) == (3, 4)


async def test_a_session_stopped_in_its_first_seconds_asks_nothing_more(store, clock):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 4)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, RelaxScreen)  # no rating, note or summary
        assert "Stopped after 4 s" in await notifications(pilot)
        assert "stopped early" in screen_text(app)  # the last session line
    [session] = store.sessions.recent()
    assert not session.completed and session.seconds == 4 and session.note is None


async def test_a_session_stopped_later_still_asks_and_sums_up(store, clock):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 40)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, StressQuestion)


def footer(app) -> str:
    return screen_lines(app)[-1]


async def written(pilot) -> None:
    """Wait for the app's writes (a thread) to land, then for what they show."""
    assert await asyncio.to_thread(pilot.app.writes.wait_until_done, 10)
    await pilot.pause()


async def footer_shown(pilot) -> None:
    for _ in range(100):  # the footer draws a moment after the screen
        if footer(pilot.app).strip():
            return
        await pilot.pause(0.05)


async def test_the_footer_shows_the_bell_and_b_changes_it_also_during_a_session(store, clock):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await footer_shown(pilot)
        assert "Bell: on" in footer(app)
        await pilot.press("b")
        await written(pilot)
        assert store.settings.bell is False
        assert "Bell: off" in footer(app) and "Bell: on" not in footer(app)
        rings = []
        app.bell = lambda: rings.append(1)
        session = await start(pilot)
        await footer_shown(pilot)
        assert "Bell: off" in footer(app)
        await pilot.press("b")
        await written(pilot)
        assert session.bell and store.settings.bell is True
        assert "Bell: on" in footer(app)
        await advance(pilot, clock, 21)  # the first tense
        assert rings == [1]


async def test_each_change_of_phase_flashes(store, clock):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        view = app.screen.query_one(SessionView)
        assert not view.has_class("-flash")  # not at the start
        await advance(pilot, clock, 21)  # settle -> tense
        assert view.has_class("-flash")
        await advance(pilot, clock, 0.5)
        assert view.has_class("-flash")  # for a moment ...
        await advance(pilot, clock, 0.5)
        assert not view.has_class("-flash")  # ... not on every second
        await advance(pilot, clock, 5.5)  # tense -> release
        assert view.has_class("-flash")


def test_the_readme_says_enter_starts_what_journal_pmr_opens():
    [line] = [line for line in README.read_text().splitlines() if "journal pmr --" in line]
    assert "enter starts it" in line
