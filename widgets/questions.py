"""Questions around a relaxation session, each a modal that dismisses with the answer:
a stress rating (0-10, skippable), a one-line note, and a notice to read first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from widgets.stress_picker import StressPicker

QUESTION_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > Vertical {{
    width: 64;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: round $primary;
    background: $surface;
    padding: 0 2;
}}
{name} .question {{
    text-style: bold;
    margin: 1 0;
}}
{name} .keys {{
    color: $text-muted;
    margin: 1 0;
}}
"""


@dataclass(frozen=True)
class Rating:
    """The answer to a stress question: a level, or None when skipped."""

    value: int | None


class StressQuestion(ModalScreen[Rating | None]):
    """How stressed do you feel? Dismisses with a Rating (skipped: Rating(None)), or
    None when escape means "not now" (before a session: do not start)."""

    DEFAULT_CSS = QUESTION_CSS.format(name="StressQuestion")

    BINDINGS: ClassVar = [
        Binding("enter", "confirm", "Confirm", priority=True),
        Binding("s", "skip", "Skip", priority=True),
        Binding("escape", "cancel", "Back", priority=True),
    ]

    def __init__(self, question: str, *, escape_skips: bool = False) -> None:
        super().__init__()
        self.question = question
        self.escape_skips = escape_skips

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question", markup=False)
            yield Static("0 fully calm ... 10 the worst stress you can imagine", markup=False)
            yield StressPicker(id="rating")
            escape = "skip" if self.escape_skips else "back"
            yield Static(
                f"0-9 (1 0 for 10) or ←/→ · enter confirm · s skip · escape {escape}",
                classes="keys",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(StressPicker).focus()

    def on_key(self, event: Key) -> None:
        # A digit typed before the picker had focus still picks.
        pickers = self.query(StressPicker)
        if not pickers or not event.character or not event.character.isdigit():
            return
        picker = pickers.first()
        if not picker.has_focus:
            event.stop()
            picker.focus()
            picker.type_digit(int(event.character))

    def action_confirm(self) -> None:
        value = self.query_one(StressPicker).value
        if value is None:
            self.notify("Pick a number from 0 to 10, or press s to skip", severity="warning")
            return
        self.dismiss(Rating(value))

    def action_skip(self) -> None:
        self.dismiss(Rating(None))

    def action_cancel(self) -> None:
        self.dismiss(Rating(None) if self.escape_skips else None)


class NoteQuestion(ModalScreen[str]):
    """An optional one-line note; dismisses with the text ("" for none)."""

    DEFAULT_CSS = QUESTION_CSS.format(name="NoteQuestion")

    BINDINGS: ClassVar = [Binding("escape", "skip", "Skip", priority=True)]

    def __init__(self, question: str, *, max_length: int = 200) -> None:
        super().__init__()
        self.question = question
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question", markup=False)
            yield Input(placeholder="optional", max_length=self.max_length, id="note")
            yield Static("enter save · escape no note", classes="keys", markup=False)

    @on(Input.Submitted, "#note")
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_skip(self) -> None:
        self.dismiss("")


class Notice(ModalScreen[bool]):
    """Text to read before going on: enter goes on (True), escape goes back (False).
    The keys come first and the text scrolls, so a small terminal shows it all."""

    DEFAULT_CSS = (
        QUESTION_CSS.format(name="Notice")
        + """
    Notice > VerticalScroll {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $warning;
        background: $surface;
        padding: 0 2;
    }
    Notice .question { margin: 1 0 0 0; }
    Notice .keys { margin: 0 0 1 0; }
    """
    )

    BINDINGS: ClassVar = [
        Binding("enter", "go_on", "Go on", priority=True),
        Binding("escape", "back", "Back", priority=True),
    ]

    def __init__(self, title: str, text: str, go_on: str = "go on") -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.go_on = go_on

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.can_focus = True  # up / down scroll it
            yield Static(self.title_text, classes="question", markup=False)
            yield Static(f"enter {self.go_on} · escape back", classes="keys", markup=False)
            yield Static(self.text, markup=False)
            yield Static("")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_go_on(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
