"""`journal stats` as terminal text: plotext charts and a table of figures, fitted to
the width. Imported only by that command: plotext stays off every other path."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import plotext as plt

from journal.models import MOODS
from journal.rounding import fixed
from journal.stats import charts
from journal.stats.figures import Day, SessionStress, TagComparison, Trends, Week

MIN_WIDTH = 30  # narrower than this, plotext has no room for a plot beside its axis
CHART_HEIGHT = 12
BEFORE_AFTER_HEIGHT = 14  # a row for each stress level: a one-point change shows
MOOD_COLOUR = "green"
ROLLING_COLOUR = "gray"  # the 7-day mean: not the dots' colour
STRESS_COLOUR = "red"
PRACTICE_COLOUR = "cyan"
AFTER_COLOUR = "blue"


def report(trends: Trends, width: int) -> list[str]:
    """The charts, then the figures, as lines of at most `width` cells (ANSI
    colours included; click.echo drops them when the output is not a terminal)."""
    width = max(width, MIN_WIDTH)
    days = trends.days
    lines = [click_bold(_fit(f"{_span(days)} ({len(days):,} days)", width))]
    if any(d.mood is not None for d in days):
        lines += _section("Mood per day, 1 awful - 5 great", width)
        lines += _daily_chart(days, "mood", MOOD_COLOUR, width)
        lines += _legend(len(days), MOOD_COLOUR, width)
    if any(d.stress is not None for d in days):
        lines += _section("Stress per day, 0 calm - 10 worst", width)
        lines += _daily_chart(days, "stress", STRESS_COLOUR, width)
        lines += _legend(len(days), STRESS_COLOUR, width)
    if trends.practice.sessions:
        lines += _section("Relaxation minutes per week", width)
        lines += _weekly_chart(trends.weeks, width)
    rated = trends.stress_change.sessions
    if trends.practice.sessions and not rated:
        lines += _section("Stress before and after relaxing", width)
        sessions = trends.practice.sessions
        lines.append(
            _fit(
                f"{sessions:,} session{'s' if sessions != 1 else ''}, none rated before and after",
                width,
            )
        )
    if rated:
        lines += _section("Stress before and after relaxing", width)
        lines += _before_after_chart(rated, width)
        lines.append(_fit("x before, o after (o alone: unchanged)", width))
        size = charts.sessions_per_mark(len(rated), width)
        if size > 1:
            lines.append(_fit(f"each mark the mean of {size} of {len(rated):,} sessions", width))
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


# -- charts ------------------------------------------------------------------------------
# The recipes are the app's (journal.stats.charts), drawn here on the plotext module.


def _daily_chart(days: Sequence[Day], field: str, colour: str, width: int) -> list[str]:
    _start(width, CHART_HEIGHT)
    charts.daily_chart(plt, days, field, colour, width, rolling_colour=ROLLING_COLOUR)
    return _built()


def _weekly_chart(weeks: Sequence[Week], width: int) -> list[str]:
    _start(width, CHART_HEIGHT - 2)
    charts.weekly_chart(plt, weeks, PRACTICE_COLOUR, width)
    return _built()


def _before_after_chart(sessions: Sequence[SessionStress], width: int) -> list[str]:
    _start(width, BEFORE_AFTER_HEIGHT)
    charts.before_after_chart(plt, sessions, STRESS_COLOUR, AFTER_COLOUR, width)
    return _built()


def _start(width: int, height: int) -> None:
    plt.clear_figure()
    plt.plot_size(width, height)
    # No background colours: the chart sits on the terminal's own background.
    plt.theme("clear")


def _built() -> list[str]:
    return plt.build().rstrip("\n").split("\n")


# -- figures -------------------------------------------------------------------------------


def _figures(trends: Trends) -> list[str]:
    """Short lines (label, value), each under 40 cells with everyday numbers."""
    headline = trends.headline
    streaks = trends.streaks
    practice = trends.practice
    at_mood = headline.days_at_mood
    rows = [
        ("entries", f"{headline.entries:,}"),
        ("days written", f"{headline.days_written:,} of {headline.days:,}"),
        ("mean mood", f"{_shown(headline.mood_mean)} (1-5)"),
        ("mean stress", f"{_shown(headline.stress_mean)} (0-10)"),
        ("days at mood", "  ".join(f"{MOODS[m]} {at_mood[m]:,}" for m in MOODS)),
        ("streak", _streak(streaks.current, streaks.today_written)),
        ("longest streak", _longest(streaks.longest, streaks.longest_end)),
        ("relaxation", f"{practice.sessions:,} sessions"),
        ("completed", f"{practice.completed:,} of {practice.sessions:,}"),
        ("time relaxing", f"{fixed(practice.minutes, 0, grouping=True)} min"),
    ]
    if practice.avg_stress_change is not None:
        rows.append(
            (
                "stress change",
                f"{fixed(practice.avg_stress_change, sign=True)} ({practice.rated:,} rated)",
            )
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
    return f"{_shown(a)}/{_shown(b)}"


def _shown(value: float | None) -> str:
    return "-" if value is None else fixed(value)


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


def _legend(days: int, colour: str, width: int) -> list[str]:
    """The dots and the line told apart in words and in their colours."""
    import click

    size = charts.bin_size(days, width)
    dot = "a day's mean" if size == 1 else f"the mean of {size} days"
    text = _fit(f"{charts.DAY_MARKER} {dot}  {charts.LINE_SAMPLE} 7-day mean (grey)", width)
    marker, rest = text[:1], text[1:]
    return [click.style(marker, fg=colour) + rest]


def click_bold(text: str) -> str:
    import click

    return click.style(text, bold=True)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
