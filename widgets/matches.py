"""What a search matched, marked in the list and in the entry shown: every word
typed, at the start of a word of the text (as the search matches it), and `#tag`s.
As the search does, a word matches with or without diacritics: `cafe` marks "Café"
and `café` marks "cafe"."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:
    # Markdown brings markdown-it (50 ms): the list imports this module at start-up.
    from textual.widgets import Markdown

# How a match looks: plain text, never markup; reverse shows on any theme and row.
MATCH_STYLE = "bold reverse"
# Combining marks, as a text written decomposed (e + U+0301) has them.
_MARKS = "[\u0300-\u036f]*"


@cache
def _with_marks() -> dict[str, str]:
    """Each plain letter and the letters written as it with a diacritic (e: éèêë...)."""
    found: dict[str, set[str]] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code).lower()
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            found.setdefault(base, set()).add(char)
    return {base: "".join(sorted(chars)) for base, chars in found.items()}


def _loose(text: str) -> str:
    """A pattern for `text` that matches it with or without diacritics."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    variants = _with_marks()
    parts = []
    for char in plain:
        if others := variants.get(char.lower()):
            parts.append(f"[{re.escape(char)}{others}]{_MARKS}")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def search_pattern(search: str) -> re.Pattern[str] | None:
    """A pattern for the words of a search box's text (None: nothing to mark).
    What was typed is escaped: it is looked for literally, never run."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', search):
        text = (phrase or word).strip()
        if text.startswith("#") and len(text) > 1:
            parts.append(re.escape(text) + r"(?![\w-])")
        elif (text := text.replace('"', "")) and re.search(r"\w", text):
            parts.append(r"(?<!\w)" + _loose(text))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)  # the longest match first
    return re.compile("|".join(parts), re.IGNORECASE)


def mark(content: Content, pattern: re.Pattern[str] | None) -> Content:
    return content if pattern is None else content.highlight_regex(pattern, style=MATCH_STYLE)


def mark_markdown(markdown: Markdown, pattern: re.Pattern[str]) -> None:
    """Mark the matches in a Markdown view's text, once it is laid out."""
    from textual.widgets.markdown import MarkdownBlock

    for block in markdown.query(MarkdownBlock):
        content = block.content
        if isinstance(content, Content) and pattern.search(content.plain):
            block.update(mark(content, pattern))
