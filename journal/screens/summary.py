"""After a relaxation session: how long, how far, and how stress changed."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from journal.models import Session
from journal.screens.guard import shows_store_errors
from journal.screens.main import MainScreen, main_bindings
from journal.text import minutes, one_line

if TYPE_CHECKING:
    from journal.screens.session import Outcome


def stress_change_text(session: Session) -> Content:
    before, after = session.stress_before, session.stress_after
    if before is None and after is None:
        return Content.styled("not rated", "dim")
    shown = lambda v: "–" if v is None else str(v)  # noqa: E731
    text = f"{shown(before)} → {shown(after)}"
    change = session.stress_change
    if change is None:
        return Content(text)
    if change < 0:
        return Content.assemble(text, (f"  {-change} lower", "bold $success"))
    if change > 0:
        return Content.assemble(text, (f"  {change} higher", "bold $warning"))
    return Content.assemble(text, ("  the same", "dim"))


class SummaryScreen(MainScreen):
    """What the session came to; enter goes back to the routines."""

    BINDINGS: ClassVar = [
        Binding("enter,escape", "done", "Back to routines", priority=True),
        *main_bindings("p"),
    ]

    DEFAULT_CSS = """
    SummaryScreen {
        align: center middle;
    }
    SummaryScreen #summary {
        width: 60;
        max-width: 100%;
        height: auto;
        border: round $success;
        padding: 1 2;
    }
    SummaryScreen #summary.-stopped {
        border: round $warning;
    }
    SummaryScreen #summary-keys {
        margin-top: 1;
    }
    SummaryScreen #summary-title {
        text-style: bold;
        margin-bottom: 1;
    }
    """

    def __init__(self, session: Session, outcome: Outcome | None = None) -> None:
        super().__init__()
        self.session = session
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        session = self.session
        title = "Session complete. Well done." if session.completed else "Session stopped early"
        rows = [
            ("Routine", Content(session.routine)),
            ("Practised", Content(minutes(session.seconds))),
            ("Groups", Content(f"{session.groups_done} of {session.groups_planned}")),
            ("Stress", stress_change_text(session)),
        ]
        if session.note:
            rows.append(("Note", Content(one_line(session.note))))
        week = self._this_week()
        if week:
            rows.append(("This week", Content(week)))
        body = Content("\n").join(
            Content.assemble((f"{label:<11}", "dim"), value) for label, value in rows
        )
        with Center(), Vertical(id="summary", classes="" if session.completed else "-stopped"):
            yield Static(title, id="summary-title", markup=False)
            yield Static(body, id="summary-body")
            yield Static(
                Content.styled("enter back to routines · t trends · j journal", "dim"),
                id="summary-keys",
            )
        yield Footer()

    @shows_store_errors
    def _this_week(self) -> str | None:
        store = self.app.store
        today = store.clock().date()
        monday = today - timedelta(days=today.weekday())
        weeks = store.trends.weekly_practice(monday, today)
        if not weeks or not weeks[-1].sessions:
            return ""
        week = weeks[-1]
        sessions = "1 session" if week.sessions == 1 else f"{week.sessions} sessions"
        return f"{sessions}, {minutes(week.minutes * 60)}"

    def action_done(self) -> None:
        self.dismiss()

    # Leaving the summary for another screen is done with it too: coming back to
    # Relaxation shows the routines, not this summary again.
    def action_show_journal(self) -> None:
        self.dismiss()
        self.app.switch_mode("journal")

    def action_show_trends(self) -> None:
        self.dismiss()
        self.app.switch_mode("trends")
