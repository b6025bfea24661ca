"""The Relaxation screen, driven as a person would, on a fake clock."""

from __future__ import annotations

import pytest

from journal.app import build_app
from journal.pmr import BUILTIN_ROUTINES, Phase
from journal.screens.relax import RelaxScreen
from journal.screens.routine_form import RoutineForm
from journal.screens.session import SessionScreen
from journal.screens.summary import SummaryScreen
from tests.app.app_helpers import screen_text
from widgets.questions import NoteQuestion, Notice, StressQuestion

SHORT = BUILTIN_ROUTINES["short"]


def relax_app(store, routine=None, *, safety_seen=True):
    if safety_seen:
        store.settings.set_safety_seen()
    return build_app(store, store.clock, mode="relax", routine=routine)


async def start(pilot, stress: str | None = "7"):
    """From the routine list: enter, answer the stress question (or skip it)."""
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StressQuestion)
    if stress is None:
        await pilot.press("s")
    else:
        await pilot.press(*stress, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def advance(pilot, clock, seconds: float):
    """Let `seconds` pass on the fake clock and let the screen look at it."""
    clock.advance(seconds=seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.tick()
    await pilot.pause()


def phase_on_screen(app) -> Phase | None:
    moment = app.screen.timer.at(app.screen.now())
    return moment.step.phase if moment.step else None


async def test_a_whole_four_group_session_is_stored_with_both_ratings(store, clock):
    app = relax_app(store, SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "short" in screen_text(app)
        session_screen = await start(pilot, "7")
        started = store.sessions.recent()[0]
        assert (started.routine, started.completed, started.stress_before) == ("short", False, 7)

        seen = []
        for step in SHORT.schedule().steps:
            seen.append((phase_on_screen(app), app.screen.timer.at(session_screen.now()).step))
            text = screen_text(app)
            assert step.title in text
            assert step.phase.value.upper() not in text  # big letters, not the plain word
            await advance(pilot, clock, step.seconds)
        assert [s for _, s in seen] == list(SHORT.schedule().steps)

        assert isinstance(app.screen, StressQuestion)
        await pilot.press("right", "right", "enter")  # the middle (5), then one up
        await pilot.pause()
        assert isinstance(app.screen, NoteQuestion)
        await pilot.press(*"warm hands", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Session complete" in text and "4 of 4" in text and "7 → 6  1 lower" in text
        assert "This week  1 session, 3 min 48 s" in text

    session = store.sessions.recent()[0]
    assert session.completed is True
    assert session.seconds == SHORT.seconds
    assert (session.groups_done, session.groups_planned) == (4, 4)
    assert (session.stress_before, session.stress_after, session.note) == (7, 6, "warm hands")
    assert session.ended_at == clock.now


async def test_stopping_half_way_keeps_the_session_as_not_completed(store, clock):
    app = relax_app(store, SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, None)
        schedule = SHORT.schedule()
        half = schedule.group_start(2)  # groups 0 and 1 done
        await advance(pilot, clock, half + 3)
        assert store.sessions.recent()[0].groups_done == 2  # written at the group boundary
        await pilot.press("escape")
        await pilot.pause()
        assert "Stop the session?" in screen_text(app)
        await advance(pilot, clock, 100)  # the question is not practice
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, StressQuestion)
        await pilot.press("3", "enter")
        await pilot.pause()
        await pilot.press("enter")  # no note
        await pilot.pause()
        assert "stopped early" in screen_text(app)
    session = store.sessions.recent()[0]
    assert session.completed is False
    assert session.seconds == half + 3
    assert (session.groups_done, session.groups_planned) == (2, 4)
    assert (session.stress_before, session.stress_after, session.note) == (None, 3, None)


async def test_answering_no_to_stop_goes_on_where_it_was(store, clock):
    app = relax_app(store, SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, 10)
        await pilot.press("escape")
        await advance(pilot, clock, 30)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.timer.at(screen.now()).practised == 10


async def test_space_pauses_and_resumes_exactly(store, clock):
    app = relax_app(store, SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, 5)
        await pilot.press("space")
        await advance(pilot, clock, 37.5)
        assert "Paused" in screen_text(app)
        assert screen.timer.at(screen.now()).practised == 5
        await pilot.press("space")
        await advance(pilot, clock, 15)
        moment = screen.timer.at(screen.now())
        assert moment.practised == 20
        assert (moment.step.phase, moment.step.group) == (Phase.TENSE, 0)


async def test_n_skips_to_the_next_group_which_does_not_count_as_done(store, clock):
    app = relax_app(store, SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, SHORT.settle + 1)  # group 0, tense
        await pilot.press("n")
        await pilot.pause()
        moment = screen.timer.at(screen.now())
        assert (moment.step.phase, moment.step.group, moment.left_in_step) == (
            Phase.TENSE,
            1,
            SHORT.tense,
        )
        assert SHORT.sided_groups[1].name in screen_text(app)


async def test_the_bell_marks_each_tense_and_release_unless_turned_off(store, clock):
    app = relax_app(store, SHORT)
    rings = []
    app.bell = lambda: rings.append(1)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        for step in SHORT.schedule().steps:
            await advance(pilot, clock, step.seconds)
    assert len(rings) == 8  # 4 groups x (tense + release)

    store.settings.set_bell(False)
    app = relax_app(store, SHORT)
    rings.clear()
    app.bell = lambda: rings.append(1)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await advance(pilot, clock, SHORT.settle + 1)
    assert rings == []


async def test_b_turns_the_bell_off_and_on(store):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        assert store.settings.bell is False
        assert "bell is off" in screen_text(app)
        await pilot.press("b")
        assert store.settings.bell is True


async def test_the_safety_text_comes_before_the_first_session_only(store, clock):
    app = relax_app(store, SHORT, safety_seen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Notice)
        assert "never to the point of pain" in screen_text(app)
        await pilot.press("escape")  # not now: nothing starts, and it will be asked again
        await pilot.pause()
        assert isinstance(app.screen, RelaxScreen) and store.sessions.recent() == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Notice)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StressQuestion)
        await pilot.press("escape")  # back from the question: no session either
        await pilot.pause()
        assert store.sessions.recent() == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StressQuestion)  # the safety text was seen


