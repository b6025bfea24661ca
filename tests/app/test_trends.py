"""The Trends screen, and the chart recipes it shares with `journal stats`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from journal.app import build_app
from journal.models import EntryInput
from journal.sample import DEMO_DAYS, DEMO_ENTRIES, DEMO_SEED, generate
from journal.screens.trends import TrendsScreen
from journal.stats import charts
from journal.stats.figures import Day
from journal.store import Store
from tests.app.app_helpers import screen_text
from tests.conftest import FROZEN, FakeClock
from widgets.charts import TrendChart
from widgets.year_pixels import YearInPixels


class Recorder:
    """Stands in for plotext: remembers what was drawn."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))

    def drawn(self, name: str) -> list[tuple[tuple, dict]]:
        return [(args, kwargs) for called, args, kwargs in self.calls if called == name]


def day(n: int, mood: float | None, rolling: float | None = None) -> Day:
    return Day(date(2026, 11, n), 1 if mood else 0, mood, None, rolling, None, 0.0)


def test_a_day_without_data_is_a_gap_in_the_chart_not_a_zero():
    days = [day(1, 4, 4), day(2, 2, 3), day(3, None), day(4, None), day(5, 5, 5)]
    plt = Recorder()
    charts.daily_chart(plt, days, "mood", "red", 80)
    ((points, _),) = plt.drawn("scatter")
    assert points == ((0, 1, 4), (4, 2, 5))  # x places 0, 1, 4; nothing at 2 and 3
    lines = [args for args, _ in plt.drawn("plot")]
    assert lines == [([0, 1], [4, 3]), ([4], [5])]  # the rolling line breaks at the gap


def test_dates_along_the_axis_fit_the_width():
    start = date(2026, 1, 1)
    days = [Day(start + timedelta(d), 1, 3, None, 3, None, 0) for d in range(365)]
    for width in (40, 100, 200):
        plt = Recorder()
        charts.daily_chart(plt, days, "mood", "red", width)
        ((places, labels), _) = plt.drawn("xticks")[0]
        assert len(labels) * 10 <= width  # room for each label
        assert places[0] == 0 and places[-1] == 364
        assert labels[0] == "Jan 2026" and labels[-1] == "Dec 2026"


