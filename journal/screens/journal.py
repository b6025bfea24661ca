"""The home screen: entries newest first, the selected one in full, search."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from journal.models import Entry
from journal.screens.guard import shows_store_errors
from journal.screens.main import MainScreen, main_bindings
from journal.store import EntryNotFound, EntryQuery
from journal.store.entry_pages import COUNT_CAP
from journal.text import one_line
from widgets.confirm import Confirm
from widgets.entry_detail import EntryDetail
from widgets.entry_list import EntryList
from widgets.matches import search_pattern

if TYPE_CHECKING:
    from textual.timer import Timer

    from journal.app import JournalApp

PAGE = 100
# The first page only needs to fill a tall terminal; the rest follow as it scrolls.
FIRST_PAGE = 60
# A search starts when typing pauses this long (seconds), so a word typed fast
# is searched once; a newer search interrupts the one running (store.searcher).
# 100 ms, not more: the answer must be on screen within 150 ms of the last key.
SEARCH_PAUSE = 0.1
NARROW = 90  # below this width the detail goes under the list
# Below this width the footer's keys sit closer together: at 80 columns all of them
# up to `q Quit` still show.
COMPACT_FOOTER = 100


WELCOME = """\
Welcome to your journal.

Everything you write stays in one file on this computer.

  n   write your first entry (a mood, a stress level, a few words)
  p   relax: a guided muscle relaxation session
  t   trends: charts of your mood, stress and relaxation
  w   a well-being check-in: five statements, a minute
  ?   the keys of the screen you are on
  q   quit
