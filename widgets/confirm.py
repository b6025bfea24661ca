"""A yes/no question in a modal: `y` / `n` (and escape for no)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class Confirm(ModalScreen[str]):
    """Ask a question; dismisses with the key of the answer chosen.

    `answers` maps keys to their labels, e.g. {"y": "Delete", "n": "Keep"}; the
    last one is also what escape answers.
    """

    DEFAULT_CSS = """
    Confirm {
        align: center middle;
        background: $background 60%;
    }
    Confirm > Vertical {
        width: 64;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: round $warning;
        background: $surface;
        padding: 1 2;
    }
    Confirm #confirm-question {
        text-style: bold;
        margin-bottom: 1;
    }
    Confirm #confirm-detail {
        color: $text-muted;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar = [Binding("escape", "answer_default", "Cancel", show=False)]

    def __init__(self, question: str, answers: dict[str, str], detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="confirm-question", markup=False)
            if self.detail:
                yield Static(self.detail, id="confirm-detail", markup=False)
            # One answer a line when the terminal is narrow, so none is cut off.
            separator = "   " if self.app.size.width >= 60 else "\n"
            keys = separator.join(f"{key} {label}" for key, label in self.answers.items())
            yield Static(keys, id="confirm-keys", markup=False)

    def on_key(self, event) -> None:
        if event.character in self.answers:
            event.stop()
            self.dismiss(event.character)

    def action_answer_default(self) -> None:
        self.dismiss(list(self.answers)[-1])
