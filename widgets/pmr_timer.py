"""The running view of a relaxation session: the phase in large letters, the group
and what to do, the seconds left, the whole session's progress, what comes next."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Digits, ProgressBar, Static

from journal.pmr import Phase, Routine, Step
from journal.pmr.clock import Moment

# Letters three rows high, for the phase names (and PAUSED, DONE).
_LETTERS = {
    "A": ("▄▀▄", "█▀█", "▀ ▀"),
    "C": ("█▀▀", "█  ", "▀▀▀"),
    "D": ("█▀▄", "█ █", "▀▀ "),
    "E": ("█▀▀", "█▀▀", "▀▀▀"),
    "L": ("█  ", "█  ", "▀▀▀"),
    "N": ("█▄ █", "█ ▀█", "▀  ▀"),
    "O": ("█▀█", "█ █", "▀▀▀"),
    "P": ("█▀█", "█▀▀", "▀  "),
    "R": ("█▀▄", "█▀▄", "▀ ▀"),
    "S": ("█▀▀", "▀▀█", "▀▀▀"),
    "T": ("▀█▀", " █ ", " ▀ "),
    "U": ("█ █", "█ █", "▀▀▀"),
}


def big_letters(word: str) -> str:
    """`word` three rows high (letters it has no shape for are left out)."""
    shapes = [_LETTERS[c] for c in word.upper() if c in _LETTERS]
    return "\n".join(" ".join(shape[row] for shape in shapes) for row in range(3))


def clock_text(seconds: float) -> str:
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def step_label(step: Step, routine: Routine) -> str:
    if step.group is None:
        return "closing rest" if step.phase is Phase.REST else "settle"
    label = f"{step.phase.value} · {step.title}"
    if routine.cycles > 1:
        label += f" (cycle {step.cycle} of {routine.cycles})"
    return label


class BigWord(Static):
    """A word in large letters; in plain capitals when the terminal is too narrow."""

    DEFAULT_CSS = """
    BigWord {
        width: 1fr;
        height: 3;
        content-align: center middle;
        text-style: bold;
    }
    """

    def __init__(self, word: str = "", **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.word = word

    def show(self, word: str) -> None:
        self.word = word
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        letters = big_letters(self.word)
        fits = len(letters.splitlines()[0]) <= self.size.width and self.size.height >= 3
        plain = self.word.upper() if self.size.height < 3 else f"\n{self.word.upper()}"
        self.update(letters if fits else plain)


class SessionView(Widget):
    """Shows one Moment of a session; the screen that owns the clock feeds it."""

    DEFAULT_CSS = """
    SessionView {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    SessionView #where {
        color: $text-muted;
        width: 1fr;
        text-align: center;
    }
    SessionView BigWord {
        margin: 1 0 0 0;
        color: $primary;
    }
    SessionView.-tense BigWord { color: $warning; }
    SessionView.-release BigWord { color: $success; }
    SessionView.-rest BigWord { color: $accent; }
    SessionView.-paused BigWord { color: $text-muted; }
    /* A phase change: seen as well as heard (the bell may be off or muted). */
    SessionView.-flash { background: $accent 30%; }
    SessionView.-flash BigWord { text-style: bold reverse; }
    SessionView #group {
        width: 1fr;
        text-align: center;
        text-style: bold;
        margin-top: 1;
    }
    SessionView #instruction {
        width: 1fr;
        text-align: center;
    }
    SessionView #left-row {
        height: auto;
        align-horizontal: center;
        margin-top: 1;
    }
    SessionView Digits {
        width: auto;
    }
    SessionView #left-label {
        width: auto;
        height: 3;
        content-align: left bottom;
        color: $text-muted;
        padding-left: 1;
    }
    SessionView #progress-row {
        height: 1;
        align-horizontal: center;
        margin-top: 1;
    }
    SessionView ProgressBar {
        width: auto;
    }
    SessionView #overall {
        width: auto;
        color: $text-muted;
        padding-left: 1;
    }
    /* A short terminal: the phase in plain capitals, the seconds in one line. */
    SessionView.-short BigWord { height: 1; margin: 0; }
    SessionView.-short Digits { display: none; }
    SessionView.-short #left-label { height: 1; padding: 0; }
    SessionView.-short #group, SessionView.-short #left-row,
    SessionView.-short #progress-row, SessionView.-short #next { margin-top: 0; }
    SessionView #next {
        width: 1fr;
        text-align: center;
        color: $text-muted;
        margin-top: 1;
    }
    """

    def __init__(self, routine: Routine, **kwargs) -> None:
        super().__init__(**kwargs)
        self.routine = routine
        self._shown: tuple | None = None
        self._moment: Moment | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="where", markup=False)
        yield BigWord(id="phase")
        yield Static("", id="group", markup=False)
        yield Static("", id="instruction", markup=False)
        with Horizontal(id="left-row"):
            yield Digits("", id="left")
            yield Static("s left", id="left-label", markup=False)
        with Horizontal(id="progress-row"):
            yield ProgressBar(
                total=self.routine.seconds, show_eta=False, show_percentage=True, id="progress"
            )
            yield Static("", id="overall", markup=False)
        yield Static("", id="next", markup=False)

    def flash(self, on: bool = True) -> None:
        """Light the view up (the phase changed), or end that; the screen that owns
        the clock says when."""
        self.set_class(on, "-flash")

    def redraw(self) -> None:
        """Draw the last moment again (after a change of layout)."""
        if self._moment is not None:
            self._shown = None
            self.show(self._moment)

    def show(self, moment: Moment) -> None:
        """Bring the view up to `moment`; parts that did not change are not redrawn."""
        self._moment = moment
        step = moment.step
        if step is None:
            key: tuple = ("done",)
        else:
            key = (moment.index, math.ceil(moment.left_in_step), moment.paused)
        if key == self._shown:
            return
        self._shown = key
        if step is None:
            self._show_done(moment)
            return
        for phase in Phase:
            self.set_class(step.phase is phase and not moment.paused, f"-{phase.value}")
        self.set_class(moment.paused, "-paused")
        self.query_one("#phase", BigWord).show("paused" if moment.paused else step.phase.value)
        self.query_one("#where", Static).update(self._where(moment))
        self.query_one("#group", Static).update(step.title)
        instruction = step.instruction
        if moment.paused:
            instruction = "Paused. Press space to go on, escape to stop."
        self.query_one("#instruction", Static).update(instruction)
        left = math.ceil(moment.left_in_step)
        self.query_one("#left", Digits).update(str(left))
        label = f"{left} s left" if self.has_class("-short") else "s left"
        self.query_one("#left-label", Static).update(label)
        self.query_one("#progress", ProgressBar).update(progress=moment.position)
        self.query_one("#overall", Static).update(f"{clock_text(moment.left_overall)} to go")
        upcoming = moment.next_step
        self.query_one("#next", Static).update(
            f"Next: {step_label(upcoming, self.routine)}" if upcoming else "Last: closing rest"
        )

    def _where(self, moment: Moment) -> Content:
        step = moment.step
        assert step is not None
        groups = len(self.routine.groups)
        if step.group is None:
            where = "Settling in" if step.phase is Phase.SETTLE else "Closing rest"
        else:
            where = f"Group {step.group + 1} of {groups}"
            if self.routine.cycles > 1:
                where += f" · cycle {step.cycle} of {self.routine.cycles}"
        return Content(f"{self.routine.title} · {where}")

    def _show_done(self, moment: Moment) -> None:
        for phase in Phase:
            self.remove_class(f"-{phase.value}")
        self.query_one("#phase", BigWord).show("done")
        self.query_one("#group", Static).update("")
        self.query_one("#instruction", Static).update("")
        self.query_one("#left", Digits).update("0")
        self.query_one("#progress", ProgressBar).update(progress=self.routine.seconds)
        self.query_one("#overall", Static).update("")
        self.query_one("#next", Static).update("")
