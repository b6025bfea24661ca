"""The WHO-5 well-being check-in: the instruction, one statement at a time with its
six answers, then the score, its change and WHO5.md's words for it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from journal import who5
from journal.screens.checkin_reminder import checkin_taken
from journal.screens.guard import shows_store_errors
from journal.who5 import ANSWERS, STATEMENTS, Checkin

if TYPE_CHECKING:
    from journal.app import JournalApp
    from journal.store import StoreError

SHORT = 18  # rows: below this the instruction gives its room to the answers
KEYS = "0-5 or ↑/↓ and enter · backspace back · escape leaves (nothing saved)"
NOT_AN_ANSWER = "Answers go from 0 (at no time) to 5 (all of the time)"


def score_bar(score: int, width: int = 25) -> Content:
    """The score as a bar of `width` cells with the 50 line marked (│)."""
    filled = round(score / who5.SCORE_MAX * width)
    line = width // 2
    cells = []
    for n in range(width):
        if n == line:
            cells.append(("│", "bold"))
        else:
            cells.append(("█" if n < filled else "░", "$primary" if n < filled else "dim"))
    return Content.assemble(*cells)


def result_content(answers: tuple[int, ...], previous: Checkin | None) -> Content:
    """What the result says: the score of 100, the change since the last check-in,
    WHO5.md's words for the score, and the answers given."""
    raw = sum(answers)
    score = raw * 4
    parts: list = [
        ("Your well-being score\n", "bold"),
        (f"{score}", "bold $primary"),
        f" of {who5.SCORE_MAX}  ",
        score_bar(score),
        (f"  raw {raw} of {who5.RAW_MAX}\n", "dim"),
    ]
    if previous is None:
        parts.append(("Your first check-in: the next one shows the change.\n", "dim"))
    else:
        change = score - previous.score
        parts.append(
            f"{who5.signed(change)} since your last check-in "
            f"({previous.score}, {previous.taken_at:%d %b %Y})\n"
        )
        if who5.is_meaningful(change):
            parts.append((who5.CHANGE_WORDS + "\n", "bold"))
    words = who5.words_for(score)
    if words:
        parts += ["\n", (words, "bold"), "\n"]
    parts.append(("\nYour answers\n", "bold"))
    for n, (statement, answer) in enumerate(zip(STATEMENTS, answers, strict=True), start=1):
        parts += [f"{n}. {statement}\n", (f"   {answer}  {ANSWERS[answer]}\n", "dim")]
    return Content.assemble(*parts)


