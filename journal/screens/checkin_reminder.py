"""The quiet reminder on the journal screen: one dim line when the last check-in is
14 or more days old, at most once a day (the day is kept in the settings), never
when the person turned it off (`r` on the check-in screen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from journal.who5 import DUE_AFTER_DAYS

if TYPE_CHECKING:
    from journal.app import JournalApp
    from journal.store import Store

REMINDER_ID = "checkin-reminder"


@dataclass(frozen=True)
class Due:
    """A check-in is due: the last was `days` days ago."""

    days: int


def due(store: Store, today: date) -> Due | None:
    """Whether to remind today: on, not yet today, and the last check-in 14 or more
    days old. A journal without a check-in is not reminded: `w` is in the footer."""
    settings = store.settings
    if not settings.checkin_reminder or settings.checkin_reminded_on == today:
        return None
    latest = store.checkins.latest()
    if latest is None:
        return None
    days = (today - latest.taken_at.date()).days
    return Due(days) if days >= DUE_AFTER_DAYS else None


def reminder_text(days: int) -> Content:
    return Content.assemble(
        (f"Your last well-being check-in was {days} days ago", "dim"),
        (" · ", "dim"),
        ("w", "bold"),
        (" takes one", "dim"),
    )


class CheckinReminder(Static):
    """The reminder line."""

    DEFAULT_CSS = """
    CheckinReminder {
        height: auto;
        padding: 0 1;
    }
    """


def remind_of_checkin(screen: Screen) -> None:
    """Look (in a thread) whether to remind, and if so show the line on `screen`
    and remember the day. Called by the journal screen after its first paint."""
    app: JournalApp = screen.app  # type: ignore[assignment]
    if app.store.readonly:
        return

    def look() -> None:
        found = due(app.store, app.clock().date())
        if found is not None:
            app.call_from_thread(show, found)

    def show(found: Due) -> None:
        if not screen.is_attached or screen.query(f"#{REMINDER_ID}"):
            return
        today = app.clock().date()
        screen.mount(
            CheckinReminder(reminder_text(found.days), id=REMINDER_ID),
            before=0,
        )
        app.write(
            lambda wait: app.store.settings.set_checkin_reminded_on(today, wait=wait),
            key="checkin-reminded-on",
        )

    screen.run_worker(look, thread=True, group="checkin-reminder", exit_on_error=False)


def checkin_taken(app: App) -> None:
    """A check-in was saved: the reminder has said its piece."""
    for stack in app._screen_stacks.values():
        for screen in stack:
            for reminder in screen.query(f"#{REMINDER_ID}"):
                reminder.remove()
