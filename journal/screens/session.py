"""A relaxation session running: the timer, its keys, and its record in the store."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from journal.models import Session
from journal.pmr import Phase, Routine
from journal.pmr.clock import Moment, SessionClock
from journal.rounding import whole
from journal.screens.bell import bell_bindings, bell_key_applies, bell_said, set_bell
from journal.writes import Outcome as WriteOutcome
from widgets.confirm import Confirm
from widgets.pmr_timer import SessionView

if TYPE_CHECKING:
    from journal.app import JournalApp

# A phase change lights the view up until the first look at the clock this long
# after it (about a second), for people who do not hear the bell.
FLASH_SECONDS = 0.8
# Never sleep longer than this between looks at the clock, and never shorter
# than the first: the display changes once a second, and a phase change is due
# within a quarter of a second of its time.
LONGEST_WAIT = 1.0
SHORT = 22  # terminal rows below which the running view drops its large letters
SHORTEST_WAIT = 0.02


@dataclass(frozen=True)
class Outcome:
    """How a session ended."""

    practised: float
    groups_done: int
    completed: bool


class SessionLog:
    """A session's row in the journal, written through the app's writes
    (journal.writes): when it starts, at each group boundary, and its rating at the
    end. The writes land in order, so the writes after the start find its id."""

    def __init__(self, app: JournalApp, routine: Routine) -> None:
        self._app = app
        self._sessions = app.store.sessions
        self.routine = routine
        self.started_at = app.clock()
        self.id: int | None = None
        self.stress_before: int | None = None
        self.stress_after: int | None = None
        self.note = ""
        self.outcome: Outcome | None = None

    def start(self, stress_before: int | None) -> bool:
        """Record the start; False if it cannot be written at all (said on screen)."""
        self.stress_before = stress_before

        def start(wait: float) -> None:
            session = self._sessions.start(self.routine, stress_before=stress_before, wait=wait)
            self.id = session.id

        return self._app.write(start) is not WriteOutcome.FAILED

    def progress(self, moment: Moment, *, completed: bool = False) -> None:
        seconds, groups_done = moment.practised, moment.groups_done

        def record(wait: float) -> None:
            if self.id is not None:
                self._sessions.record_progress(
                    self.id,
                    seconds=seconds,
                    groups_done=groups_done,
                    completed=completed,
                    wait=wait,
                )

        # A later boundary's progress replaces one still waiting for the journal.
        self._app.write(record, key=f"session-progress:{id(self)}")

    def rate(self, stress_after: int | None, note: str) -> None:
        self.stress_after, self.note = stress_after, note

        def rate(wait: float) -> None:
            if self.id is not None:
                self._sessions.rate(self.id, stress_after=stress_after, note=note, wait=wait)

        self._app.write(rate)

    def as_practised(self) -> Session:
        """The session as the journal holds it, or, while its writes still wait for
        the journal, as it was practised."""
        if self.id is not None and not self._app.writes.pending:
            return self._sessions.get(self.id)
        outcome = self.outcome
        return Session(
            id=self.id or 0,
            uuid="",
            routine=self.routine.name,
            started_at=self.started_at,
            ended_at=self._app.clock(),
            seconds=whole(outcome.practised) if outcome else 0,
            groups_done=outcome.groups_done if outcome else 0,
            groups_planned=len(self.routine.groups),
            completed=bool(outcome and outcome.completed),
            stress_before=self.stress_before,
            stress_after=self.stress_after,
            note=" ".join(self.note.split()) or None,
        )


class SessionScreen(Screen[Outcome]):
    """Runs one session on the app's clock: a phase ends when its time is up, even if
    the app was busy, because the position is computed from the start and the pauses
    (journal.pmr.SessionClock), never counted in ticks."""

    BINDINGS: ClassVar = [
        Binding("space", "toggle_pause", "Pause / resume", priority=True),
        Binding("n", "next_group", "Next group", priority=True),
        Binding("escape", "stop", "Stop", priority=True),
        *bell_bindings(),
        Binding("question_mark", "help", "Help"),
    ]

    DEFAULT_CSS = """
    SessionScreen VerticalScroll {
        height: 1fr;
        align-vertical: middle;
    }
    """

    app: JournalApp

    def __init__(self, log: SessionLog) -> None:
        super().__init__()
        self.record = log
        self.routine = log.routine
        self.timer: SessionClock | None = None
        self._wake: Timer | None = None
        self._index: int | None = -1
        self._groups_done = 0
        self._outcome: Outcome | None = None
        self.bell = True
        self._flash_until: float | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(), Center():
            yield SessionView(self.routine)
        yield Footer()

    def on_resize(self, event: Resize) -> None:
        view = self.query_one(SessionView)
        view.set_class(event.size.height < SHORT, "-short")
        view.redraw()

    def now(self) -> float:
        return self.app.clock().timestamp()

    def on_mount(self) -> None:
        self.timer = SessionClock(self.routine.schedule(), started=self.now())
        self.bell = self.app.store.settings.bell
        self.tick()

    # -- the clock -----------------------------------------------------------------

    def tick(self) -> Moment | None:
        """Look at the clock: show where the session is, and sleep until the next
        thing to show (the next whole second left, or the next phase)."""
        if self.timer is None or self._outcome is not None:
            return None
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        now = self.now()
        moment = self.timer.at(now)
        view = self.query_one(SessionView)
        view.show(moment)
        if self._flash_until is not None and (now >= self._flash_until or moment.paused):
            self._flash_until = None
            view.flash(False)
        if moment.index != self._index:
            if self._index != -1:
                self._flash_until = now + FLASH_SECONDS
                view.flash()
            self._index = moment.index
            if moment.step is not None and moment.step.phase in (Phase.TENSE, Phase.RELEASE):
                self.ring()
        if moment.groups_done != self._groups_done:
            self._groups_done = moment.groups_done
            self._record(moment)
        if moment.finished:
            self.finish(completed=True)
            return moment
        if not moment.paused:
            fraction = moment.left_in_step - math.floor(moment.left_in_step)
            wait = min(max(fraction or 1.0, SHORTEST_WAIT), LONGEST_WAIT)
            self._wake = self.set_timer(wait + 0.005, self.tick)
        return moment

    def ring(self) -> None:
        if self.bell:
            self.app.bell()

    def _record(self, moment: Moment, *, completed: bool = False) -> None:
        self.record.progress(moment, completed=completed)

    # -- keys ----------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        if self.timer is not None:
            self.timer.toggle_pause(self.now())
            self.tick()

    def action_next_group(self) -> None:
        if self.timer is not None:
            self.timer.next_group(self.now())
            self.tick()

    def action_help(self) -> None:
        self.app.action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        bell = bell_key_applies(action, parameters, self.bell)
        return True if bell is None else bell

    def action_bell(self, on: bool) -> None:
        def done() -> None:
            self.notify(bell_said(on))

        if set_bell(self.app, on, done=done):
            self.bell = on
            self.refresh_bindings()

    def action_stop(self) -> None:
        if self.timer is None or self._outcome is not None:
            return
        if self.query("HelpPanel"):  # escape closes the keys panel first
            self.app.action_hide_help_panel()
            return
        was_paused = self.timer.paused_since is not None
        self.timer.pause(self.now())  # the question is not practice
        self.tick()

        def answered(answer: str | None) -> None:
            if answer == "y":
                self.end_session()
            elif not was_paused and self.timer is not None:
                self.timer.resume(self.now())
                self.tick()

        self.app.push_screen(
            Confirm(
                "Stop the session?",
                {"y": "stop (kept as stopped early)", "n": "go on"},
            ),
            answered,
        )

    # -- the end -----------------------------------------------------------------

    def end_session(self, *, quitting: bool = False) -> None:
        """Stop now and keep the session as not completed (also on quit)."""
        if self.timer is not None and self._outcome is None:
            self.timer.stop(self.now())
            self.finish(completed=False, leave=not quitting)

    def finish(self, *, completed: bool, leave: bool = True) -> None:
        assert self.timer is not None
        if self._wake is not None:
            self._wake.stop()
        moment = self.timer.at(self.now())
        self._record(moment, completed=completed)
        self._outcome = Outcome(moment.practised, moment.groups_done, completed)
        self.record.outcome = self._outcome
        if leave and self.is_current:
            self.dismiss(self._outcome)