def demo_app(size_days=DEMO_DAYS):
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    generate(store, entries=DEMO_ENTRIES, days=size_days, end=FROZEN, seed=DEMO_SEED)
    return build_app(store, clock, mode="trends")


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_an_empty_journal_says_what_will_appear(store):
    app = build_app(store, store.clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing to chart yet" in text
        assert "year in pixels" in text
        assert "┤" not in text  # no empty axes


async def test_range_keys_choose_the_days_charted():
    app = demo_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert len(screen.trends.days) == 30  # the default range
        assert "26 Oct 2026 – 24 Nov 2026" in screen_text(app)
        first_day = app.store.trends.first_day()
        from_the_start = (FROZEN.date() - first_day).days + 1
        assert 90 < from_the_start < 365
        # 365 days of a younger journal start where it does.
        for key, days in (("1", 7), ("3", 90), ("4", from_the_start)):
            await pilot.press(key)
            await settle(pilot)
            assert len(screen.trends.days) == days
        await pilot.press("5")
        await settle(pilot)
        first = screen.trends.days[0].day
        assert first == min(d.day for d in screen.trends.days if d.entries or d.pmr_minutes)
        assert f"{first:%d %b %Y} – 24 Nov 2026" in screen_text(app)


async def test_the_charts_are_labelled_and_fit_the_terminal():
    app = demo_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for title in ("Mood per day", "Stress per day", "Relaxation minutes per week"):
            assert title in text
        assert "great┤" in text and "awful┤" in text  # mood axis in words
        assert "24 Nov" in text  # dates along the x axis
        for chart in app.screen.query(TrendChart):
            assert chart.region.right <= 100
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        for chart in app.screen.query(TrendChart):
            assert chart.size.width <= 60


async def test_new_entries_show_when_the_screen_comes_back(store, clock):
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Nothing to chart yet" in screen_text(app)
        await pilot.press("j")
        store.entries.add(EntryInput.make(mood=4, stress=2, tags=["walk"]))
        await pilot.press("t")
        await settle(pilot)
        assert "Nothing to chart yet" not in screen_text(app)
        assert app.screen.trends.days[-1].mood == 4


async def test_chart_colours_follow_the_theme():
    app = demo_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one("#mood-chart", TrendChart)

        def colour_drawn() -> object:
            plt = Recorder()
            chart._draw(plt, 80)
            return plt.drawn("scatter")[0][1]["color"]

        from textual.color import Color

        dark = colour_drawn()
        assert dark == Color.parse(app.theme_variables["primary"]).rgb
        app.theme = "textual-light"
        await settle(pilot)
        assert colour_drawn() == Color.parse(app.theme_variables["primary"]).rgb != dark


def test_year_in_pixels_colours_each_day_and_leaves_gaps():
    from textual.app import App

    class One(App):
        def compose(self):
            yield YearInPixels()

    async def run(width: int) -> list[str]:
        app = One()
        async with app.run_test(size=(width, 12)) as pilot:
            widget = app.query_one(YearInPixels)
            start = date(2026, 1, 1)
            widget.show(
                [
                    (start + timedelta(d), (d % 5) + 1 if d % 3 else None)
                    for d in range(328)  # to 24 Nov 2026, a Tuesday
                ]
            )
            await pilot.pause()
            return screen_text(app).splitlines()

    import asyncio

    wide = asyncio.run(run(120))
    assert wide[1].startswith("Mon ")
    assert "Jan" in wide[0] and "Nov" in wide[0]
    assert "■" in wide[1] and "·" in wide[1]  # moods, and days without one
    narrow = asyncio.run(run(30))
    assert all(len(line.rstrip()) <= 30 for line in narrow)
    assert "Nov" in narrow[0]  # the newest weeks are the ones kept


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_small_terminals_do_not_break_trends(size):
    app = demo_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("5", "down", "pagedown", "end")
        await settle(pilot)
        assert "Trends" in screen_text(app)


def test_a_long_journal_is_charted_within_its_range():
    clock = FakeClock()
    with Store.in_memory(clock=clock) as store:
        store.entries.add(
            EntryInput.make(mood=1), at=datetime(2026, 11, 1, 12, tzinfo=FROZEN.tzinfo)
        )
        for n in range(3):
            store.entries.add(
                EntryInput.make(mood=3), at=datetime(2026, 11, 20 + n, 12, tzinfo=FROZEN.tzinfo)
            )
        from journal import stats

        until = store.clock().date()
        trends = store.trends.read(stats.range_start(7, until), until)
    assert [d.day.day for d in trends.days] == list(range(18, 25))
    assert [d.mood for d in trends.days] == [None, None, 3, 3, 3, None, None]


async def test_a_range_without_data_points_to_a_longer_one(store, clock):
    old = FROZEN - timedelta(days=200)
    for n in range(3):
        store.entries.add(EntryInput.make(mood=2 + n), at=old + timedelta(days=n))
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing to chart yet" not in text
        assert "nothing in these days: 5 shows all" in text
        assert "no entries in this range" in text
        await pilot.press("5")
        await settle(pilot)
        assert "nothing in these days" not in screen_text(app)
        assert [d.mood for d in app.screen.trends.days if d.mood] == [2, 3, 4]


def built(draw, width: int = 60, height: int = 14) -> list[str]:
    import plotext

    plotext.clear_figure()
    plotext.plot_size(width, height)
    plotext.theme("clear")
    draw(plotext)
    return plotext.build().split("\n")


def test_a_one_point_drop_in_stress_shows_as_two_marks():
    from journal.stats.figures import SessionStress

    sessions = [SessionStress(n, date(2026, 11, n), 4, 3) for n in range(1, 6)]
    lines = built(lambda plt: charts.before_after_chart(plt, sessions, "red", "green", 60))
    rows_with_x = {i for i, line in enumerate(lines) if "x" in line.split("┤", 1)[-1]}
    rows_with_o = {i for i, line in enumerate(lines) if "o" in line.split("┤", 1)[-1]}
    assert rows_with_x and rows_with_o and not rows_with_x & rows_with_o


def test_every_days_dot_shows_even_where_the_line_passes():
    days = [day(n, 3, 3) for n in range(1, 8)]  # the mean runs through every dot
    lines = built(lambda plt: charts.daily_chart(plt, days, "mood", "red", 60), height=12)
    assert sum(line.count("•") for line in lines) == 7


# -- well-being check-ins (WHO-5) ----------------------------------------------------


async def wellbeing_text(store, clock, keys=()) -> str:
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            for _ in range(2):
                await app.workers.wait_for_complete()
                await pilot.pause()
        app.screen.query_one("#wellbeing").scroll_visible(animate=False, top=True)
        await pilot.pause()
        assert "Well-being check-ins (WHO-5)" in screen_text(app)
        # What the summary beside the chart says (on screen it wraps in its column).
        return " ".join(str(app.screen.query_one("#wellbeing-summary").render()).split())


async def test_trends_shows_the_latest_score_its_change_and_the_words():
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    store.entries.add(EntryInput.make(mood=3))
    store.checkins.add((4, 4, 4, 4, 4), at=clock.now - timedelta(days=20))  # 80
    store.checkins.add((2, 2, 2, 2, 2), at=clock.now - timedelta(days=6))  # 40
    text = await wellbeing_text(store, clock)
    assert "Latest 40 of 100 · 18 Nov 2026" in text
    assert "-40 since 04 Nov 2026 (80)" in text
    assert "A change of 10 points or more is the size usually treated as meaningful." in text
    assert "A score under 50 often goes with low well-being." in text
    assert "2 check-ins in these days" in text
    # 7 days: the latest only, its change still measured from the one before
    text = await wellbeing_text(store, clock, keys=["1"])
    assert "1 check-in in these days" in text and "-40 since 04 Nov 2026 (80)" in text


async def test_trends_without_check_ins_says_how_to_take_one():
    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    store.entries.add(EntryInput.make(mood=3))
    text = await wellbeing_text(store, clock)
    assert "No check-ins in these days. w takes one" in text


def test_the_score_chart_marks_the_50_line_and_each_score():
    from journal.stats.wellbeing import wellbeing_chart
    from journal.who5 import Checkin

    start = datetime(2026, 11, 1, 20, 0, tzinfo=FROZEN.tzinfo)
    checkins = [
        Checkin(1, "a", start, (4, 4, 4, 4, 4)),
        Checkin(2, "b", start + timedelta(days=14), (2, 2, 2, 2, 2)),
    ]
    days = [date(2026, 10, 25) + timedelta(days=n) for n in range(31)]
    plt = Recorder()
    wellbeing_chart(plt, checkins, days, "red", "grey", 80)
    assert plt.drawn("hline") == [((50,), {"color": "grey"})]
    ((points, _),) = plt.drawn("scatter")
    assert points == ([7, 21], [80, 40])  # x: the day's place in the range
    assert [args[0] for args, _ in plt.drawn("text")] == ["80", "40"]
    ((limits, _),) = plt.drawn("ylim")
    assert limits[0] < 0 and limits[1] > 100
    ((ticks, _),) = plt.drawn("yticks")
    assert ticks == ([0, 25, 50, 75, 100],)


async def test_a_store_error_reading_the_check_ins_is_said_and_trends_goes_on(monkeypatch):
    from journal.store import StoreError
    from tests.app.app_helpers import notifications

    clock = FakeClock()
    store = Store.in_memory(clock=clock)
    store.entries.add(EntryInput.make(mood=3))

    def fail(*args, **kwargs):
        raise StoreError("journal.db is damaged (disk I/O error); restore it from a backup")

    monkeypatch.setattr(store.checkins, "wellbeing", fail)
    app = build_app(store, clock, mode="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        # Not wait_for_complete: it raises the failure this test expects the app
        # to have said. Until it is said (or 5 s are up).
        for _ in range(250):
            if "is damaged" in await notifications(pilot):
                break
            await pilot.pause(0.02)
        assert "is damaged" in await notifications(pilot)
        assert app.is_running
