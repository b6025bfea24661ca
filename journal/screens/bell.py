"""The relaxation bell's key: `b` turns it off or on, and the footer says which it
is, on the routine list and while a session runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from journal.app import JournalApp


def bell_bindings() -> list[Binding]:
    """Two bindings of `b`, one shown at a time (see bell_key_applies): the footer
    shows the bell's state, and `b` changes it."""
    return [
        Binding("b", "bell(False)", "Bell: on", priority=True, tooltip="b turns the bell off"),
        Binding("b", "bell(True)", "Bell: off", priority=True, tooltip="b turns the bell on"),
    ]


def bell_key_applies(action: str, parameters: tuple[object, ...], bell_on: bool) -> bool | None:
    """check_action for the bell bindings (None: not a bell binding)."""
    if action != "bell":
        return None
    return bool(parameters) and parameters[0] is not bell_on


def set_bell(app: JournalApp, on: bool, done: Callable[[], None]) -> bool:
    """Remember the bell setting (through the app's writes); False on a read-only
    journal (said on screen)."""
    if not app.can_write("turn the bell on or off"):
        return False
    settings = app.store.settings
    app.write(lambda wait: settings.set_bell(on, wait=wait), key="bell", done=lambda _: done())
    return True


def bell_said(on: bool) -> str:
    return "The bell marks each tense and release" if on else "Bell off: the timer is silent"
