"""The Trends screen: mood and stress per day, relaxation per week, stress before and
after sessions, a year in pixels, tags, streaks. Figures come from journal.stats in
a worker; the charts draw themselves to the terminal's size."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from journal import stats
from journal.rounding import fixed
from journal.screens.main import MainScreen, main_bindings
from journal.screens.wellbeing import WellbeingPanel
from journal.stats import charts
from journal.stats.figures import Trends
from widgets.charts import Draw, TrendChart, muted_rgb, theme_rgb
from widgets.trend_figures import HeadlineFigures, plural, tag_table
from widgets.year_pixels import YearInPixels

RANGE_NAMES = {7: "7 days", 30: "30 days", 90: "90 days", 365: "365 days", None: "all time"}
NARROW = 100  # below this width the charts go one under another
EMPTY = """\
Nothing to chart yet.

Once there are entries with a mood or a stress level, this screen shows:

  - your mean mood and stress, and how many days you had each mood
  - mood and stress per day, with their 7-day averages
  - minutes of relaxation per week
  - stress before and after each relaxation session
  - a year in pixels: each day coloured by its mood
  - which tags go with better or worse days, and your streaks
  - your well-being check-ins (WHO-5) over time

Press j to write an entry, or p to start a relaxation session."""


class TrendsScreen(MainScreen):
    """Charts for a range of days; keys 1-5 choose 7, 30, 90, 365 days or all."""

    BINDINGS: ClassVar = [
        Binding("1", "range(7)", "7d", priority=True),
        Binding("2", "range(30)", "30d", priority=True),
        Binding("3", "range(90)", "90d", priority=True),
        Binding("4", "range(365)", "1y", priority=True),
        Binding("5", "range(0)", "All", priority=True),
        *main_bindings("t"),
    ]

    AUTO_FOCUS = "#trends"

    class Computed(Message):
        """The figures for a range, from the worker."""

        def __init__(self, days: int | None, trends: Trends, journal_empty: bool) -> None:
            super().__init__()
            self.days = days
            self.trends = trends
            self.journal_empty = journal_empty

    def __init__(self) -> None:
        super().__init__()
        self.days: int | None = 30
        self.trends: Trends | None = None
        self.journal_empty = True

    def compose(self) -> ComposeResult:
        yield Static("", id="trends-head")
        with VerticalScroll(id="trends", can_focus=True):
            yield Static(EMPTY, id="trends-empty", markup=False, classes="-hidden")
            yield HeadlineFigures(id="headline")
            with Grid(id="charts"):
                yield TrendChart("Mood per day", id="mood-chart")
                yield TrendChart("Stress per day", id="stress-chart")
                yield TrendChart("Relaxation minutes per week", id="practice-chart")
                yield TrendChart("Stress before and after relaxing", id="before-after-chart")
            yield WellbeingPanel(id="wellbeing")
            yield Static("", id="year-title", markup=False)
            yield YearInPixels(id="year")
            yield Static("", id="tag-table-title", markup=False)
            yield Static("", id="tag-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#year-title", Static).update("A year in pixels")
        self.query_one("#tag-table-title", Static).update("Tags and your days")
        self.app.theme_changed_signal.subscribe(self, lambda _: self._draw())
        self.compute()

    def on_screen_resume(self) -> None:
        # Entries and sessions may have changed on the other screens.
        if self.trends is not None:
            self.compute()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self.query_one(WellbeingPanel).set_class(event.size.width < NARROW, "-narrow")
        # Captions say how many days a dot holds, which depends on the width.
        self.call_after_refresh(self._draw)

    def action_range(self, days: int) -> None:
        self.days = days or None
        self.compute()

    # -- figures -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="trends", exit_on_error=False)
    def compute(self) -> None:
        store = self.app.store
        days = self.days
        until = store.clock().date()
        figures = store.trends.read(stats.range_start(days, until), until)
        journal_empty = (
            figures.is_empty
            and not store.entries.count()
            and not store.sessions.recent(limit=1)
            and not store.checkins.latest()
        )
        if not get_current_worker().is_cancelled:
            self.post_message(self.Computed(days, figures, journal_empty))

    @on(Computed)
    def computed(self, event: Computed) -> None:
        if event.days == self.days:
            self.trends = event.trends
            self.journal_empty = event.journal_empty
            self._draw()
            self.query_one(WellbeingPanel).load(event.trends.since, event.trends.until)

    # -- drawing -------------------------------------------------------------------

    # Each part of the screen draws itself from the figures; a new chart is one more
    # TrendChart in compose() and one more method called here.

    PARTS = (
        "#headline",
        "#charts",
        "#wellbeing",
        "#year-title",
        "#year",
        "#tag-table-title",
        "#tag-table",
    )

    def _draw(self) -> None:
        trends = self.trends
        if trends is None:
            return
        self._show_head(trends)
        empty = self.journal_empty
        self.query_one("#trends-empty").set_class(not empty, "-hidden")
        for part in self.PARTS:
            self.query_one(part).set_class(empty, "-hidden")
        if empty:
            return
        self.query_one(HeadlineFigures).show(trends.headline)
        self._draw_daily(trends)
        self._draw_practice(trends)
        self._draw_before_after(trends)
        self.query_one(YearInPixels).show([(d.day, d.mood) for d in trends.year])
        self.query_one("#tag-table", Static).update(tag_table(trends.tags))

    def _chart_width(self) -> int:
        return self.query_one("#mood-chart").size.width or self.size.width // 2

    def _draw_daily(self, trends: Trends) -> None:
        """Mood and stress per day: a dot a day (or bin), the 7-day mean as a line
        in a colour of its own, and a legend in the moods' chart colours."""
        days = trends.days
        size = charts.bin_size(len(days), self._chart_width())
        dot = "day" if size == 1 else f"mean of {size} days"
        line = muted_rgb(self)
        for field, variable in (("mood", "primary"), ("stress", "warning")):
            colour = theme_rgb(self, variable)
            chart = self.query_one(f"#{field}-chart", TrendChart)
            values = sum(1 for d in days if getattr(d, field) is not None)
            if not values:
                written = trends.headline.entries
                chart.show(
                    None,
                    f"{plural(written, 'entry')}, none with a {field}"
                    if written
                    else "no entries in this range",
                )
                continue
            legend = Content.assemble(
                (charts.DAY_MARKER, _hex(colour)),
                f" {dot}  ",
                (charts.LINE_SAMPLE, _hex(line)),
                " 7-day mean",
            )
            draw = partial(
                charts.daily_chart, days=days, field=field, colour=colour, rolling_colour=line
            )
            chart.show(at_width(draw), legend)

    def _draw_practice(self, trends: Trends) -> None:
        weeks = trends.weeks
        practice = trends.practice
        chart = self.query_one("#practice-chart", TrendChart)
        if not any(w.minutes for w in weeks):
            chart.show(None, "no relaxation sessions in this range")
            return
        per_bar = charts.weeks_per_bar(len(weeks), self._chart_width())
        bars = "" if per_bar == 1 else f"bars of {per_bar} weeks · "
        draw = partial(charts.weekly_chart, weeks=weeks, colour=theme_rgb(self, "success"))
        chart.show(
            at_width(draw),
            f"{bars}{plural(practice.sessions, 'session')}, {fixed(practice.minutes, 0)} min",
        )

    def _draw_before_after(self, trends: Trends) -> None:
        """Stress before (x) and after (o) each session rated both times; with
        sessions but none rated so, says how many there were."""
        rated = trends.stress_change.sessions
        sessions = trends.practice.sessions
        chart = self.query_one("#before-after-chart", TrendChart)
        if not rated:
            chart.show(
                None,
                f"{plural(sessions, 'session')}, none rated before and after"
                if sessions
                else "no relaxation sessions in this range",
            )
            return
        per_mark = charts.sessions_per_mark(len(rated), self._chart_width())
        caption = "x before, o after"
        if per_mark > 1:
            caption += f" (means of {per_mark})"
        if len(rated) < sessions:
            caption += f" · {len(rated)} of {sessions} rated"
        change = trends.stress_change.mean_change
        if change is not None:
            caption += f" · {fixed(change, sign=True)} on average"
        draw = partial(
            charts.before_after_chart,
            sessions=rated,
            before_colour=theme_rgb(self, "warning"),
            after_colour=theme_rgb(self, "success"),
        )
        chart.show(at_width(draw), caption)

    def _show_head(self, trends: Trends) -> None:
        keys = []
        for key, days in stats.RANGES.items():
            name = RANGE_NAMES[days]
            style = "bold reverse" if days == self.days else "dim"
            keys += [(f" {key} ", style), (f"{name}  ", "" if days == self.days else "dim")]
        streaks = trends.streaks
        facts: list = []
        if trends.days:
            first, last = trends.days[0].day, trends.days[-1].day
            facts.append(f"{first:%d %b %Y} – {last:%d %b %Y}")
        if streaks.longest:
            streak = f"streak {streaks.current} day{'s' if streaks.current != 1 else ''}"
            if streaks.current and not streaks.today_written:
                streak += " (write today to keep it)"
            facts.append(f"{streak}, longest {streaks.longest}")
        if trends.is_empty and not self.journal_empty:
            facts.append("nothing in these days: 5 shows all")
        self.query_one("#trends-head", Static).update(
            Content.assemble(("Trends ", "bold"), *keys, "\n", (" · ".join(facts), "dim"))
        )


def at_width(recipe: Callable[..., None]) -> Draw:
    """A chart recipe with everything but the figure and its width given."""
    return lambda plt, width: recipe(plt, width=width)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)
