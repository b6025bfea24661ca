"""A person's own relaxation routine: start from a built-in one, choose its groups,
timings and dominant side, name it, save it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, SelectionList, Static

from journal.pmr import BUILTIN_ROUTINES, LIMITS, InvalidRoutine, Routine, make_user_routine
from journal.store import StoreError
from journal.text import minutes
from widgets.confirm import Confirm

if TYPE_CHECKING:
    from journal.app import JournalApp

TIMINGS = ("settle", "tense", "release", "rest", "cycles")
LABELS = {
    "settle": "Settle",
    "tense": "Tense",
    "release": "Release",
    "rest": "Closing rest",
    "cycles": "Cycles",
}


def _row(label: str, field: Widget) -> ComposeResult:
    with Horizontal(classes="row"):
        yield Label(label)
        yield field


class RoutineForm(Screen[str | None]):
    """Dismisses with the saved routine's name, or None when nothing was saved."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back", priority=True),
    ]

    DEFAULT_CSS = """
    RoutineForm #form-head {
        dock: top;
        height: auto;
    }
    RoutineForm #form-title {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    RoutineForm #form {
        padding: 0 1;
    }
    RoutineForm .row {
        height: auto;
        margin-top: 1;
    }
    RoutineForm .row Label {
        width: 18;
        padding-right: 1;
        color: $text-muted;
    }
    RoutineForm .row Input {
        width: 24;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    RoutineForm .row Input:focus {
        border: none;
        background: $primary 30%;
    }
    RoutineForm .row Select {
        width: 40;
    }
    RoutineForm SelectionList {
        height: auto;
        max-height: 18;
    }
    RoutineForm #length {
        margin-top: 1;
        text-style: bold;
    }
    RoutineForm #form-error {
        height: auto;
        padding: 0 1;
        color: $text-error;
        background: $error-muted;
        text-style: bold;
    }
    """

    app: JournalApp

    def __init__(self, routine: Routine, *, editing: bool) -> None:
        super().__init__()
        self.routine = routine
        self.editing = editing
        self.base = routine.base if routine.base else routine.name
        self._saved_state: tuple | None = None
        self._error_state: tuple | None = None

    def compose(self) -> ComposeResult:
        routine = self.routine
        if self.editing:
            what = f"Change {routine.name}"
        elif routine.builtin:
            what = f"New routine, from {routine.name}"
        else:
            what = f"New routine, a copy of {routine.name}"
        with Vertical(id="form-head"):
            yield Static(what, id="form-title", markup=False)
            yield Static("", id="form-error", markup=False, classes="-hidden")
        with VerticalScroll(id="form"):
            name = routine.name if self.editing else ""
            yield from _row(
                "Name",
                Input(name, placeholder="e.g. evening", id="name", max_length=40),
            )
            yield from _row(
                "Start from",
                Select(
                    [(r.title, r.name) for r in BUILTIN_ROUTINES.values()],
                    value=self.base,
                    allow_blank=False,
                    id="base",
                    compact=True,
                ),
            )
            for timing in TIMINGS:
                low, high = LIMITS[timing]
                unit = "per group" if timing == "cycles" else "s"
                field = Input(
                    str(getattr(routine, timing)),
                    placeholder=f"{low}-{high} {unit}",
                    type="integer",
                    id=timing,
                    tooltip=f"{low} to {high} {unit}",
                )
                yield from _row(f"{LABELS[timing]} ({unit})", field)
            yield from _row(
                "Writing hand",
                Select(
                    [("right-handed", "right"), ("left-handed", "left")],
                    value=routine.dominant,
                    allow_blank=False,
                    id="dominant",
                    compact=True,
                ),
            )
            yield from _row("Groups", SelectionList[int](id="groups"))
            yield Static("", id="length", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        kept = self.routine.kept if self.routine.kept is not None else None
        self._fill_groups(self.base, kept)
        self._saved_state = self._state()
        self.query_one("#name", Input).focus()
        self._update_length()

    def _fill_groups(self, base: str, kept: tuple[int, ...] | None) -> None:
        source = BUILTIN_ROUTINES[base]
        dominant = self.query_one("#dominant", Select).value
        side = dominant if dominant in ("left", "right") else "right"
        sided = [group.sided(side) for group in source.groups]
        groups = self.query_one("#groups", SelectionList)
        groups.clear_options()
        groups.add_options(
            (group.name, index, kept is None or index in kept) for index, group in enumerate(sided)
        )
        tense = self.query_one("#tense", Input)
        if source.release_only and not tense.disabled:
            self._tense = tense.value
            tense.value = ""
            tense.placeholder = "none: release only"
        elif not source.release_only and tense.disabled:
            tense.value = getattr(self, "_tense", "") or str(self.routine.tense)
            tense.placeholder = "1-60 s"
        tense.disabled = source.release_only
        groups.highlighted = 0  # space ticks the first group at once

    def _state(self) -> tuple:
        return (
            self.query_one("#name", Input).value,
            self.query_one("#base", Select).value,
            *(self.query_one(f"#{t}", Input).value for t in TIMINGS),
            self.query_one("#dominant", Select).value,
            tuple(self.query_one("#groups", SelectionList).selected),
        )

    @on(Select.Changed, "#base")
    def base_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.base:
            self.base = event.value
            self._fill_groups(self.base, None)
        self._update_length()

    @on(Select.Changed, "#dominant")
    def side_changed(self) -> None:
        kept = tuple(self.query_one("#groups", SelectionList).selected)
        self._fill_groups(self.base, kept)

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Select.Changed)
    def _changed(self) -> None:
        # An error stays until something is changed after it was shown.
        if self._state() != self._error_state:
            self._show_error("")
        self._update_length()

    def _show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.set_class(not message, "-hidden")
        self._error_state = self._state() if message else None

    def _update_length(self) -> None:
        try:
            routine = self._routine()
        except InvalidRoutine:
            self.query_one("#length", Static).update("")
            return
        self.query_one("#length", Static).update(
            f"{minutes(routine.seconds)} in all, {len(routine.groups)} groups"
        )

    def _routine(self) -> Routine:
        values = {t: self.query_one(f"#{t}", Input).value.strip() for t in TIMINGS}
        if BUILTIN_ROUTINES[self.base].release_only:
            values.pop("tense")
        for timing, value in values.items():
            if not value:
                low, high = LIMITS[timing]
                raise InvalidRoutine(f"{timing} needs a number from {low} to {high}", timing)
        dominant = self.query_one("#dominant", Select).value
        return make_user_routine(
            self.query_one("#name", Input).value or "unnamed",
            base=self.base,
            kept=list(self.query_one("#groups", SelectionList).selected),
            dominant=dominant if isinstance(dominant, str) else "right",
            **values,
        )

    def action_save(self) -> None:
        if not self.query_one("#name", Input).value.strip():
            self._show_error("Give the routine a name (a word or two)")
            self.query_one("#name", Input).focus()
            return
        try:
            routine = self._routine()
            existing = self.app.store.routines.get(routine.name)
            renaming = not self.editing or routine.name != self.routine.name
            if existing is not None and renaming:
                raise InvalidRoutine(
                    f"there is a routine called {routine.name} already; choose another name",
                    "name",
                )
        except InvalidRoutine as exc:
            self._show_error(str(exc)[:1].upper() + str(exc)[1:])
            if exc.field and self.query(f"#{exc.field}"):
                field = self.query_one(f"#{exc.field}")
                field.focus()
                if isinstance(field, Input):
                    field.select_all()  # typing replaces what was refused
            return
        except StoreError as exc:
            self._show_error(str(exc))
            return
        routines = self.app.store.routines
        renamed_from = self.routine.name if self.editing else None
        self.app.write(
            lambda wait: routines.save(routine, replacing=renamed_from, wait=wait),
            done=lambda _: self._saved(routine.name),
            failed=lambda error: self._show_error(str(error)),
        )

    def _saved(self, name: str) -> None:
        self.dismiss(name)

    def action_back(self) -> None:
        for select in self.query(Select):
            if select.expanded:  # escape closes an open list first
                select.expanded = False
                return
        if self._state() == self._saved_state:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "y":
                self.dismiss(None)

        self.app.push_screen(
            Confirm("Leave without saving this routine?", {"y": "leave", "n": "stay"}),
            answered,
        )
