"""The Trends charts, drawn onto a plotext figure that the caller passes in: the
plotext module for `journal stats`, a PlotextPlot's `plt` in the app. Nothing is
imported here, so the same recipe serves both without loading either."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from journal.rounding import whole
from journal.stats.figures import Day, SessionStress, Week

Colour = str | tuple[int, int, int]
DAY_MARKER = "•"  # a day's mean; the 7-day mean is a braille line
LINE_MARKER = "braille"
LINE_SAMPLE = "⠤⠤"  # how the line looks, for a legend
MOOD_TICKS = {1: "awful", 2: "bad", 3: "okay", 4: "good", 5: "great"}
# Rows of a figure that are not plot: the frame's top and bottom and the dates.
FRAME_ROWS = 3


def daily_chart(
    plt: Any,
    days: Sequence[Day],
    field: str,
    colour: Colour,
    width: int,
    *,
    rolling_colour: Colour | None = None,
) -> None:
    """A day's mean as a dot, the 7-day rolling mean as a line (in `rolling_colour`:
    told apart by colour as well as by marker); x is the day's place in the range,
    so a day without data is an empty column, never a zero.

    More days than the chart has dots across are put in bins of a few days: a dot
    is then the mean of a bin's days with a value, and a bin with none stays empty.
    """
    values = [getattr(d, field) for d in days]
    rolling = [getattr(d, f"{field}_rolling") for d in days]
    size = bin_size(len(days), width)
    # The rolling mean is already smooth: every `size`-th day of it is enough.
    line = [None if x % size else value for x, value in enumerate(rolling)]
    for run in runs(line, step=size):
        plt.plot(run, [rolling[x] for x in run], color=rolling_colour or colour, marker=LINE_MARKER)
    # The days' dots go on top: drawn first, the line would hide them.
    points = binned(values, size)
    if points:
        plt.scatter(*zip(*points, strict=True), color=colour, marker=DAY_MARKER)
    if field == "mood":
        level_axis(plt, list(MOOD_TICKS), [list(MOOD_TICKS)], MOOD_TICKS)
    else:
        level_axis(plt, list(range(11)), [[0, 2, 4, 6, 8, 10], [0, 5, 10]])
    date_ticks(plt, [d.day for d in days], width)


def level_axis(
    plt: Any,
    levels: Sequence[int],
    tick_choices: Sequence[Sequence[int]],
    words: dict[int, str] | None = None,
) -> None:
    """A y axis whose ticks sit on whole rows the same number of rows apart (plotext
    puts a value on row floor(0.5 + (rows - 1) * (y - low) / (high - low)), so a
    range that is not a whole number of rows per step spaces them unevenly). Of the
    `tick_choices` (each evenly spaced), the first that spreads over the most rows."""
    rows = plot_rows(plt)
    low, high = levels[0], levels[-1]
    best: tuple[int, Sequence[int]] | None = None
    for ticks in tick_choices:
        steps = len(ticks) - 1
        used = (rows - 1) // steps * steps if rows and rows > steps else 0
        if used and (best is None or used > best[0]):
            best = (used, ticks)
    if rows is None or best is None:
        # Too few rows for a row a tick: as even as plotext makes it.
        ticks = tick_choices[0]
        pad = (high - low) / 20
        plt.ylim(low - pad, high + pad)
    else:
        used, ticks = best
        per_row = (ticks[-1] - ticks[0]) / used  # the value one row stands for
        below = (rows - 1 - used) // 2
        bottom = ticks[0] - below * per_row
        plt.ylim(bottom, bottom + (rows - 1) * per_row)
    if words:
        plt.yticks(list(ticks), [words[t] for t in ticks])
    else:
        plt.yticks(list(ticks))


def plot_rows(plt: Any) -> int | None:
    """How many rows the plot itself has on the figure (None: not known)."""
    size = plt.plot_size()
    if not isinstance(size, tuple | list) or not isinstance(size[1], int):
        return None
    return size[1] - FRAME_ROWS


def bin_size(count: int, width: int) -> int:
    """Days per dot: 1 while every day gets a braille dot of its own (2 a cell)."""
    room = max((width - 10) * 2, 1)
    return max(1, -(-count // room))


def binned(values: Sequence[float | None], size: int) -> list[tuple[float, float]]:
    """(x, mean) for each bin of `size` places that has a value; x is the bin's middle."""
    points = []
    for start in range(0, len(values), size):
        found = [v for v in values[start : start + size] if v is not None]
        if found:
            middle = start + (min(size, len(values) - start) - 1) / 2
            points.append((middle, sum(found) / len(found)))
    return points