class AnswerList(OptionList):
    """The six answers, best first, each with its value."""

    # Help describes the OptionList's keys as they work here.
    HELP_TEXTUAL_KEYS = False
    HELP_KEYS = (("up / down", "choose an answer"), ("enter", "give the chosen answer and go on"))

    DEFAULT_CSS = """
    AnswerList, AnswerList:focus {
        height: auto;
        border: none;
        padding: 0;
        background: $surface;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(
            *(Option(f"{value}  {answer}", id=str(value)) for value, answer in ANSWERS.items()),
            **kwargs,
        )

    def show_answer(self, answer: int | None) -> None:
        """Highlight a given answer (going back), or none: no answer is suggested."""
        self.highlighted = None if answer is None else list(ANSWERS).index(answer)


class CheckinScreen(Screen[None]):
    """The check-in, then its result. Nothing is saved until the fifth answer."""

    DEFAULT_CSS = """
    CheckinScreen #checkin-title {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    CheckinScreen #checkin {
        height: 1fr;
        padding: 0 1;
    }
    CheckinScreen #instruction {
        margin-top: 1;
    }
    CheckinScreen #statement {
        text-style: bold;
        margin: 1 0;
    }
    CheckinScreen #checkin-keys {
        margin-top: 1;
    }
    CheckinScreen #checkin-keys {
        color: $text-muted;
    }
    CheckinScreen.-short #instruction {
        display: none;
    }
    CheckinScreen.-short #statement, CheckinScreen.-short #checkin-keys {
        margin-top: 0;
    }
    CheckinScreen #result {
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar = [
        *(
            Binding(str(value), f"answer({value})", "Answer", show=value == 0, key_display="0-5")
            for value in range(6)
        ),
        *(Binding(str(value), "not_an_answer", show=False) for value in range(6, 10)),
        Binding("backspace", "previous_statement", "Previous", priority=True),
        Binding("shift+tab", "previous_statement", "Previous", show=False, priority=True),
        Binding("escape", "leave", "Leave", priority=True),
        Binding("enter", "close_result", "Done"),
        Binding("r", "toggle_reminder", "Reminder on/off"),
        Binding("question_mark", "help", "Help"),
    ]

    AUTO_FOCUS = "#answers"

    step: reactive[int] = reactive(0, init=False)

    app: JournalApp

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[int | None] = [None] * len(STATEMENTS)
        self.previous: Checkin | None = None
        self.saved_at: datetime | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="checkin-title", markup=False)
        with VerticalScroll(id="checkin"):
            yield Static(who5.INSTRUCTION, id="instruction", markup=False)
            yield Static("", id="statement", markup=False)
            yield AnswerList(id="answers")
            yield Static(KEYS, id="checkin-keys", markup=False)
            yield Static("", id="result", classes="-hidden")
        yield Footer()

    @shows_store_errors
    def on_mount(self) -> None:
        self._show_step()
        # The change is measured from the check-in before this one.
        self.previous = self.app.store.checkins.latest()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < SHORT, "-short")

    @property
    def finished(self) -> bool:
        return self.step >= len(STATEMENTS)

    def watch_step(self) -> None:
        self._show_step()

    def _show_step(self) -> None:
        title = self.query_one("#checkin-title", Static)
        answer_list = self.query_one(AnswerList)
        for part in ("#instruction", "#statement", "#answers", "#checkin-keys"):
            self.query_one(part).set_class(self.finished, "-hidden")
        self.query_one("#result").set_class(not self.finished, "-hidden")
        self.refresh_bindings()
        if self.finished:
            title.update("WHO-5 well-being · result")
            return
        title.update(f"WHO-5 well-being check-in · {self.step + 1} of {len(STATEMENTS)}")
        self.query_one("#statement", Static).update(STATEMENTS[self.step])
        self.query_one("#checkin-keys", Static).update(KEYS)
        answer_list.show_answer(self.answers[self.step])
        answer_list.focus()
        self.query_one("#checkin").scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "previous_statement", "not_an_answer"):
            return not self.finished
        if action == "close_result":
            return self.finished
        return True

    # -- answering ---------------------------------------------------------------------

    def action_answer(self, value: int) -> None:
        if self.finished:
            return
        self.answers[self.step] = value
        self.step += 1
        if self.finished:
            self._finish()

    @on(OptionList.OptionSelected, "#answers")
    def answer_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert event.option.id is not None
        self.action_answer(int(event.option.id))

    def action_not_an_answer(self) -> None:
        self.query_one("#checkin-keys", Static).update(Content.styled(NOT_AN_ANSWER, "$warning"))

    def action_previous_statement(self) -> None:
        if self.step > 0 and not self.finished:
            self.step -= 1

    def action_leave(self) -> None:
        if not self.finished and any(a is not None for a in self.answers):
            self.notify("Check-in left: nothing was saved", title="Well-being check-in")
        self.dismiss()

    def action_help(self) -> None:
        self.app.action_help()

    def action_close_result(self) -> None:
        self.dismiss()

    # -- the result --------------------------------------------------------------------

    def _finish(self) -> None:
        answers = tuple(a for a in self.answers if a is not None)
        at = self.app.clock()
        self.query_one("#result", Static).update(result_content(answers, self.previous))
        self.query_one("#checkin").focus()
        self._set_saved_state("saving…")
        store = self.app.store
        self.app.write(
            lambda wait: store.checkins.add(answers, at=at, wait=wait),
            done=self._saved,
            failed=self._not_saved,
        )

    def _saved(self, checkin: Checkin) -> None:
        self.saved_at = checkin.taken_at
        self._set_saved_state(f"saved {checkin.taken_at:%d %b %Y, %H:%M}")
        checkin_taken(self.app)

    def _not_saved(self, error: StoreError) -> None:
        self._set_saved_state("not saved")
        self.app.show_store_error(error, title="Check-in not saved")

    def _set_saved_state(self, state: str) -> None:
        if not self.is_attached:
            return  # left while the journal was busy: the write still lands
        self.query_one("#checkin-title", Static).update(f"WHO-5 well-being · {state}")

    # -- the reminder ------------------------------------------------------------------

    @shows_store_errors
    def action_toggle_reminder(self) -> None:
        if not self.app.can_write("change the reminder"):
            return
        on = not self.app.store.settings.checkin_reminder
        self.app.write(
            lambda wait: self.app.store.settings.set_checkin_reminder(on, wait=wait),
            key="checkin-reminder",
        )
        if on:
            message = "The journal will remind you when your last check-in is 14 days old."
        else:
            message = "No more reminders to check in. r here turns them on again."
        self.notify(message, title="Check-in reminder", markup=False)
