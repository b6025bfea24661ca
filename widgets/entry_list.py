"""The list of entries, newest first, in month groups; pages load as it scrolls.

It holds a window of pages, not every row it has shown: scrolling on past
WINDOW entries lets go of the far end (and asks for it again on the way back),
so its memory stays the same however far a person scrolls. `home` and `end`
ask for the newest and the oldest page directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from journal.models import Entry, mood_word
from journal.text import one_line
from widgets.matches import mark
from widgets.mood_picker import mood_colour

# Ask for the next page while this many entries remain below the highlight.
PREFETCH = 25
# The most entries held at once: three pages of the journal screen's 100.
WINDOW = 300


def entry_row(entry: Entry, today: date, matches: re.Pattern[str] | None = None) -> Content:
    """One line: day and time, mood word in its colour, stress, title, tags; what a
    search matched (`matches`) is marked in the tags and the title."""
    moment = entry.created_at
    when = f"Today {moment:%H:%M}" if moment.date() == today else f"{moment:%a %d %H:%M}"
    mood = mood_word(entry.mood)
    stress = f"{entry.stress:>2}" if entry.stress is not None else " ·"
    title = one_line(entry.title)
    # Tags come before the title, so a long title cannot hide them; those already
    # written in the title line are not repeated.
    tags = [t for t in entry.tags if f"#{t}" not in title.lower()]
    parts: list[Content | tuple[str, str] | str] = [
        (f"{when:<12} ", "dim"),
        (f"{mood:<5}", f"bold {mood_colour(entry.mood)}") if mood else ("  ·  ", "dim"),
        (f" {stress} ", "dim"),
        " ",
    ]
    if tags:
        tag_text = Content.styled(" ".join("#" + tag for tag in tags) + "  ", "italic")
        parts.append(mark(tag_text, matches))
    parts.append(mark(Content(title), matches) if title else ("(no text)", "dim italic"))
    return Content.assemble(*parts)


def month_header(day: date) -> Option:
    return Option(Content.styled(f"{day:%B %Y}", "bold"), disabled=True)


class EntryList(OptionList):
    """Entries as rows under month headings. The screen feeds it pages of entries;

    it asks for more with `NeedMore` as the highlight nears the end.
    """

    DEFAULT_CSS = """
    EntryList {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    class NeedMore(Message):
        """The highlight is near the last loaded entry and more exist."""

        def __init__(self, entry_list: EntryList, after: Entry) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.after = after

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class NeedNewer(Message):
        """The highlight is near the first loaded entry and newer ones exist
        (the window let them go)."""

        def __init__(self, entry_list: EntryList, before: Entry) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.before = before

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class NeedEnd(Message):
        """`end` or `home` pressed while that end is not loaded: `oldest` says which."""

        def __init__(self, entry_list: EntryList, *, oldest: bool) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.oldest = oldest

        @property
        def control(self) -> EntryList:
            return self.entry_list

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.entries: list[Entry] = []
        self._by_id: dict[int, Entry] = {}
        self.has_more = False
        self.has_newer = False
        self.today = date.today()
        # What the search matched, marked in each row (None: no search).
        self.matches: re.Pattern[str] | None = None
        self._asked_after: int | None = None
        self._asked_before: int | None = None

    def show(
        self,
        entries: Sequence[Entry],
        *,
        more: bool,
        today: date,
        newer: bool = False,
        matches: re.Pattern[str] | None = None,
    ) -> None:
        """Replace the rows with a page (the newest, or with `newer` one further
        down), marking what `matches` finds in each row."""
        self.today = today
        self.has_newer = newer
        self._asked_before = None
        self.matches = matches
        self.entries = []
        self._by_id = {}
        self.clear_options()
        self.extend(entries, more=more)
        if self.entries:
            self.highlighted = self.index_of(self.entries[0].id)

    def extend(self, entries: Sequence[Entry], *, more: bool) -> None:
        """Add the next page below the loaded rows (letting the top go past WINDOW)."""
        self.has_more = more
        self._asked_after = None
        if len(self.entries) + len(entries) > WINDOW:
            dropped = len(self.entries) + len(entries) - WINDOW
            self._refill([*self.entries, *entries][dropped:])
            self.has_newer = True
            self._asked_before = None
            return
        self.add_options(self._rows(entries, self.entries[-1] if self.entries else None))
        self.entries.extend(entries)
        self._by_id.update((entry.id, entry) for entry in entries)

    def prepend(self, entries: Sequence[Entry], *, newer: bool) -> None:
        """Add the page just newer above the loaded rows (letting the bottom go)."""
        window = [*entries, *self.entries]
        if len(window) > WINDOW:
            window = window[:WINDOW]
            self.has_more = True
            self._asked_after = None
        self.has_newer = newer
        self._asked_before = None
        self._refill(window)

    def _refill(self, window: list[Entry]) -> None:
        """The rows of `window`, the highlight kept on the entry it was on."""
        selected = self.selected_entry
        self.entries = window
        self._by_id = {entry.id: entry for entry in window}
        self.clear_options()
        self.add_options(self._rows(window, None))
        if selected is not None and (index := self.index_of(selected.id)) is not None:
            self.highlighted = index

    def _rows(self, entries: Sequence[Entry], last_entry: Entry | None) -> list[Option]:
        options: list[Option] = []
        last = last_entry.created_at if last_entry else None
        for entry in entries:
            moment = entry.created_at
            if last is None or (moment.year, moment.month) != (last.year, last.month):
                options.append(month_header(moment.date()))
            options.append(Option(entry_row(entry, self.today, self.matches), id=str(entry.id)))
            last = moment
        return options

    @property
    def selected_entry(self) -> Entry | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self._by_id.get(int(option.id))

    def index_of(self, entry_id: int) -> int | None:
        try:
            return self.get_option_index(str(entry_id))
        except OptionDoesNotExist:  # not loaded (yet)
            return None

    # A journal has a newest and an oldest end: moving past either stays put
    # (OptionList would wrap around to the other end).
    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            self.action_first()
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count and self.get_option_at_index(index).disabled:
            index += direction
        if 0 <= index < self.option_count:
            self.highlighted = index

    # OptionList's page keys land on nothing at a month heading at the top:
    # stay on the entry instead.
    def action_page_up(self) -> None:
        super().action_page_up()
        if self.highlighted is None or self.get_option_at_index(self.highlighted).disabled:
            super().action_first()

    def action_page_down(self) -> None:
        super().action_page_down()
        if self.highlighted is None or self.get_option_at_index(self.highlighted).disabled:
            super().action_last()

    # `home` and `end`: the ends of the journal, not of the rows loaded.
    def action_first(self) -> None:
        if self.has_newer:
            self.post_message(self.NeedEnd(self, oldest=False))
        else:
            super().action_first()

    def action_last(self) -> None:
        if self.has_more:
            self.post_message(self.NeedEnd(self, oldest=True))
        else:
            super().action_last()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is None or not self.entries:
            return
        if self.has_more and self.option_count - highlighted <= PREFETCH:
            last = self.entries[-1]
            if self._asked_after != last.id:
                self._asked_after = last.id
                self.post_message(self.NeedMore(self, last))
        if self.has_newer and highlighted <= PREFETCH:
            first = self.entries[0]
            if self._asked_before != first.id:
                self._asked_before = first.id
                self.post_message(self.NeedNewer(self, first))
