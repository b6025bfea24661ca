"""The search box offers a tag as `#word` is typed: `#sle` offers `#sleep`
(`right` takes it), as the tags that start so are what the search then finds."""

from __future__ import annotations

from collections.abc import Callable

from textual.suggester import Suggester

from journal.store import StoreError


class TagSuggester(Suggester):
    def __init__(self, first_tag_starting: Callable[[str], str | None]) -> None:
        # Tags come and go as entries are written: ask each time.
        super().__init__(use_cache=False, case_sensitive=False)
        self._first_tag_starting = first_tag_starting

    async def get_suggestion(self, value: str) -> str | None:
        head, space, last = value.rpartition(" ")
        if not last.startswith("#") or len(last) < 2:
            return None
        try:
            tag = self._first_tag_starting(last[1:])
        except StoreError:
            return None  # a suggestion is a nicety: the search itself says what is wrong
        if tag is None or tag == last[1:]:
            return None
        return f"{head}{space}#{tag}"
