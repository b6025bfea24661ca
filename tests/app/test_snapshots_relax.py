"""How the Relaxation screen looks: the routines, a session in its tense and release
phases, and the summary, on a frozen clock."""

from __future__ import annotations

import pytest

from journal.app import build_app
from journal.pmr import BUILTIN_ROUTINES, make_user_routine
from journal.screens.session import SessionScreen
from journal.store import Store
from tests.conftest import FakeClock
from widgets.pmr_timer import SessionView
from widgets.questions import StressQuestion

SIZES = [(100, 30), (80, 24)]
STANDARD = BUILTIN_ROUTINES["standard"]


def relax_app():
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    store.settings.set_safety_seen()
    store.routines.save(make_user_routine("evening", base="standard", kept=[0, 1, 4], cycles=2))
    session = store.sessions.start(STANDARD, stress_before=6)
    clock.advance(seconds=STANDARD.seconds)
    store.sessions.record_progress(
        session.id, seconds=STANDARD.seconds, groups_done=7, completed=True
    )
    store.sessions.rate(session.id, stress_after=3)
    clock.advance(days=1)
    return build_app(store, clock, mode="relax"), clock


def run_to(seconds: float, *, flashing: bool = False):
    """Start the selected routine (stress 6) and let `seconds` pass; `flashing`: as
    the phase has just changed (the view lit up for a moment), else a moment later."""

    async def run_before(pilot) -> None:
        await pilot.press("enter", "6", "enter")
        await pilot.pause()
        pilot.app.clock.advance(seconds=seconds)
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        screen.tick()
        if not flashing:
            screen.query_one(SessionView).flash(False)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_routine_list(snap_compare, size):
    app, _ = relax_app()
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_session_tense(snap_compare, size):
    app, _ = relax_app()
    # Standard: settle 20 s, then the right arm's tense (7 s): 3.4 s into it.
    assert snap_compare(app, terminal_size=size, run_before=run_to(23.4, flashing=True))


@pytest.mark.parametrize("size", SIZES)
def test_session_release(snap_compare, size):
    app, _ = relax_app()
    # 20 + 7 + 37 (first group) + 7: the left arm's release, 10 s in.
    assert snap_compare(app, terminal_size=size, run_before=run_to(20 + 37 + 7 + 10))


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, size):
    app, _ = relax_app()

    async def run_before(pilot) -> None:
        await run_to(STANDARD.seconds)(pilot)
        for _ in range(100):  # the question after the session comes up a moment later
            if isinstance(pilot.app.screen, StressQuestion):
                break
            await pilot.pause(0.05)
        await pilot.press("3", "enter", *"shoulders finally dropped", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
