"""The Relaxation screen: choose a routine, and run a guided PMR session around the
two stress questions, ending on a summary."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from journal.pmr import SAFETY_TEXT, Routine
from journal.screens.bell import bell_bindings, bell_key_applies, bell_said, set_bell
from journal.screens.guard import shows_store_errors
from journal.screens.main import MainScreen, main_bindings
from journal.screens.session import SessionLog, SessionScreen
from journal.screens.summary import SummaryScreen
from journal.text import minutes
from widgets.confirm import Confirm
from widgets.questions import NoteQuestion, Notice, StressQuestion

NARROW = 90
# A session stopped before this many seconds of practice asks nothing afterwards.
BRIEF = 15


def routine_row(routine: Routine, changed: bool = False) -> Content:
    """name, what it is, how long: `short   4 groups, release only   3 min 20 s`."""
    count = len(routine.groups)
    what = f"{count} group" if count == 1 else f"{count} groups"
    if routine.release_only:
        what += ", release only"
    if not routine.builtin:
        what += f", yours (from {routine.base})"
    elif changed:
        what += ", your timings"
    return Content.assemble(
        (f"{routine.name:<17}", "bold"), f" {minutes(routine.seconds):>11}  ", (what, "dim")
    )


def routine_details(routine: Routine) -> Content:
    tense = "none (release only)" if routine.release_only else f"{routine.tense} s"
    cycles = "once" if routine.cycles == 1 else f"{routine.cycles} times"
    rows = [
        ("settle", f"{routine.settle} s"),
        ("tense", tense),
        ("release", f"{routine.release} s"),
        ("closing rest", f"{routine.rest} s"),
        ("each group", cycles),
        ("writing hand", routine.dominant),
    ]
    lines: list = [(routine.title, "bold"), "\n", (f"{minutes(routine.seconds)} in all", "dim")]
    lines.append("\n\n")
    for label, value in rows:
        lines += [(f"{label:<13}", "dim"), value, "\n"]
    lines.append("\n")
    for number, group in enumerate(routine.sided_groups, 1):
        lines.append(f"{number:>2}. {group.name}\n")
    return Content.assemble(*lines)


class RelaxScreen(MainScreen):
    """The routines (built in, then the person's own) and the last session."""

    BINDINGS: ClassVar = [
        Binding("enter", "start", "Start", priority=True),
        Binding("c", "new_routine", "New", priority=True),
        Binding("e", "edit_routine", "Edit", priority=True),
        Binding("d", "delete_routine", "Delete", priority=True),
        *bell_bindings(),
        *main_bindings("p"),
    ]

    AUTO_FOCUS = "#routines"

    def __init__(self) -> None:
        super().__init__()
        self.routines: list[Routine] = []
        self.in_session = False
        self.bell_on = True

    def compose(self) -> ComposeResult:
        yield Static("", id="relax-intro", markup=False)
        with Horizontal(id="relax-panes"):
            with Vertical(id="routine-pane"):
                yield OptionList(id="routines", markup=False)
                yield Static("", id="last-session", markup=False)
            with VerticalScroll(id="routine-detail"):
                yield Static("", id="routine-text", markup=False)
        yield Footer()

    @shows_store_errors
    def on_mount(self) -> None:
        chosen = self.app.chosen_routine
        self.reload(select=chosen.name if chosen else None)

    @shows_store_errors
    def on_screen_resume(self) -> None:
        # Sessions or routines may have changed in another window meanwhile.
        if self.routines:
            self._show_last_session()
        self.refresh_bindings()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # -- the list ----------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the routines again (the command line's timings stay on theirs)."""
        chosen = self.app.chosen_routine
        routines = self.store.routines.all()
        if chosen is not None:
            routines = [chosen if r.name == chosen.name else r for r in routines]
        self.routines = routines
        options = self.query_one("#routines", OptionList)
        current = self.selected
        options.clear_options()
        options.add_options(
            Option(routine_row(r, r is chosen and chosen.builtin), id=r.name) for r in routines
        )
        name = select or (current.name if current else None)
        index = next((i for i, r in enumerate(routines) if r.name == name), None)
        options.highlighted = index if index is not None else 1  # "standard"
        self._show_intro()
        self._show_last_session()
        self.refresh_bindings()

    @property
    def selected(self) -> Routine | None:
        options = self.query_one("#routines", OptionList)
        index = options.highlighted
        if index is None or not 0 <= index < len(self.routines):
            return None
        return self.routines[index]

    @on(OptionList.OptionHighlighted, "#routines")
    def show_routine(self) -> None:
        routine = self.selected
        text = routine_details(routine) if routine else Content("")
        self.query_one("#routine-text", Static).update(text)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#routines")
    def routine_chosen(self) -> None:
        self.action_start()

    def _show_intro(self) -> None:
        self.bell_on = self.store.settings.bell
        bell = "" if self.bell_on else " The bell is off (b)."
        self.query_one("#relax-intro", Static).update(
            Content.assemble(
                ("Relaxation", "bold"),
                (f": choose a routine, press enter.{bell}", "dim"),
            )
        )

    def _show_last_session(self) -> None:
        sessions = self.store.sessions.recent(limit=1)
        text = Content("")
        if sessions:
            last = sessions[0]
            state = "completed" if last.completed else "stopped early"
            parts: list = [
                ("Last session: ", "dim"),
                f"{last.started_at:%a %d %b %H:%M}, {last.routine}, "
                f"{minutes(last.seconds)}, {state}",
            ]
            if last.stress_change is not None:
                parts.append(f", stress {last.stress_before} → {last.stress_after}")
            text = Content.assemble(*parts)
        self.query_one("#last-session", Static).update(text)

    # -- keys ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        bell = bell_key_applies(action, parameters, self.bell_on)
        if bell is not None:
            return bell and super().check_action(action, parameters)
        if action in ("edit_routine", "delete_routine"):
            routine = self.selected
            return routine is not None and not routine.builtin
        return super().check_action(action, parameters)

    def action_bell(self, on: bool) -> None:
        set_bell(self.app, on, done=self._bell_set)

    @shows_store_errors
    def _bell_set(self) -> None:
        self._show_intro()
        self.refresh_bindings()
        self.notify(bell_said(self.bell_on))

    def action_start(self) -> None:
        routine = self.selected
        # An enter typed between two of a session's questions must not start another.
        if routine is not None and not self.in_session:
            if not self.app.can_write("record a session"):
                return
            self.in_session = True
            self.run_session(routine)

    @work(group="session", exit_on_error=False)
    async def run_session(self, routine: Routine) -> None:
        """Safety text (the first time), the stress question, the session, the
        questions after, the summary."""
        try:
            await self._session_steps(routine)
        finally:
            self.in_session = False

    async def _session_steps(self, routine: Routine) -> None:
        app = self.app
        if not self.store.settings.safety_seen:
            if not await app.push_screen_wait(
                Notice("Before your first session", SAFETY_TEXT, go_on="I understand, go on")
            ):
                return
            settings = self.store.settings
            app.write(lambda wait: settings.set_safety_seen(wait=wait), key="safety")
        before = await app.push_screen_wait(
            StressQuestion("Before you start: how stressed do you feel right now?")
        )
        if before is None:
            return
        log = SessionLog(app, routine)
        if not log.start(before.value):
            return
        outcome = await app.push_screen_wait(SessionScreen(log))
        if not outcome.completed and outcome.practised < BRIEF:
            # Started by mistake, or changed their mind: nothing to rate or sum up.
            self.reload(select=routine.name)
            self.notify(f"Stopped after {round(outcome.practised)} s: kept as stopped early")
            return
        after = await app.push_screen_wait(
            StressQuestion("How stressed do you feel now?", escape_skips=True)
        )
        note = await app.push_screen_wait(NoteQuestion("A note about this session? (optional)"))
        stress_after = after.value if after is not None else None
        if stress_after is not None or note.strip():
            log.rate(stress_after, note)
        self.reload(select=routine.name)
        await app.push_screen_wait(SummaryScreen(log.as_practised(), outcome))

    def action_new_routine(self) -> None:
        from journal.screens.routine_form import RoutineForm

        routine = self.selected
        if routine is not None and self.app.can_write("make a routine"):
            self.app.push_screen(RoutineForm(routine, editing=False), self._routine_saved)

    def action_edit_routine(self) -> None:
        from journal.screens.routine_form import RoutineForm

        routine = self.selected
        if routine is not None and not routine.builtin and self.app.can_write("change a routine"):
            self.app.push_screen(RoutineForm(routine, editing=True), self._routine_saved)

    @shows_store_errors
    def _routine_saved(self, name: str | None) -> None:
        if name:
            self.reload(select=name)
            self.notify(f"Routine {name} saved", markup=False)

    def action_delete_routine(self) -> None:
        routine = self.selected
        if routine is None or routine.builtin or not self.app.can_write("delete a routine"):
            return
        routines = self.store.routines

        def answered(answer: str | None) -> None:
            if answer == "y":
                self.app.write(
                    lambda wait: routines.delete(routine.name, wait=wait),
                    done=lambda _: self._routine_deleted(routine.name),
                )

        self.app.push_screen(
            Confirm(
                f"Delete the routine {routine.name}?",
                {"y": "delete", "n": "keep"},
                detail="Sessions already done with it are kept.",
            ),
            answered,
        )

    @shows_store_errors
    def _routine_deleted(self, name: str) -> None:
        self.reload()
        self.notify(f"Routine {name} deleted", markup=False)
