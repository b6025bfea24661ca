"""The WHO-5 part of `journal stats`: the scores over the range as a plotext chart,
the latest score and its change, and WHO5.md's words. Imported only by that
command: plotext stays off every other path."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import plotext as plt

from journal.cli.report import MIN_WIDTH, click_bold
from journal.stats.wellbeing import Wellbeing, wellbeing_chart
from journal.who5 import CHANGE_WORDS, SCORE_LINE, SCORE_MAX, signed

CHART_HEIGHT = 12
SCORE_COLOUR = "magenta"
LINE_COLOUR = "gray"


def checkin_report(wellbeing: Wellbeing, since: date | None, until: date, width: int) -> list[str]:
    """Nothing when the range has no check-in."""
    latest = wellbeing.latest
    if latest is None:
        return []
    width = max(width, MIN_WIDTH)
    first = since or wellbeing.checkins[0].taken_at.date()
    days = [first + timedelta(days=n) for n in range((until - first).days + 1)]
    plt.clear_figure()
    plt.plot_size(width, CHART_HEIGHT)
    plt.theme("clear")
    wellbeing_chart(plt, wellbeing.checkins, days, SCORE_COLOUR, LINE_COLOUR, width)
    chart = plt.build().rstrip("\n").split("\n")
    count = len(wellbeing.checkins)
    lines = [
        "",
        click_bold(f"Well-being (WHO-5), 0-{SCORE_MAX}"),
        *chart,
        f"● a check-in ({count}); the line across is {SCORE_LINE}",
        "",
        f"latest score  {latest.score} of {SCORE_MAX}, {latest.taken_at:%d %b %Y}",
    ]
    if wellbeing.change is not None and wellbeing.previous is not None:
        lines.append(
            f"change        {signed(wellbeing.change)} since "
            f"{wellbeing.previous.taken_at:%d %b %Y} ({wellbeing.previous.score})"
        )
        if wellbeing.meaningful_change:
            lines += textwrap.wrap(CHANGE_WORDS, width)
    if wellbeing.words:
        lines += ["", *textwrap.wrap(wellbeing.words, width)]
    return lines
