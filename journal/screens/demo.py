"""`journal --demo`: every screen says it is a demo, and that nothing written in it
is kept (the demo's journal is deleted when the app ends)."""

from __future__ import annotations

from textual.screen import ModalScreen, Screen
from textual.widgets import Static

DEMO_MARK = "Demo journal: sample data, and nothing you write here is kept"
SHORT_MARK = "Demo: nothing is kept"
SAVED_IN_DEMO = "Saved in the demo only: it is gone when you quit"


class DemoMark(Static):
    """A line at the top of a screen saying it is the demo."""

    DEFAULT_CSS = """
    DemoMark {
        width: 1fr;
        height: 1;
        padding: 0 1;
        background: $warning 35%;
        color: $text;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__(DEMO_MARK, markup=False, id="demo-mark")

    def on_resize(self) -> None:
        self.update(DEMO_MARK if self.size.width >= len(DEMO_MARK) + 2 else SHORT_MARK)


def mark_as_demo(screen: Screen) -> None:
    """Put the demo line at the top of `screen` (modal questions sit over a screen
    that has it already)."""
    if isinstance(screen, ModalScreen) or screen.query(DemoMark):
        return
    screen.mount(DemoMark(), before=0 if screen.children else None)
