"""A focusable 1-line scale of numbered choices (the base of mood and stress)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ScalePicker(Widget, can_focus=True):
    """Pick one whole number on a scale with digits or left/right; none is allowed."""

    DEFAULT_CSS = """
    ScalePicker {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    ScalePicker:focus {
        background: $primary 25%;
    }
    """

    BINDINGS: ClassVar = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    LOWEST: ClassVar[int] = 0
    HIGHEST: ClassVar[int] = 10
    START: ClassVar[int] = 5  # where left/right begin when nothing is picked

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The picked value changed (None: cleared)."""

        def __init__(self, picker: ScalePicker, value: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> ScalePicker:
            return self.picker

    def __init__(self, value: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(ScalePicker.value, value)

    def validate_value(self, value: int | None) -> int | None:
        if value is None:
            return None
        return min(max(value, self.LOWEST), self.HIGHEST)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        self.value = self.START if self.value is None else self.value + delta

    def action_clear(self) -> None:
        self.value = None

    def digit_value(self, digit: int) -> int | None:
        """The value a typed digit picks, or None when the scale refuses it."""
        return digit if self.LOWEST <= digit <= self.HIGHEST else None

    def on_key(self, event: Key) -> None:
        if event.character and event.character.isdigit() and len(event.character) == 1:
            event.stop()
            event.prevent_default()
            picked = self.digit_value(int(event.character))
            if picked is None:
                self.app.bell()
                self.notify(self.refusal, severity="warning", timeout=3)
            else:
                self.value = picked

    @property
    def refusal(self) -> str:
        return f"Type {self.LOWEST}-{self.HIGHEST}"

    def label(self, value: int) -> str:
        return str(value)

    def colour(self, value: int) -> str:
        return ""

    def describe(self, value: int | None) -> str:
        return ""

    def render(self) -> Content:
        full = self._scale_content(labels=True)
        if full.cell_length <= self.content_region.width or not self.content_region.width:
            return full
        # Too narrow for the words: numbers only, the picked one still named.
        return self._scale_content(labels=False)

    def _scale_content(self, *, labels: bool) -> Content:
        parts: list[Content | str] = []
        for value in range(self.LOWEST, self.HIGHEST + 1):
            text = self.label(value) if labels or value == self.value else str(value)
            pad = " " if labels else ""
            if value == self.value:
                style = f"bold reverse {self.colour(value)}"
                parts.append(Content.styled(f"{pad}{text}{pad}", style))
            else:
                style = "dim" if self.value is not None else ""
                parts.append(Content.styled(f"{pad}{text}{pad}", style))
            if not labels:
                parts.append(" ")
        described = self.describe(self.value)
        if described and labels and self.value is not None:
            parts.append(Content.styled(f"  {described}", f"bold {self.colour(self.value)}"))
        return Content.assemble(*parts)
