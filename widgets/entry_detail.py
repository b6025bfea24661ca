"""The detail pane: one entry in full, its head (when, mood, stress, tags) above its
text as Markdown, with what a search matched marked once the text is laid out.

The Markdown view brings markdown-it (50 ms): the pane is composed with its head
only, and the journal screen adds the view just after its first paint (add_body).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable
from functools import cache
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from journal.models import Entry, mood_word, stress_word
from journal.text import visible
from widgets.matches import mark_markdown
from widgets.mood_picker import mood_colour

if TYPE_CHECKING:
    from textual.widgets import Markdown

# Markdown of a very long entry takes long to lay out; the editor has it all.
DETAIL_LIMIT = 20_000


@cache
def journal_markdown():
    """Markdown as a journal wants it: a line break is a line break, and HTML is
    shown as the text it is.

    One parser for every update (Markdown calls its factory on each): a new one
    for each entry highlighted held on to about 200 KiB, so scrolling through the
    list grew the app without end (+40 MiB in 200 moves of the highlight).
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("gfm-like", {"html": False})

    def keep_line_breaks(state) -> None:
        for token in state.tokens:
            for child in token.children or ():
                if child.type == "softbreak":
                    child.type = "hardbreak"

    parser.core.ruler.push("keep_line_breaks", keep_line_breaks)
    return parser


def entry_head(entry: Entry) -> Content:
    """When it was written and its number; its mood, stress and tags."""
    parts: list = [
        (f"{entry.created_at:%A %d %B %Y, %H:%M}", "bold"),
        (f"  entry {entry.id}", "dim"),
        "\n",
    ]
    if entry.mood is not None:
        parts += [(f"{mood_word(entry.mood)}", f"bold {mood_colour(entry.mood)}"), "  "]
    if entry.stress is not None:
        parts += [(f"stress {entry.stress}/10 {stress_word(entry.stress)}", "dim"), "  "]
    if entry.tags:
        parts.append((" ".join("#" + t for t in entry.tags), "italic"))
    return Content.assemble(*parts)


class EntryDetail(VerticalScroll):
    """One entry in full; `show()` changes which."""

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-head", markup=False)

    def add_body(self) -> None:
        """Add the Markdown view of the text (see the module's docstring)."""
        from textual.widgets import Markdown

        self.mount(
            Markdown("", id="detail-body", open_links=False, parser_factory=journal_markdown)
        )

    @property
    def body(self) -> Markdown | None:
        return next(iter(self.query("#detail-body").results()), None)  # type: ignore[return-value]

    def show(self, entry: Entry | None, matches: re.Pattern[str] | None = None) -> None:
        """Show `entry` (None: nothing), marking what `matches` finds in its text."""
        head = self.query_one("#detail-head", Static)
        body = self.body
        if entry is None:
            head.update("")
            if body is not None:
                body.update("")
            return
        head.update(entry_head(entry))
        text = entry.body
        if len(text) > DETAIL_LIMIT:
            text = text[:DETAIL_LIMIT] + (
                f"\n\n*… {len(entry.body) - DETAIL_LIMIT:,} more characters: press e to see all*"
            )
        if body is not None:
            shown = body.update(visible(text))
            if matches is not None:
                self._mark(shown, body, matches)
        self.scroll_home(animate=False)

    @work(group="detail-marks", exclusive=True, exit_on_error=False)
    async def _mark(self, shown: Awaitable[None], body: Markdown, matches: re.Pattern[str]) -> None:
        """Once the Markdown view has laid the entry out, mark what the search matched."""
        await shown
        mark_markdown(body, matches)
