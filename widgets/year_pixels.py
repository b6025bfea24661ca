"""A year in pixels: one square a day, coloured by that day's mood, in week columns
(Monday at the top), the newest week on the right."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from journal.models import MOODS
from journal.rounding import whole
from widgets.mood_picker import mood_colour

DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4
SQUARE = "■"
EMPTY = "·"


class YearInPixels(Widget):
    """Give it (day, mean mood or None) for each day; it shows as many of the most
    recent weeks as fit, two cells a day when there is room, else one."""

    DEFAULT_CSS = """
    YearInPixels {
        height: 10;
        width: 1fr;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.days: list[tuple[date, float | None]] = []

    def show(self, days: Sequence[tuple[date, float | None]]) -> None:
        self.days = list(days)
        self.refresh()

    def render(self) -> Content:
        if not self.days:
            return Content("")
        moods = dict(self.days)
        last = self.days[-1][0]
        first = self.days[0][0]
        start = first - timedelta(days=first.weekday())  # the Monday of the first week
        weeks = (last - start).days // 7 + 1
        room = max(self.size.width - LABEL_WIDTH, 1)
        cell = 2 if weeks * 2 <= room else 1
        shown = min(weeks, room // cell)
        start += timedelta(weeks=weeks - shown)
        lines = [self._months(start, shown, cell)]
        for weekday in range(7):
            parts: list = [(f"{DAY_LABELS[weekday]:<{LABEL_WIDTH}}", "dim")]
            for week in range(shown):
                day = start + timedelta(weeks=week, days=weekday)
                parts.append(self._square(day, moods, last, cell))
            lines.append(Content.assemble(*parts))
        lines.append(self._legend())
        return Content("\n").join(lines)

    def _square(self, day: date, moods: dict, last: date, cell: int) -> Content:
        pad = " " * (cell - 1)
        if day > last or day not in moods:
            return Content(" " * cell)
        mood = moods[day]
        if mood is None:
            return Content.styled(EMPTY + pad, "dim")
        return Content.styled(SQUARE + pad, mood_colour(whole(mood)))

    def _months(self, start: date, weeks: int, cell: int) -> Content:
        """Month names above the week each month starts in, where they fit."""
        row = [" "] * (LABEL_WIDTH + weeks * cell + 4)
        free_from = 0
        for week in range(weeks):
            monday = start + timedelta(weeks=week)
            sunday = monday + timedelta(days=6)
            first_of_month = sunday.day <= 7  # this week holds the 1st
            # The first column names its month only if that month has room to show.
            if (week == 0 and sunday.day <= 21) or first_of_month:
                name = f"{sunday:%b}"
                at = LABEL_WIDTH + week * cell
                if at >= free_from and at + len(name) <= len(row):
                    row[at : at + len(name)] = name
                    free_from = at + len(name) + 1
        return Content.styled("".join(row).rstrip(), "dim")

    def _legend(self) -> Content:
        parts: list = [" " * LABEL_WIDTH]
        for value, word in MOODS.items():
            parts += [(SQUARE, mood_colour(value)), f" {word}  "]
        parts.append((f"{EMPTY} no mood", "dim"))
        return Content.assemble(*parts)