def weekly_chart(plt: Any, weeks: Sequence[Week], colour: Colour, width: int) -> None:
    """Relaxation minutes per ISO week, one bar each; more weeks than fit side by
    side are summed in bars of a few weeks (the chart's caption should say so)."""
    if not weeks:
        return
    size = weeks_per_bar(len(weeks), width)
    totals = [sum(w.minutes for w in weeks[i : i + size]) for i in range(0, len(weeks), size)]
    plt.bar(list(range(len(totals))), totals, color=colour, width=0.6 if size == 1 else 0.9)
    ticks = minute_ticks(max(totals))
    plt.ylim(0, ticks[-1])
    plt.yticks(ticks)
    date_ticks(plt, [w.monday for w in weeks[::size]], width)


def weeks_per_bar(count: int, width: int) -> int:
    """1 while each week gets a column; else enough weeks a bar to fit."""
    room = max(width - 10, 1)
    return max(1, -(-count // room))


def before_after_chart(
    plt: Any,
    sessions: Sequence[SessionStress],
    before_colour: Colour,
    after_colour: Colour,
    width: int,
) -> None:
    """Stress before (x) and after (o) each rated session, oldest first, joined by a
    line; more sessions than there are columns for are averaged in bins. Needs a
    plot 14 rows high, or a change of one point can share a row."""
    if not sessions:
        return
    size = sessions_per_mark(len(sessions), width)
    befores = binned([s.before for s in sessions], size)
    afters = binned([s.after for s in sessions], size)
    for (x, before), (_, after) in zip(befores, afters, strict=True):
        plt.plot([x, x], [before, after], color=after_colour, marker=LINE_MARKER)
    plt.scatter(*zip(*befores, strict=True), color=before_colour, marker="x")
    plt.scatter(*zip(*afters, strict=True), color=after_colour, marker="o")
    level_axis(plt, list(range(11)), [[0, 2, 4, 6, 8, 10], [0, 5, 10]])
    date_ticks(plt, [s.day for s in sessions], width)


def sessions_per_mark(count: int, width: int) -> int:
    """1 while each session gets a column of its own with a space beside it."""
    room = max((width - 12) // 2, 1)
    return max(1, -(-count // room))


def runs(values: Sequence[float | None], step: int = 1) -> Iterable[list[int]]:
    """The places of each unbroken run of values: a line is drawn per run, so a
    gap in the data is a gap in the line. With `step`, only every step-th place
    is looked at (the others are skipped, not gaps)."""
    run: list[int] = []
    for x in range(0, len(values), step):
        if values[x] is None:
            if run:
                yield run
            run = []
        else:
            run.append(x)
    if run:
        yield run


def minute_ticks(top: float) -> list[int]:
    """0 and a few round numbers of minutes up to at least `top`."""
    step = next((s for s in (5, 10, 15, 30, 60, 120, 300, 600) if top / s <= 5), 1200)
    return list(range(0, int(top // step + 1) * step + 1, step)) if top else [0, step]


def date_ticks(plt: Any, days: Sequence[date], width: int) -> None:
    """The x axis is the whole range, with as many dates along it as fit apart."""
    plt.xlim(-0.5, len(days) - 0.5)
    if not days:
        return
    long = (days[-1] - days[0]).days > 300
    label = "%b %Y" if long else "%d %b"
    room = max(2, min(len(days), (width - 8) // 10))
    last = len(days) - 1
    places = sorted({whole(n * last / (room - 1)) for n in range(room)}) if last else [0]
    plt.xticks(places, [days[x].strftime(label) for x in places])
