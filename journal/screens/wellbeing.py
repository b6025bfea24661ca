"""The well-being part of Trends: WHO-5 scores over the range (0-100, the 50 line
marked), the latest score and its change, and WHO5.md's words for it. It reads its
own figures in a worker, so Trends' other charts do not wait for it."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from journal.stats.wellbeing import Wellbeing, wellbeing_chart
from journal.who5 import CHANGE_WORDS, SCORE_LINE, SCORE_MAX, signed
from widgets.charts import TrendChart, theme_rgb

if TYPE_CHECKING:
    from journal.app import JournalApp

CHART_HEIGHT = 16
NONE_YET = "No check-ins in these days. w takes one: five statements about the last two weeks."


def summary(wellbeing: Wellbeing) -> Content:
    """The latest score, its change (10 or more pointed out), and the words for it."""
    latest = wellbeing.latest
    if latest is None:
        return Content.styled(NONE_YET, "dim")
    parts: list = [
        ("Latest ", "dim"),
        (f"{latest.score}", "bold $primary"),
        f" of {SCORE_MAX}",
        (f" · {latest.taken_at:%d %b %Y}\n", "dim"),
    ]
    previous = wellbeing.previous
    if wellbeing.change is not None and previous is not None:
        parts += [
            (signed(wellbeing.change), "bold"),
            f" since {previous.taken_at:%d %b %Y} ({previous.score})\n",
        ]
        if wellbeing.meaningful_change:
            parts.append((CHANGE_WORDS + "\n", "bold"))
    else:
        parts.append(("The first check-in: the next one shows the change.\n", "dim"))
    count = len(wellbeing.checkins)
    parts.append((f"{count} check-in{'s' if count != 1 else ''} in these days\n", "dim"))
    if wellbeing.words:
        parts += ["\n", (wellbeing.words, "bold")]
    return Content.assemble(*parts)


class WellbeingPanel(Vertical):
    """Scores over time beside what the latest one means."""

    DEFAULT_CSS = """
    WellbeingPanel {
        height: auto;
    }
    WellbeingPanel #wellbeing-title {
        text-style: bold;
        margin-top: 1;
    }
    WellbeingPanel #wellbeing-row {
        height: auto;
    }
    WellbeingPanel #wellbeing-chart {
        width: 3fr;
    }
    WellbeingPanel #wellbeing-summary {
        width: 2fr;
        height: auto;
        padding: 1 1 0 2;
    }
    WellbeingPanel.-narrow #wellbeing-row {
        layout: vertical;
    }
    WellbeingPanel.-narrow #wellbeing-chart {
        width: 1fr;
    }
    WellbeingPanel.-narrow #wellbeing-summary {
        width: 1fr;
        padding: 0 1;
    }
    """

    class Loaded(Message):
        def __init__(self, wellbeing: Wellbeing, days: list[date]) -> None:
            super().__init__()
            self.wellbeing = wellbeing
            self.days = days

    app: JournalApp

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.wellbeing: Wellbeing | None = None
        self.days: list[date] = []

    def compose(self) -> ComposeResult:
        yield Static("Well-being check-ins (WHO-5)", id="wellbeing-title", markup=False)
        with Horizontal(id="wellbeing-row"):
            chart = TrendChart(f"Score, 0-{SCORE_MAX}", id="wellbeing-chart")
            # Inline: Trends' own style gives its charts the height of their grid row.
            chart.styles.height = CHART_HEIGHT
            yield chart
            yield Static("", id="wellbeing-summary")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _: self._draw())

    @work(thread=True, exclusive=True, group="wellbeing", exit_on_error=False)
    def load(self, since: date | None, until: date) -> None:
        """Read the check-ins of the range (None: from the first) and draw them."""
        wellbeing = self.app.store.checkins.wellbeing(since, until)
        first = since or (wellbeing.checkins[0].taken_at.date() if wellbeing.checkins else until)
        days = [first + timedelta(days=n) for n in range((until - first).days + 1)]
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(wellbeing, days))

    @on(Worker.StateChanged)
    def worker_changed(self, event: Worker.StateChanged) -> None:
        """A store error in the worker is said on screen, the app's way."""
        self.app.worker_failed(event)

    @on(Loaded)
    def loaded(self, event: Loaded) -> None:
        event.stop()
        self.wellbeing = event.wellbeing
        self.days = event.days
        self._draw()

    def _draw(self) -> None:
        wellbeing = self.wellbeing
        if wellbeing is None:
            return
        chart = self.query_one(TrendChart)
        self.query_one("#wellbeing-summary", Static).update(summary(wellbeing))
        if not wellbeing.checkins:
            chart.show(None, "no check-ins in this range")
            return
        draw = partial(
            wellbeing_chart,
            checkins=wellbeing.checkins,
            days=self.days,
            colour=theme_rgb(self, "accent"),
            line_colour=theme_rgb(self, "foreground-muted", "#777777"),
        )
        chart.show(lambda plt, width: draw(plt, width=width), f"● a check-in · ─ {SCORE_LINE}")
