"""The entry editor: body, mood, stress, tags and when; drafts saved while typing."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static, TextArea

from journal.models import Draft, Entry, EntryInput, InvalidEntry, parse_tags
from journal.store import EntryNotFound, StoreError
from journal.text import from_pictures, to_pictures
from journal.when import entry_moment, repeated_time
from journal.writes import Job, Outcome
from widgets.confirm import Confirm
from widgets.mood_picker import MoodPicker
from widgets.stress_picker import StressPicker

if TYPE_CHECKING:
    from journal.app import JournalApp

# A draft is written at most this long after the last change.
DRAFT_INTERVAL = 1.0
FIELDS = ("body", "mood", "stress", "tags", "when")
# How the when field shows a moment; `--at` and the field read it back.
WHEN_FORMAT = "%Y-%m-%d %H:%M"


class EditorScreen(Screen[int | None]):
    """Write a new entry or change one; dismisses with the saved entry's id."""

    BINDINGS: ClassVar = [
        # Priority: each acts before the next key is read, so typed-ahead keys
        # land in the field they were meant for.
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back", priority=True),
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
        # Not a priority: in the text and the tags, ? is a character.
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    app: JournalApp

    def __init__(self, entry: Entry | None, draft: Draft | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.restored = draft
        self._saved_state = self._state_of(entry)
        self._draft_pending = False
        self._leaving = False
        self._saving = False  # a save waits for another program's write lock
        self._orphaned = False  # the entry was deleted elsewhere while open here
        # The moment the editor opened: a new entry's time unless another is typed.
        self.opened_at: datetime | None = None
        self._when_shown = ""

    @staticmethod
    def _state_of(entry: Entry | None) -> tuple:
        if entry is None:
            return ("", None, None, "")
        return (entry.body, entry.mood, entry.stress, " ".join(entry.own_tags))

    def _when_text(self) -> str:
        return from_pictures(self.query_one("#when", Input).value).strip()

    def compose(self) -> ComposeResult:
        if self.entry is None:
            title = "New entry"
        else:
            title = f"Entry of {self.entry.created_at:%a %d %b %Y, %H:%M}"
        self.opened_at = self.app.clock()
        shown = self.entry.created_at if self.entry is not None else self.opened_at
        self._when_shown = f"{shown:{WHEN_FORMAT}}"
        body, mood, stress, tags = self._saved_state
        if self.restored is not None:
            d = self.restored
            body, mood, stress, tags = d.body, d.mood, d.stress, d.tags
        yield Static(title, id="editor-title", markup=False)
        with Vertical(id="editor"):
            yield TextArea(
                to_pictures(body),
                id="body",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
            )
            yield Label("", id="body-error", classes="error", markup=False)
            with Grid(id="fields"):
                yield Label("Mood", classes="field-label")
                yield MoodPicker(mood, id="mood")
                yield Label("Stress", classes="field-label")
                yield StressPicker(stress, id="stress")
                yield Label("Tags", classes="field-label", id="tags-label")
                yield Input(
                    to_pictures(tags), id="tags", placeholder="words, like: sleep work family"
                )
                yield Label("When", classes="field-label")
                yield Input(
                    self._when_shown,
                    id="when",
                    placeholder="yesterday 21:30, 2026-11-20 08:00, 2 days ago",
                    tooltip="Any time `journal add --at` takes: YYYY-MM-DD HH:MM, "
                    "today HH:MM, yesterday, HH:MM, N days ago",
                )
            yield Label("", id="form-error", classes="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#body", TextArea)
        # set_focus acts now (focus() would wait a turn): typed-ahead keys need it.
        self.set_focus(body)
        body.move_cursor(body.document.end)
        if self.restored is not None:
            self.notify(
                f"Restored your unsaved draft from {self.restored.saved_at.astimezone():%a %H:%M}",
                title="Draft",
            )
            self._draft_pending = False
        self.set_interval(DRAFT_INTERVAL, self.flush_draft)

    # -- state -------------------------------------------------------------------

    def current_state(self) -> tuple:
        return (
            from_pictures(self.query_one("#body", TextArea).text),
            self.query_one("#mood", MoodPicker).value,
            self.query_one("#stress", StressPicker).value,
            from_pictures(self.query_one("#tags", Input).value).strip(),
            self._when_text(),
        )

    @property
    def has_changes(self) -> bool:
        body, mood, stress, tags, when = self.current_state()
        saved_body, saved_mood, saved_stress, saved_tags = self._saved_state
        return (body.strip(), mood, stress, tags, when) != (
            saved_body.strip(),
            saved_mood,
            saved_stress,
            saved_tags,
            self._when_shown,
        )

    @on(TextArea.Changed)
    @on(MoodPicker.Changed)
    @on(StressPicker.Changed)
    @on(Input.Changed, "#tags")
    @on(Input.Changed, "#when")
    def changed(self) -> None:
        if self.is_mounted:
            self._draft_pending = True
            self._clear_errors()

    def flush_draft(self) -> None:
        """Write the draft if anything changed since the last write. When another
        program holds the journal, the draft waits in the app's write queue (a newer
        one replaces it there) and typing goes on."""
        if not self._draft_pending or self._leaving:
            return
        self._draft_pending = False
        entry_id = self.entry.id if self.entry else None
        body, mood, stress, tags, _ = self.current_state()
        drafts = self.app.store.drafts
        job: Job
        if self.has_changes or (self.entry is None and self._orphaned):

            def job(wait: float) -> None:
                drafts.save(entry_id, body=body, mood=mood, stress=stress, tags=tags, wait=wait)

        else:

            def job(wait: float) -> None:
                drafts.discard(entry_id, wait=wait)

        self.app.write(job, failed=self._draft_failed, key=f"draft:{entry_id}")

    def _draft_failed(self, error: StoreError) -> None:
        if not self.is_attached:
            self.app.show_store_error(error, title="Draft not saved")
            return
        self._draft_pending = True
        if isinstance(error, EntryNotFound):
            self._became_new()
            self.flush_draft()
        else:
            self.app.show_store_error(error, title="Draft not saved")

    def _became_new(self) -> None:
        """The entry was deleted by another window or `journal delete` while it
        was open here: what is typed is kept, as a new entry."""
        self.entry = None
        self._orphaned = True
        self.query_one("#editor-title", Static).update(
            "New entry (the one you were editing was deleted elsewhere)"
        )
        self.notify(
            "This entry was deleted elsewhere; your text is kept as a new entry",
            severity="warning",
            timeout=8,
        )

    # -- errors ------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in self.query(".error").results(Label):
            label.update("")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")

    def _show_error(self, error: InvalidEntry) -> None:
        field = error.field if error.field in FIELDS else None
        label = self.query_one("#body-error" if field == "body" else "#form-error", Label)
        label.update(str(error))
        if field:
            widget = self.query_one(f"#{field}")
            widget.add_class("-invalid")
            widget.focus()
        self.app.bell()

    # -- actions -----------------------------------------------------------------

    async def _settle_fields(self) -> None:
        """Let every field handle the keys typed before this one.

        Priority keys (ctrl+s, escape) act at once, while keys typed just before
        them may still wait in a field's queue: a callback queued behind them
        runs after them.
        """
        for field in self.query("#body, #mood, #stress, #tags, #when"):
            handled = asyncio.Event()
            if field.call_later(handled.set):
                await handled.wait()

    async def action_save(self) -> None:
        await self._settle_fields()
        if self._saving:
            self.notify("Still saving: the entry is saved as soon as the journal is free")
            return
        state = self.current_state()
        body, mood, stress, tags_text, when = state
        try:
            entry = EntryInput.make(mood=mood, stress=stress, body=body, tags=parse_tags(tags_text))
            at = self._moment(when)
        except InvalidEntry as error:
            self._show_error(error)
            return
        entries = self.app.store.entries
        entry_id = self.entry.id if self.entry else None
        # An entry deleted elsewhere, saved as a new one, keeps the time it showed.
        new_at = at or (self.entry.created_at if self.entry else self.opened_at)

        def save(wait: float) -> tuple[Entry, bool]:
            """The saved entry, and whether it had been deleted elsewhere meanwhile
            (then the text is kept as a new entry)."""
            if entry_id is None:
                return entries.add(entry, at=new_at, wait=wait, ends_draft=True), False
            try:
                return entries.update(entry_id, entry, at=at, wait=wait, ends_draft=True), False
            except EntryNotFound:
                # Its own draft went with the entry; the new entry's is another's.
                return entries.add(entry, at=new_at, wait=wait), True

        self._saving = True
        outcome = self.app.write(
            save,
            done=lambda result: self._saved(result[0], result[1], state),
            failed=self._not_saved,
        )
        if outcome is Outcome.QUEUED:
            self.query_one("#form-error", Label).update(
                "Saving… another program is writing to the journal; your entry is saved "
                "as soon as it is free"
            )

    def _moment(self, when: str) -> datetime | None:
        """The moment typed in the when field, read as `--at` reads it (None: the
        one it showed, unchanged). Raises InvalidEntry for the field."""
        if when == self._when_shown:
            return None
        if not when:
            raise InvalidEntry(
                "when is empty: give a time such as 'yesterday 21:30' or 'now'", field="when"
            )
        now = self.app.clock()
        moment = entry_moment(when, now)
        # A time that happened twice (the clocks went back) is the first: said, as
        # `--at` says it.
        note = repeated_time(when, now)
        if note:
            self.notify(note, title="When", timeout=12, markup=False)
        return moment

    def _saved(self, saved: Entry, orphaned: bool, state: tuple[Any, ...]) -> None:
        self._saving = False
        if not self.is_attached:
            self.notify(self._saved_message)
            return
        if orphaned:
            self._became_new()
        if self.current_state() != state:
            # Typed on while the save waited for the journal: stay, on the saved entry.
            self.entry = saved
            self._saved_state = state[:4]
            self._when_shown = state[4]
            self._orphaned = False
            self._draft_pending = True
            self.query_one("#form-error", Label).update("")
            self.notify("Saved. What you typed since is not saved yet: ctrl+s saves it")
            return
        self._leaving = True
        self.notify(self._saved_message)
        self.dismiss(saved.id)

    @property
    def _saved_message(self) -> str:
        if self.app.demo:
            from journal.screens.demo import SAVED_IN_DEMO

            return SAVED_IN_DEMO
        return "Saved"

    def _not_saved(self, error: StoreError) -> None:
        """Nothing was saved; the text stays here, and in the draft when it can."""
        self._saving = False
        self.app.show_store_error(error, title="Not saved")
        if self.is_attached:
            self.query_one("#form-error", Label).update("")
            self._draft_pending = True

    def _discard_draft(self) -> None:
        entry_id = self.entry.id if self.entry else None
        drafts = self.app.store.drafts
        self.app.write(lambda wait: drafts.discard(entry_id, wait=wait), key=f"draft:{entry_id}")

    async def action_back(self) -> None:
        await self._settle_fields()
        if self._saving:
            self.notify("Still saving: the entry is saved as soon as the journal is free")
            return
        if not self.has_changes:
            self._leaving = True
            self._discard_draft()
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "s":
                self.call_later(self.action_save)
            elif answer == "d":
                self._leaving = True
                self._discard_draft()
                self.dismiss(None)
            elif answer == "k":
                self._draft_pending = True
                self.flush_draft()
                self._leaving = True
                how = "press n" if self.entry is None else "open the entry again"
                self.notify(f"Kept as a draft: {how} to go on with it")
                self.dismiss(None)

        self.app.push_screen(
            Confirm(
                "Leave without saving?",
                {"s": "save", "k": "keep as a draft", "d": "discard", "n": "stay"},
            ),
            answered,
        )
