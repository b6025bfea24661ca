"""What the three main screens share: the keys that move between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker

if TYPE_CHECKING:
    from journal.app import JournalApp
    from journal.store import Store


def main_bindings(here: str) -> list[Binding]:
    """The keys between the main screens, listed after each screen's own so the
    footer shows those first; `here` is the screen's own key, left out of the footer."""
    keys = [
        ("j", "show_journal", "Journal"),
        ("p", "show_relax", "Relax"),
        ("t", "show_trends", "Trends"),
    ]
    return [
        *(
            Binding(key, action, description, show=key != here, priority=True)
            for key, action, description in keys
        ),
        Binding("question_mark", "help", "Help", priority=True),
        Binding("q", "quit", "Quit", priority=True),
        # Last: where the footer runs out of room, help and quit stay in sight.
        Binding("w", "checkin", "Check-in", priority=True),
    ]


class MainScreen(Screen):
    """Journal, Relaxation and Trends: `j` / `p` / `t` go between them, `w` opens
    the well-being check-in, `q` quits.

    Priority bindings act before the next key is read, so keys typed ahead land
    where they are meant to; check_action gives a focused text box its letters.
    """

    app: JournalApp

    @property
    def store(self) -> Store:
        return self.app.store

    def typing(self) -> bool:
        """A text box has the keys: letters are text, not commands."""
        return isinstance(self.app.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in _MAIN_ACTIONS and self.typing())

    @on(Worker.StateChanged)
    def worker_changed(self, event: Worker.StateChanged) -> None:
        """A worker's messages go to the node that started it, not to the app:
        this screen's workers fail the app's way (JournalApp.worker_failed)."""
        self.app.worker_failed(event)

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def action_help(self) -> None:
        self.app.action_help()

    def action_show_journal(self) -> None:
        self.app.switch_mode("journal")

    def action_show_relax(self) -> None:
        self.app.switch_mode("relax")

    def action_show_trends(self) -> None:
        self.app.switch_mode("trends")

    def action_checkin(self) -> None:
        """The WHO-5 well-being check-in, over this screen."""
        from journal.screens.checkin import CheckinScreen

        if self.app.can_write("take a check-in"):
            self.app.push_screen(CheckinScreen())


_MAIN_ACTIONS = {"show_journal", "show_relax", "show_trends", "checkin", "help", "quit"}
