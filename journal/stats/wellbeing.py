"""WHO-5 scores over time as plain data, and the chart recipe that draws them (on a
plotext figure the caller passes in, as journal.stats.charts does). Pure: the SQL
that feeds them is the store's (journal.store.checkins)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from journal.stats.charts import Colour, date_ticks
from journal.who5 import SCORE_LINE, SCORE_MAX, Checkin, is_meaningful, words_for

SCORE_TICKS = [0, 25, 50, 75, 100]
POINT_MARKER = "●"
LABEL_CELLS = 6  # the room a score's label needs along the axis


@dataclass(frozen=True)
class Wellbeing:
    """The check-ins taken in a range of days, oldest first, and the change of the
    latest since the one before it (which may be older than the range)."""

    checkins: list[Checkin] = field(default_factory=list)
    previous: Checkin | None = None  # the check-in before the latest

    @property
    def latest(self) -> Checkin | None:
        return self.checkins[-1] if self.checkins else None

    @property
    def change(self) -> int | None:
        latest = self.latest
        if latest is None or self.previous is None:
            return None
        return latest.score - self.previous.score

    @property
    def meaningful_change(self) -> bool:
        return is_meaningful(self.change)

    @property
    def words(self) -> str | None:
        """WHO5.md's words for the latest score, if it has any."""
        return words_for(self.latest.score) if self.latest else None

    @property
    def mean_score(self) -> float | None:
        if not self.checkins:
            return None
        return sum(c.score for c in self.checkins) / len(self.checkins)

    def to_json(self) -> dict:
        """The `checkins` of `journal stats --json`."""
        latest = self.latest
        return {
            "count": len(self.checkins),
            "mean_score": None if self.mean_score is None else round(self.mean_score, 1),
            "latest": None
            if latest is None
            else {
                "taken_at": latest.taken_at.isoformat(timespec="seconds"),
                "score": latest.score,
                "change": self.change,
                "meaningful_change": self.meaningful_change,
            },
            "scores": [
                {"taken_at": c.taken_at.isoformat(timespec="seconds"), "score": c.score}
                for c in self.checkins
            ],
        }


def wellbeing_chart(
    plt: Any,
    checkins: Sequence[Checkin],
    days: Sequence[date],
    colour: Colour,
    line_colour: Colour,
    width: int,
) -> None:
    """Each score (0-100) at its day's place in the range, joined by a line; the 50
    line marked across. `days`: the range's days, so time between check-ins shows."""
    if not checkins:
        return
    first = min(days[0], checkins[0].taken_at.date()) if days else checkins[0].taken_at.date()
    last = max(days[-1], checkins[-1].taken_at.date()) if days else checkins[-1].taken_at.date()
    span = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
    xs = [(c.taken_at.date() - first).days for c in checkins]
    ys = [c.score for c in checkins]
    plt.hline(SCORE_LINE, color=line_colour)
    if len(checkins) > 1:
        plt.plot(xs, ys, color=colour, marker="braille")
    plt.scatter(xs, ys, color=colour, marker=POINT_MARKER)
    # A row of the chart holds several scores: each is written beside its dot, while
    # there is room (else the latest only), so 48 is never read as 50.
    room = max(width - 10, 1)
    labelled = range(len(checkins)) if len(checkins) * LABEL_CELLS <= room else [len(xs) - 1]
    cell = len(span) / room  # days a column of the chart holds
    for n in labelled:
        # Right of the dot; left of it near the chart's right edge, where it would be cut.
        right = xs[n] + 4 * cell < len(span)
        x = xs[n] + 1.5 * cell if right else xs[n] - 1.5 * cell
        plt.text(str(ys[n]), x, ys[n], color=colour, alignment="left" if right else "right")
    plt.ylim(-4, SCORE_MAX + 4)
    plt.yticks(SCORE_TICKS)
    date_ticks(plt, span, width)
