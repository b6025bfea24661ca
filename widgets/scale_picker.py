"""A focusable 1-line scale of numbered choices (the base of mood and stress)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

# After a digit that can start a two-digit value (`1` on a 0-10 scale), how long a
# second digit still joins it, as on a number pad: `1` then `0` typed together is 10.
SECOND_DIGIT_WINDOW = 1.0


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
    # Keys handled here rather than as bindings, for help (journal.screens.help).
    HELP_KEYS: ClassVar[tuple[tuple[str, str], ...]] = ()

    value: reactive[int | None] = reactive(None)
    # The first digit of a two-digit value while its second may still come.
    pending: reactive[int | None] = reactive(None)

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
        self._window: Timer | None = None

    def validate_value(self, value: int | None) -> int | None:
        if value is None:
            return None
        return min(max(value, self.LOWEST), self.HIGHEST)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        self.end_pending()
        self.value = self.START if self.value is None else self.value + delta

    def action_clear(self) -> None:
        self.end_pending()
        self.value = None

    def digit_value(self, digit: int) -> int | None:
        """The value a typed digit picks, or None when the scale refuses it."""
        return digit if self.LOWEST <= digit <= self.HIGHEST else None

    def on_key(self, event: Key) -> None:
        if event.character and event.character.isdigit() and len(event.character) == 1:
            event.stop()
            event.prevent_default()
            self.type_digit(int(event.character))
        elif self.pending is not None:
            self.end_pending()  # any other key ends the wait for a second digit

    def type_digit(self, digit: int) -> None:
        """A digit typed here: it picks its value at once, and one that can start a
        two-digit value (`1` on a 0-10 scale) waits a moment for the second."""
        first = self.pending
        self.end_pending()
        if first is not None and self.LOWEST <= first * 10 + digit <= self.HIGHEST:
            self.value = first * 10 + digit
            return
        picked = self.digit_value(digit)
        if picked is None:
            self.app.bell()
            self.notify(self.refusal, severity="warning", timeout=3)
            return
        self.value = picked
        if digit and digit * 10 <= self.HIGHEST:
            self.pending = digit
            self._window = self.set_timer(SECOND_DIGIT_WINDOW, self.end_pending)

    def end_pending(self) -> None:
        """The moment for a second digit is over: the first one stands."""
        if self._window is not None:
            self._window.stop()
            self._window = None
        self.pending = None

    def on_blur(self) -> None:
        self.end_pending()

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
        width = self.content_region.width
        # Too narrow for the words: numbers only, the picked one still named; then a
        # shorter word on a pending digit.
        for labels, hint in ((True, True), (False, True)):
            content = self._scale_content(labels=labels, hint=hint)
            if content.cell_length <= width or not width:
                return content
        return self._scale_content(labels=False, hint=False)

    def _scale_content(self, *, labels: bool, hint: bool = True) -> Content:
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
        if self.pending is not None:
            # The first digit is picked; say that a second one still joins it.
            tens = self.pending * 10
            last = min(tens + 9, self.HIGHEST)
            then = f"then 0 for {tens}" if last == tens else f"then 0-{last % 10} for {tens}-{last}"
            # Too narrow for words: the digit and an ellipsis still say "more may come".
            parts.append(Content.styled(f"  {self.pending}… {then if hint else ''}", "italic"))
        return Content.assemble(*parts)
