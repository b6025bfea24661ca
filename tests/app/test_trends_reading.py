"""Trends that read true: headline figures, a 7-day mean that runs on over days
without entries and looks unlike the days' dots, mood rows evenly spaced, pixels
that round halves one way, and the before/after chart when nothing was rated."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from textual.content import Content

from journal.app import build_app
from journal.models import EntryInput
from journal.pmr import BUILTIN_ROUTINES
from journal.stats import charts
from tests.app.app_helpers import screen_lines, screen_text
from tests.app.test_trends import Recorder, settle
from tests.conftest import FROZEN
from widgets.charts import TrendChart
from widgets.mood_picker import MOOD_COLOURS
from widgets.year_pixels import YearInPixels


def days_ago(n: int, hour: int = 12):
    return FROZEN.replace(hour=hour, minute=0) - timedelta(days=n)


def three_days(store) -> None:
    """Day 1: moods 2 and 3 (2.5); day 2: 3 and 4 (3.5); today: 5 alone."""
    for n, moods in ((2, (2, 3)), (1, (3, 4)), (0, (5,))):
        for hour, mood in enumerate(moods, start=8):
            store.entries.add(EntryInput.make(mood=mood, stress=2 * mood), at=days_ago(n, hour))


async def test_the_headline_figures_of_the_range(store, clock):
    three_days(store)
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        # The means are of the days' means: (2.5 + 3.5 + 5) / 3 and twice that.
        assert "mean mood 3.7 good" in text and "mean stress 7.3/10" in text
        assert "5 entries on 3 of 3 days" in text  # from the journal's first day
        # 2.5 is okay and 3.5 good: halves round the same way, up.
        assert "■ awful 0  ■ bad 0  ■ okay 1  ■ good 1  ■ great 1" in text


async def test_the_year_in_pixels_rounds_halves_the_same_way(store, clock):
    three_days(store)
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pixels = app.screen.query_one(YearInPixels).render()
        colours = [str(span.style) for span in pixels.spans]
        # Each colour once in the legend, and once more for each day it colours.
        counts = {mood: colours.count(colour) - 1 for mood, colour in MOOD_COLOURS.items()}
        assert counts == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}  # 2.5 -> okay, 3.5 -> good
        legend = pixels.plain.splitlines()[-1]
        assert all(word in legend for word in ("awful", "bad", "okay", "good", "great"))


async def test_before_and_after_counts_sessions_that_were_not_rated(store, clock):
    store.entries.add(EntryInput.make(mood=3), at=days_ago(1))
    clock.now = days_ago(1, 7)
    session = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=6)
    store.sessions.record_progress(session.id, seconds=200, groups_done=4, completed=True)
    clock.now = FROZEN
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one("#before-after-chart", TrendChart)
        assert Content.from_markup(chart.border_subtitle).plain == (
            "1 session, none rated before and after"
        )
        chart.scroll_visible(animate=False)
        await settle(pilot)
        assert "1 session, none rated before and after" in screen_text(app)
        assert "no data" not in screen_text(app)


async def test_the_7_day_mean_runs_on_over_days_without_entries(store, clock):
    # An entry every third day for a month: each day's window holds one.
    for n in range(0, 30, 3):
        store.entries.add(EntryInput.make(mood=3 + n % 2), at=days_ago(n))
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one("#mood-chart", TrendChart)
        plt = Recorder()
        chart._draw(plt, 100)
        lines = [args for args, _ in plt.drawn("plot")]
        assert len(lines) == 1  # one unbroken line
        assert lines[0][0] == list(range(28))  # 28 days, the first to today
        # Told apart by more than position: a marker and a colour of their own.
        ((_, dots),) = plt.drawn("scatter")
        ((_, line),) = plt.drawn("plot")
        assert dots["marker"] != line["marker"] and dots["color"] != line["color"]
        legend = Content.from_markup(chart.border_subtitle).plain
        assert charts.DAY_MARKER in legend and f"{charts.LINE_SAMPLE} 7-day mean" in legend


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_mood_rows_are_evenly_spaced(store, clock, size):
    three_days(store)
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        rows = [
            next(n for n, line in enumerate(lines) if f"{word}┤" in line)
            for word in ("great", "good", "okay", "bad", "awful")
        ]
        gaps = {b - a for a, b in pairwise(rows)}
        assert gaps == {2}, rows  # two rows a mood: a mean of 3.5 sits between 3 and 4
