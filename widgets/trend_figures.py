"""The figures of Trends as text: the headline (mean mood and stress, entries, days
written, how many days were at each mood, in the moods' colours with words) and
the table of tags."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from journal.models import MOODS
from journal.rounding import fixed, whole
from journal.stats.figures import Headline, TagComparison
from widgets.mood_picker import mood_colour

SQUARE = "■"


def plural(count: int, thing: str) -> str:
    """ "1 entry", "3 entries", "2 sessions"."""
    if count == 1:
        return f"1 {thing}"
    if thing.endswith("y") and thing[-2:-1] not in tuple("aeiou"):
        return f"{count:,} {thing[:-1]}ies"
    return f"{count:,} {thing}s"


def headline_text(headline: Headline) -> Content:
    """Two short lines; a narrow terminal wraps them between figures."""
    mood = headline.mood_mean
    stress = headline.stress_mean
    figures: list = []
    if mood is not None:
        figures += [
            ("mean mood ", "dim"),
            (fixed(mood), "bold"),
            (f" {MOODS[whole(mood)]}", mood_colour(whole(mood))),
        ]
    else:
        figures.append(("no mood yet", "dim"))
    figures.append(("  ·  ", "dim"))
    if stress is not None:
        figures += [("mean stress ", "dim"), (fixed(stress), "bold"), ("/10", "dim")]
    else:
        figures.append(("no stress yet", "dim"))
    figures += [
        ("  ·  ", "dim"),
        (plural(headline.entries, "entry"), "bold"),
        (" on ", "dim"),
        (f"{headline.days_written:,} of {plural(headline.days, 'day')}", "bold"),
    ]
    moods: list = [("days at each mood ", "dim")]
    for value, word in MOODS.items():
        moods += [
            (SQUARE, mood_colour(value)),
            f" {word} ",
            (f"{headline.days_at_mood.get(value, 0):,}", "bold"),
            "  ",
        ]
    return Content.assemble(*figures, "\n", *moods).rstrip()


def tag_table(tags: list[TagComparison], limit: int = 12) -> Content:
    """Tags that go with better or worse days: mood and stress with / without."""
    if not tags:
        return Content.styled(
            "Tags show here once a tag has been used on at least 3 days (and not on 3 others).",
            "dim",
        )
    name = max(len(t.tag) for t in tags[:limit]) + 2
    shown = lambda v: "  – " if v is None else f"{fixed(v):>4}"  # noqa: E731
    lines = [
        Content.styled(
            f"{'tag':<{name}} {'days':>5}   mood with / without   stress with / without", "dim"
        )
    ]
    for tag in tags[:limit]:
        difference = tag.mood_difference
        if difference is None:
            mark = Content("")
        else:
            colour = "$success" if difference > 0 else "$warning" if difference < 0 else "dim"
            mark = Content.styled(f"  {fixed(difference, sign=True)}", colour)
        lines.append(
            Content.assemble(
                (f"#{tag.tag:<{name - 1}}", "italic"),
                f" {tag.days_with:>5}   {shown(tag.mood_with)} / {shown(tag.mood_without)}",
                mark,
                f"{'':>6}{shown(tag.stress_with)} / {shown(tag.stress_without)}",
            )
        )
    if len(tags) > limit:
        lines.append(Content.styled(f"… and {len(tags) - limit} more: journal stats", "dim"))
    return Content("\n").join(lines)


class HeadlineFigures(Static):
    """The range's headline figures; `show` them once they are read."""

    DEFAULT_CSS = """
    HeadlineFigures {
        height: auto;
        margin-bottom: 1;
    }
    """

    def show(self, headline: Headline) -> None:
        self.update(headline_text(headline))
