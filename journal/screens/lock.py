"""The lock screen: an encrypted journal's passphrase, asked before anything of the
journal is on screen.

An ordinary Textual screen (so a browser tab of `journal serve` shows it too). The
passphrase goes from the password field to the store's key derivation, in a worker
thread (it takes a quarter of a second), and is not kept: the field is emptied at
once, nothing of it is logged, notified or written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from journal.store import Store, StoreError
from journal.store.cipher import WrongPassphrase

# Opens the journal with a passphrase, or raises WrongPassphrase (or a StoreError).
Unlock = Callable[[str], Store]


class LockScreen(Screen[None]):
    """Asks for the passphrase until it opens the journal; escape quits."""

    AUTO_FOCUS = "#passphrase"
    BINDINGS: ClassVar = [Binding("escape", "app.quit", "Quit")]
    DEFAULT_CSS = """
    LockScreen {
        align: center middle;
    }
    LockScreen #lock {
        width: 60;
        max-width: 100%;
        height: auto;
        border: round $primary;
        padding: 0 1;
    }
    LockScreen #lock-title {
        text-style: bold;
    }
    LockScreen #lock-message {
        height: auto;
        color: $text-muted;
    }
    LockScreen #lock-message.wrong {
        color: $error;
    }
    """

    def __init__(self, unlock: Unlock, opened: Callable[[Store], object]) -> None:
        super().__init__()
        self._unlock = unlock
        self._opened = opened

    def compose(self) -> ComposeResult:
        with Vertical(id="lock"):
            yield Static("Wellbeing Journal is locked", id="lock-title", markup=False)
            yield Input(placeholder="passphrase", password=True, id="passphrase")
            yield Static(
                "Type the passphrase and press enter; escape quits.",
                id="lock-message",
                markup=False,
            )

    @on(Input.Submitted, "#passphrase")
    def try_passphrase(self, event: Input.Submitted) -> None:
        field = event.input
        passphrase = field.value
        field.value = ""
        if not passphrase:
            return
        field.disabled = True
        self._say("Opening the journal…")
        self._open(passphrase)

    @work(thread=True, exclusive=True)
    def _open(self, passphrase: str) -> None:
        try:
            store = self._unlock(passphrase)
        except WrongPassphrase:
            self.app.call_from_thread(self._again, "Wrong passphrase; try again.")
        except StoreError as exc:
            self.app.call_from_thread(self._again, str(exc))
        else:
            self.app.call_from_thread(self._opened, store)

    def _again(self, message: str) -> None:
        self._say(message, wrong=True)
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()

    def _say(self, message: str, *, wrong: bool = False) -> None:
        shown = self.query_one("#lock-message", Static)
        shown.update(message)
        shown.set_class(wrong, "wrong")
