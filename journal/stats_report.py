"""`journal stats` as terminal text: plotext charts and a table of figures, fitted to
the width. Imported only by that command: plotext stays off every other path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import plotext as plt

from journal.stats_data import Day, SessionStress, TagComparison, Trends, Week

MIN_WIDTH = 30  # narrower than this, plotext has no room for a plot beside its axis
CHART_HEIGHT = 12
BEFORE_AFTER_HEIGHT = 14
MOOD_COLOUR = "green"
STRESS_COLOUR = "red"
PRACTICE_COLOUR = "cyan"
AFTER_COLOUR = "blue"
DAY_MARKER = "•"  # a day's mean; the 7-day mean is a braille line
LINE_MARKER = "braille"


def report(trends: Trends, width: int) -> list[str]:
    """The charts, then the figures, as lines of at most `width` cells (ANSI
    colours included; click.echo drops them when the output is not a terminal)."""
    width = max(width, MIN_WIDTH)
    days = trends.days
    lines = [click_bold(_fit(f"{_span(days)} ({len(days):,} days)", width))]
    if any(d.mood is not None for d in days):
        lines += _section("Mood per day, 1 awful - 5 great", width)
        lines += _daily_chart(days, "mood", MOOD_COLOUR, (1, 5), width)
        lines += _legend(width)
    if any(d.stress is not None for d in days):
        lines += _section("Stress per day, 0 calm - 10 worst", width)
        lines += _daily_chart(days, "stress", STRESS_COLOUR, (0, 10), width)
        lines += _legend(width)
    if trends.practice.sessions:
        lines += _section("Relaxation minutes per week", width)
        lines += _weekly_chart(trends.weeks, width)
    rated = trends.stress_change.sessions
    if rated:
        # One column for each mark at least, or the marks run together.
        shown = rated[-max((width - 12) // 2, 1) :]
        lines += _section("Stress before and after relaxing", width)
        lines += _before_after_chart(shown, width)
        lines.append(_fit("x before, o after (o alone: unchanged)", width))
        if len(shown) < len(rated):
            lines.append(_fit(f"the last {len(shown)} of {len(rated):,} rated sessions", width))
    lines += _section("Figures", width)
    lines += [_fit(line, width) for line in _figures(trends)]
    if trends.tags:
        lines += _section("Days with a tag / days without", width)
        lines += [_fit(line, width) for line in _tag_table(trends.tags, width)]
    return lines


def nothing_yet(days: int, journal_is_empty: bool) -> str:
    """The one line an empty range gets instead of empty charts."""
    if journal_is_empty:
        return (
            "Nothing to chart yet. Once you write entries (journal add -m 4 -s 3) and "
            "relax (journal pmr), this shows mood and stress per day, relaxation per "
            "week, stress before and after, streaks and tags."
        )
    return (
        f"No entries or relaxation sessions in the last {days} days; "
        "try a longer range, e.g. journal stats --days 365."
    )


# -- charts --------------------------------------------------------------------------------


def _daily_chart(
    days: Sequence[Day], field: str, colour: str, limits: tuple[int, int], width: int
) -> list[str]:
    _start(width, CHART_HEIGHT)
    # x is the day's place in the range, so a day without data is an empty column.
    points = [(x, getattr(d, field)) for x, d in enumerate(days) if getattr(d, field) is not None]
    plt.scatter(*zip(*points, strict=True), color=colour, marker=DAY_MARKER)
    rolling = [getattr(d, f"{field}_rolling") for d in days]
    for run in _runs(rolling):
        plt.plot(run, [rolling[x] for x in run], color=colour, marker=LINE_MARKER)
    low, high = limits
    plt.ylim(low, high)
    plt.yticks(list(range(low, high + 1, 1 if high <= 5 else 2)))
    _date_ticks([d.day for d in days], width)
    return _built()


def _weekly_chart(weeks: Sequence[Week], width: int) -> list[str]:
    _start(width, CHART_HEIGHT - 2)
    plt.bar(list(range(len(weeks))), [w.minutes for w in weeks], color=PRACTICE_COLOUR)
    ticks = _minute_ticks(max(w.minutes for w in weeks))
    plt.ylim(0, ticks[-1])
    plt.yticks(ticks)
    _date_ticks([w.monday for w in weeks], width)
    return _built()


def _before_after_chart(sessions: Sequence[SessionStress], width: int) -> list[str]:
    # 11 rows inside the frame: one for each stress level, so a before and an
    # after share a cell only when they are equal.
    _start(width, BEFORE_AFTER_HEIGHT)
    xs = list(range(len(sessions)))
    plt.scatter(xs, [s.before for s in sessions], color=STRESS_COLOUR, marker="x")
    plt.scatter(xs, [s.after for s in sessions], color=AFTER_COLOUR, marker="o")
    plt.ylim(0, 10)
    plt.yticks([0, 2, 4, 6, 8, 10])
    _date_ticks([s.day for s in sessions], width)
    return _built()


def _start(width: int, height: int) -> None:
    plt.clear_figure()
    plt.plot_size(width, height)
    # No background colours: the chart sits on the terminal's own background.
    plt.theme("clear")


def _built() -> list[str]:
    return plt.build().rstrip("\n").split("\n")


def _runs(values: Sequence[float | None]) -> Iterable[list[int]]:
    """The places of each unbroken run of values: a line is drawn per run, so a
    gap in the data is a gap in the line."""
    run: list[int] = []
    for x, value in enumerate(values):
        if value is None:
            if run:
                yield run
            run = []
        else:
            run.append(x)
    if run:
        yield run


def _minute_ticks(top: float) -> list[int]:
    """0 and a few round numbers of minutes up to at least `top`."""
    step = next((s for s in (5, 10, 15, 30, 60, 120, 300, 600) if top / s <= 5), 1200)
    return list(range(0, int(top // step + 1) * step + 1, step)) if top else [0, step]


def _date_ticks(days: Sequence[date], width: int) -> None:
    """The x axis is the whole range (a day without data is an empty column), with
    as many dates along it as fit without touching."""
    plt.xlim(-0.5, len(days) - 0.5)
    long = (days[-1] - days[0]).days > 300
    label = "%b %Y" if long else "%d %b"
    room = max(2, min(len(days), (width - 8) // 10))
    last = len(days) - 1
    places = sorted({round(n * last / (room - 1)) for n in range(room)}) if last else [0]
    plt.xticks(places, [days[x].strftime(label) for x in places])


# -- figures -------------------------------------------------------------------------------


def _figures(trends: Trends) -> list[str]:
    """Short lines (label, value), each under 40 cells with everyday numbers."""
    days = trends.days
    written = sum(1 for d in days if d.entries)
    moods = [d.mood for d in days if d.mood is not None]
    stresses = [d.stress for d in days if d.stress is not None]
    streaks = trends.streaks
    practice = trends.practice
    rows = [
        ("days written", f"{written} of {len(days)}"),
        ("mean mood", f"{_mean(moods)} (1-5)"),
        ("mean stress", f"{_mean(stresses)} (0-10)"),
        ("streak", _streak(streaks.current, streaks.today_written)),
        ("longest streak", _longest(streaks.longest, streaks.longest_end)),
        ("relaxation", f"{practice.sessions:,} sessions"),
        ("completed", f"{practice.completed:,} of {practice.sessions:,}"),
        ("time relaxing", f"{practice.minutes:,.0f} min"),
    ]
    if practice.avg_stress_change is not None:
        rows.append(
            ("stress change", f"{practice.avg_stress_change:+.1f} ({practice.rated:,} rated)")
        )
    label = max(len(name) for name, _ in rows)
    return [f"{name:<{label}}  {value}" for name, value in rows]


def _tag_table(tags: Sequence[TagComparison], width: int) -> list[str]:
    """One line a tag: its days with/without, then mean mood and stress with/without."""
    header = ("days", "mood", "stress")
    rows = [
        (
            f"{t.days_with}/{t.days_without}",
            _pair(t.mood_with, t.mood_without),
            _pair(t.stress_with, t.stress_without),
        )
        for t in tags
    ]
    widths = [max(len(row[n]) for row in [header, *rows]) for n in range(3)]
    columns = "".join(f"  {{:>{w}}}" for w in widths)
    # Long tag names give way to the numbers.
    name = max(min(max(len(t.tag) for t in tags) + 1, width - sum(widths) - 6), 4)
    lines = [" " * name + columns.format(*header)]
    for t, row in zip(tags, rows, strict=True):
        lines.append(f"{_fit('#' + t.tag, name):<{name}}" + columns.format(*row))
    return lines


def _pair(a: float | None, b: float | None) -> str:
    shown = lambda v: "-" if v is None else f"{v:.1f}"  # noqa: E731
    return f"{shown(a)}/{shown(b)}"


def _mean(values: Sequence[float]) -> str:
    return f"{sum(values) / len(values):.1f}" if values else "-"


def _streak(current: int, today_written: bool) -> str:
    if not current:
        return "none; write today"
    days = "day" if current == 1 else "days"
    return f"{current} {days}" + ("" if today_written else ", not yet today")


def _longest(longest: int, end: date | None) -> str:
    if not longest or end is None:
        return "-"
    return f"{longest} {'day' if longest == 1 else 'days'}, to {end.strftime('%d %b %Y')}"


# -- layout --------------------------------------------------------------------------------


def _span(days: Sequence[Day]) -> str:
    first, last = days[0].day, days[-1].day
    if first == last:
        return last.strftime("%d %b %Y")
    start = first.strftime("%d %b" if first.year == last.year else "%d %b %Y")
    return f"{start} - {last.strftime('%d %b %Y')}"


def _section(title: str, width: int) -> list[str]:
    return ["", click_bold(_fit(title, width))]


def _legend(width: int) -> list[str]:
    return [_fit(f"{DAY_MARKER} a day's mean; line: 7-day mean", width)]


def click_bold(text: str) -> str:
    import click

    return click.style(text, bold=True)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