async def test_the_safety_text_is_in_help(store):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        app.screen.query_one("VerticalScroll").scroll_end(animate=False)
        await pilot.pause()
        assert "crisis line" in screen_text(app)


async def test_the_routine_list_shows_each_routine_with_its_length(store):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for routine in BUILTIN_ROUTINES.values():
            assert routine.name in text
        assert "11 min 12 s" in text  # full: 20 + 16 x 37 + 60
        await pilot.press("j")
        await pilot.pause()
        assert type(app.screen).__name__ == "JournalScreen"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, RelaxScreen)


async def test_pmr_options_open_the_screen_with_that_routine_chosen(store, clock):
    routine = SHORT.with_timings(settle=2, tense=2, release=3, rest=2)
    app = relax_app(store, routine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.selected == routine
        assert "24 s" in screen_text(app) and "your timings" in screen_text(app)
        await start(pilot)
        await advance(pilot, clock, 24)
    session = store.sessions.recent()[0]
    assert session.completed and session.seconds == 24


async def test_a_person_makes_and_uses_their_own_routine(store, clock):
    app = relax_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one("#routines").highlighted = 2  # short
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, RoutineForm)
        await pilot.press(*"evening")
        form = app.screen
        form.query_one("#tense").value = "5"
        form.query_one("#cycles").value = "2"
        form.query_one("#groups").deselect(1)  # no face and neck
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RelaxScreen)
        assert app.screen.selected.name == "evening"
        assert "evening" in screen_text(app)

    routine = store.routines.get("evening")
    assert routine is not None and not routine.builtin
    assert (routine.tense, routine.cycles, routine.base) == (5, 2, "short")
    assert [g.name for g in routine.sided_groups] == [SHORT.sided_groups[i].name for i in (0, 2, 3)]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tense", "99", "tense must be a whole number from 1 to 60 s"),
        ("release", "0", "from 1 to 300"),
        ("cycles", "", "cycles needs a number from 1 to 5"),
    ],
)
async def test_the_routine_form_refuses_bad_values_and_saves_nothing(store, field, value, message):
    app = relax_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"mine")
        app.screen.query_one(f"#{field}").value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RoutineForm)
        assert message.lower() in screen_text(app).lower()
        assert app.focused is app.screen.query_one(f"#{field}")
    assert store.routines.get("mine") is None


async def test_own_routines_can_be_deleted_but_built_in_ones_cannot(store):
    from journal.pmr import make_user_routine

    store.routines.save(make_user_routine("mine", base="short", kept=[0, 1]))
    app = relax_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")  # on "standard": nothing happens
        await pilot.pause()
        assert isinstance(app.screen, RelaxScreen)
        await pilot.press("end")
        assert app.screen.selected.name == "mine"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert store.routines.get("mine") is None


async def test_quitting_during_a_session_keeps_it_as_stopped(store, clock):
    app = relax_app(store, SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 30)
        await pilot.press("ctrl+q")
    session = store.sessions.recent()[0]
    assert session.completed is False and session.seconds == 30


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_small_terminals_do_not_break_a_session(store, clock, size):
    app = relax_app(store, BUILTIN_ROUTINES["full"])
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await advance(pilot, clock, 25)
        assert "hand" in screen_text(app)
        await app.run_action("app.bell")
        await pilot.resize_terminal(100, 30)
        await advance(pilot, clock, 1)
        assert "hand" in screen_text(app)


async def test_the_command_palette_offers_the_relaxation_actions(store):
    app = relax_app(store)
    async with app.run_test(size=(100, 30)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
    assert {"Start relaxation", "New routine", "Bell off", "Trends", "Journal"} <= titles
    assert "Bell on" not in titles  # it is on already


async def test_leaving_the_summary_for_another_screen_is_done_with_it(store, clock):
    app = relax_app(store, SHORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, None)
        await advance(pilot, clock, SHORT.seconds)
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "TrendsScreen"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, RelaxScreen)
        assert "Last session" in screen_text(app)