"""


class JournalScreen(MainScreen):
    """Entries newest first, the highlighted one shown in full beside them."""

    BINDINGS: ClassVar = [
        Binding("n", "new_entry", "New", priority=True),
        Binding("e", "edit_entry", "Edit", priority=True),
        Binding("d", "delete_entry", "Delete", priority=True),
        Binding("slash", "search", "Search", priority=True),
        Binding("escape", "clear_search", "Clear", show=False, priority=True),
        *main_bindings("j"),
    ]

    AUTO_FOCUS = "#entries"

    query_text: reactive[str] = reactive("", init=False)

    class Loaded(Message):
        """A search finished in a worker: `page` entries to show (one more: there
        are more), and the entry to select."""

        def __init__(
            self, text: str, entries: list[Entry], page: int, select: int | None, newer: bool
        ) -> None:
            super().__init__()
            self.text = text
            self.entries = entries
            self.page = page
            self.select = select
            self.newer = newer  # the list's window does not start at the newest

    class Counted(Message):
        """How many entries match `text` (counted up to COUNT_CAP), from a worker."""

        def __init__(self, text: str, total: int) -> None:
            super().__init__()
            self.text = text
            self.total = total

    app: JournalApp

    # The entry to keep selected when the search is cleared.
    _keep_selected: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(WELCOME, id="welcome", markup=False, classes="-hidden")
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield Static("", id="status", markup=False)
                yield EntryList(id="entries")
            yield EntryDetail(id="detail")

    @shows_store_errors
    def on_mount(self) -> None:
        # The entries are what a person opens the journal for: paint them first,
        # then the keys and the Markdown view (also when the entries cannot be read).
        self.set_timer(0.1, self._add_the_rest)
        self._data_version = self.store.data_version()
        self.set_interval(2, self.notice_outside_writes)
        self.reload()

    @shows_store_errors
    def notice_outside_writes(self) -> None:
        """Another window or `journal add` wrote: show it (keeping the selection)."""
        version = self.store.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        if self.app.screen is self:
            selected = self.query_one(EntryList).selected_entry
            self.reload(select=selected.id if selected else None)

    async def _add_the_rest(self) -> None:
        from journal.screens.checkin_reminder import remind_of_checkin

        if not self.is_attached:
            return  # the app quit before its first tenth of a second was up
        await self.mount(Footer(compact=self.size.width < COMPACT_FOOTER))
        if not self.is_attached:
            return
        self.refresh_bindings()  # a footer mounted late waits for this to show the keys
        self.query_one(EntryDetail).add_body()
        self.call_after_refresh(self._show_detail, self.query_one(EntryList).selected_entry)
        self.app.warm_up()
        remind_of_checkin(self)

    # -- loading ---------------------------------------------------------------

    def current_query(self) -> EntryQuery:
        return EntryQuery.from_search(self.query_text)

    def on_screen_resume(self) -> None:
        self.notice_outside_writes()

    def reload(self, select: int | None = None) -> None:
        """Show the newest page for the current search (fast: one indexed query)."""
        query = self.current_query()
        entries = self.store.entries.find(query, limit=FIRST_PAGE + 1)
        self._show(entries, select=select, page=FIRST_PAGE)
        if self.query_text.strip():
            self._count(len(entries), FIRST_PAGE)

    def _show(
        self,
        entries: list[Entry],
        *,
        select: int | None = None,
        page: int = PAGE,
        newer: bool = False,
        typed: bool = False,
    ) -> None:
        """Show `entries` in the list; `typed`: they answer a search being typed."""
        entry_list = self.query_one(EntryList)
        more = len(entries) > page
        entry_list.show(
            entries[:page],
            more=more,
            today=self.app.clock().date(),
            newer=newer,
            matches=search_pattern(self.query_text),
        )
        if select is not None and (index := entry_list.index_of(select)) is not None:
            entry_list.highlighted = index
        searching = bool(self.query_text.strip())
        empty = not entries and not searching
        self.query_one("#welcome").set_class(not empty, "-hidden")
        self.query_one("#panes").set_class(empty, "-hidden")
        self._update_status(min(len(entries), page), more)
        # The rows first: the Markdown view of the selected entry takes longer to
        # lay out than the whole list, so it follows once the list is on screen;
        # while a search is being typed, once typing pauses (a key typed meanwhile
        # would find other rows, and laying out this entry would only delay them).
        self._detail_pending = True
        if self._detail_timer is not None:
            self._detail_timer.stop()
        if typed:
            self._detail_timer = self.set_timer(SEARCH_PAUSE, self._show_selected)
        else:
            self.call_after_refresh(self._show_selected)
        # e and d are offered only with entries to act on; the footer lays all its
        # keys out again when told, so it is told only when that changes.
        if self._offers_entry_keys != bool(entry_list.entries):
            self._offers_entry_keys = bool(entry_list.entries)
            self.refresh_bindings()

    _offers_entry_keys: bool | None = None
    _detail_pending = False
    _detail_timer: Timer | None = None

    def _show_selected(self) -> None:
        self._detail_pending = False
        self._show_detail(self.query_one(EntryList).selected_entry)

    # How many entries match the search shown: (its words, the total).
    _total: tuple[str, int] | None = None

    def _update_status(self, shown: int = 0, more: bool = False) -> None:
        """The status line: how many entries the search found (`shown` of them
        in the first page, `more` if there are more, until they are counted)."""
        status = self.query_one("#status", Static)
        # Its line stays while the search box is open, so the list does not move
        # down a line under the first key typed.
        status.display = self._search_open() or bool(self.query_text.strip())
        if not self.query_text.strip():
            status.update("", layout=False)
            return
        if self._total is not None and self._total[0] == self.query_text:
            total = self._total[1]
            count = f"more than {COUNT_CAP:,}" if total >= COUNT_CAP else f"{total:,}"
        else:
            count = f"{shown}+" if more else str(shown)
        text = Content.styled(f"{count} found for: {one_line(self.query_text)}", "dim")
        status.update(text, layout=False)

    def _count(self, found: int, page: int) -> None:
        """Count the search's matches, unless its first page holds all of them."""
        if found <= page:
            self._total = (self.query_text, found)
        else:
            self._total = None
            self.count_entries(self.query_text)

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def count_entries(self, text: str) -> None:
        total = self.store.searcher.count(EntryQuery.from_search(text), cap=COUNT_CAP)
        if total is not None and not get_current_worker().is_cancelled:
            self.post_message(self.Counted(text, total))

    @on(Counted)
    def show_count(self, event: Counted) -> None:
        if event.text == self.query_text:
            self._total = (event.text, event.total)
            self._update_status()

    def _search_open(self) -> bool:
        return any(not box.has_class("-hidden") for box in self.query("#search"))

    @on(EntryList.NeedMore)
    @shows_store_errors
    def load_more(self, event: EntryList.NeedMore) -> None:
        entries = self.store.entries.find(self.current_query(), limit=PAGE + 1, after=event.after)
        event.entry_list.extend(entries[:PAGE], more=len(entries) > PAGE)

    @on(EntryList.NeedNewer)
    @shows_store_errors
    def load_newer(self, event: EntryList.NeedNewer) -> None:
        """Back up past the top of the list's window: the page just newer."""
        entries = self.store.entries.find(self.current_query(), limit=PAGE + 1, before=event.before)
        event.entry_list.prepend(entries[-PAGE:], newer=len(entries) > PAGE)

    @on(EntryList.NeedEnd)
    @shows_store_errors
    def load_end(self, event: EntryList.NeedEnd) -> None:
        """`home` / `end`: the newest or the oldest page, read directly."""
        if not event.oldest:
            self.reload()
            return
        entries = self.store.entries.find(self.current_query(), limit=PAGE + 1, oldest=True)
        self._show(entries[-PAGE:], newer=len(entries) > PAGE)
        event.entry_list.action_last()

    _search_timer: Timer | None = None
    _searched: str | None = ""  # the words the list shows the answer for

    @property
    def search_settled(self) -> bool:
        """The list, the detail of its selected entry and the count of matches
        show the answer for what is in the search box (for tests)."""
        counted = not self.query_text.strip() or (
            self._total is not None and self._total[0] == self.query_text
        )
        return self._searched == self.query_text and not self._detail_pending and counted

    def watch_query_text(self, text: str) -> None:
        select, self._keep_selected = self._keep_selected, None
        # Wait for a pause in typing; whatever runs now is out of date.
        for timer in (self._search_timer, self._detail_timer):
            if timer is not None:
                timer.stop()
        # Until the answer lands (should it ever: the search may fail), the
        # detail follows the highlight in the rows still shown.
        self._detail_pending = False
        self._searched = None
        self.store.searcher.interrupt()
        if select is not None:  # escape: nothing more is being typed
            self.search_entries(text, select)
            return
        self._search_timer = self.set_timer(SEARCH_PAUSE, lambda: self.search_entries(text))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_entries(self, text: str, select: int | None = None) -> None:
        query = EntryQuery.from_search(text)
        # The first page as at start-up: enough to fill a tall terminal, and
        # fewer rows to lay out before the answer is on screen.
        entries = self.store.searcher.find(query, limit=FIRST_PAGE + 1)
        if entries is None:
            return  # a newer search interrupted this one
        page, newer = FIRST_PAGE, False
        if select is not None and all(entry.id != select for entry in entries[:page]):
            entries, page, newer = self._around(query, select) or (entries, page, newer)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(text, entries, page, select, newer))

    def _around(self, query: EntryQuery, select: int) -> tuple[list[Entry], int, bool] | None:
        """The list's window around the entry to keep selected (escape from a search:
        `query` then matches every entry): half a page newer, the entry, a page
        older. None if the entry is gone."""
        find = self.store.entries.find
        try:
            anchor = self.store.entries.get(select)
        except EntryNotFound:
            return None
        newer = find(query, limit=PAGE // 2 + 1, before=anchor)
        older = find(query, limit=PAGE + 1, after=anchor)
        rows = [*newer[-(PAGE // 2) :], anchor, *older]
        return rows, len(rows) - (len(older) > PAGE), len(newer) > PAGE // 2

    @on(Loaded)
    def show_search(self, event: Loaded) -> None:
        if event.text == self.query_text:
            self._searched = event.text
            self._show(
                event.entries,
                select=event.select,
                page=event.page,
                newer=event.newer,
                typed=event.select is None,
            )
            if event.text.strip():
                self._count(len(event.entries), event.page)

    # -- the detail pane ----------------------------------------------------------

    @on(EntryList.OptionHighlighted)
    def highlight_changed(self) -> None:
        if self._detail_pending:
            return  # new rows: their selected entry follows them (_show)
        self._show_detail(self.query_one(EntryList).selected_entry)

    def _show_detail(self, entry: Entry | None) -> None:
        self.query_one(EntryDetail).show(entry, search_pattern(self.query_text))

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        for footer in self.query(Footer):
            footer.compact = event.size.width < COMPACT_FOOTER

    # -- actions -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "clear_search" and isinstance(self.app.focused, Input):
            return False
        if action in ("edit_entry", "delete_entry"):
            # Nothing to edit or delete yet: not offered in the footer.
            lists = self.query(EntryList)
            return bool(lists and lists.first().entries)
        return True

    def action_show_journal(self) -> None:
        """Already here: j on the journal puts the newest entry in view."""
        entry_list = self.query_one(EntryList)
        entry_list.focus()
        entry_list.action_first()

    async def action_new_entry(self) -> None:
        if self.app.can_write("write a new entry"):
            await self.app.open_editor(None, on_saved=self.reload_and_select)

    async def action_edit_entry(self) -> None:
        entry = self.query_one(EntryList).selected_entry
        if entry is None:
            self.notify("No entry to edit: press n to write one", severity="warning")
            return
        if self.app.can_write("change an entry"):
            await self.app.open_editor(entry, on_saved=self.reload_and_select)

    @on(EntryList.OptionSelected)
    async def entry_chosen(self) -> None:
        await self.action_edit_entry()

    @shows_store_errors
    def reload_and_select(self, entry_id: int | None) -> None:
        if entry_id is not None:
            self.reload(select=entry_id)
            self.query_one(EntryList).focus()

    def action_delete_entry(self) -> None:
        entry_list = self.query_one(EntryList)
        entry = entry_list.selected_entry
        if entry is None or not self.app.can_write("delete an entry"):
            return
        index = entry_list.highlighted

        def answered(answer: str | None) -> None:
            if answer == "y":
                self.app.write(
                    lambda wait: self.store.entries.delete(entry.id, wait=wait),
                    done=lambda _: self._deleted(index),
                )

        title = one_line(entry.title)[:60] or "(no text)"
        self.app.push_screen(
            Confirm(
                "Delete this entry?",
                {"y": "delete", "n": "keep"},
                detail=f"{entry.created_at:%a %d %b %Y %H:%M}  {title}",
            ),
            answered,
        )

    @shows_store_errors
    def _deleted(self, index: int | None) -> None:
        self.reload()
        entry_list = self.query_one(EntryList)
        if index is not None and entry_list.option_count:
            entry_list.highlighted = min(index, entry_list.option_count - 1)
        self.notify("Entry deleted")

    async def action_search(self) -> None:
        searches = self.query("#search")
        if searches:
            search = searches.first(Input)
        else:
            # Mounted when first wanted: the journal opens faster without it.
            from journal.screens.tag_suggester import TagSuggester

            search = Input(
                placeholder="Search words; #tag filters by tag; escape clears",
                id="search",
                suggester=TagSuggester(self.store.entries.first_tag_starting),
            )
            await self.mount(search, before=0)
        search.remove_class("-hidden")
        self.query_one("#status").display = True
        self.set_focus(search)

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(EntryList).focus()

    def action_clear_search(self) -> None:
        searches = self.query("#search")
        if not searches:
            return
        search = searches.first(Input)
        had_search = bool(search.value) or not search.has_class("-hidden")
        entry_list = self.query_one(EntryList)
        selected = entry_list.selected_entry
        if self.query_text:
            self._keep_selected = selected.id if selected else None
        search.value = ""
        search.add_class("-hidden")
        self.query_one("#status").display = False
        entry_list.focus()
        if had_search:
            self.query_text = ""
