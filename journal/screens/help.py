"""Help: the keys of the screen it was opened from, generated from the bindings of
that screen and of the widgets on it (and of the questions and screens it leads to),
then the keys that work everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

NARROW = 60  # below this width the key column gives the descriptions more room
# Textual's names for keys, as a person reads them on the keyboard.
KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "space": "space",
}

# What a key does, in more words than the footer has room for (by action name);
# a key without a line here is described by its binding.
HELP_TEXT = {
    "new_entry": "new entry: the cursor starts in the text",
    "edit_entry": "open the selected entry in the editor",
    "select": "open the selected entry in the editor",
    "delete_entry": "delete the selected entry (asks y / n)",
    "search": "search as you type; #tag filters by tag",
    "clear_search": "clear the search, keeping the selected entry selected",
    "cursor_up": "move down / up in the list",
    "page_up": "a page down / up",
    "first": "the oldest / newest entry",
    "save": "save and go back",
    "back": "go back (asks first if something changed)",
    "focus_next": "next / previous field: text, mood, stress, tags, when",
    "step": "lower / higher",
    "clear": "clear the mood or stress",
    "start": "start the selected routine",
    "new_routine": "a routine of your own, from the selected one",
    "edit_routine": "change one of your own routines",
    "delete_routine": "delete one of your own routines (asks y / n)",
    "bell": "the bell at tense and release: on / off (the footer says which)",
    "toggle_pause": "pause / resume the session",
    "next_group": "skip to the next muscle group",
    "stop": "stop the session (asks y / n; kept as stopped early)",
    "done": "back to the routines",
    "range": "range: the last 7, 30, 90 or 365 days, or all of it",
    "confirm": "confirm the rating",
    "skip": "skip the question",
    "cancel": "before a session: back, it does not start; after: skip",
    "go_on": "go on",
    "answer_default": "the safe answer: keep, stay, go on",
    "show_journal": "journal",
    "show_relax": "relaxation",
    "show_trends": "trends",
    "answer": "answer the statement (5 all of the time ... 0 at no time) and go on",
    "previous_statement": "back to the statement before",
    "leave": "leave; nothing is saved before the fifth answer",
    "close_result": "on the result: back to where you were",
    "toggle_reminder": "the reminder when your last check-in is 14 days old: on / off",
    "checkin": "well-being check-in (WHO-5): five statements, a minute",
    "help": "this help",
    "quit": "quit",
    "command_palette": "every action, the theme, Export journal…, Back up now",
}
GO_TO = {"show_journal": "Journal", "show_relax": "Relaxation", "show_trends": "Trends"}
# Keys moving between screens, help and quit: listed once, under "Everywhere".
EVERYWHERE_ACTIONS = {"show_journal", "show_relax", "show_trends", "checkin", "help", "quit"}
# Actions whose keys read better as one row: up / down, pgup / pgdn, home / end.
PAIRED = {
    "cursor_down": "cursor_up",
    "page_down": "page_up",
    "last": "first",
    "select": "edit_entry",  # the entry list's enter
    "focus_previous": "focus_next",
}

# Your history in and out, from the shell (the palette has export and backup too).
HISTORY = ("journal import", "in the shell: jrnl, Daylio, exports; also export, backup")
EDITOR_NOTE = (
    "Drafts are kept as you type: after a closed terminal, n (or opening the entry "
    "again) brings your words back."
)


@dataclass(frozen=True)
class KeyRow:
    keys: str
    does: str


@dataclass
class Section:
    title: str
    rows: list[KeyRow] = field(default_factory=list)
    note: str = ""


def key_name(key: str) -> str:
    return KEY_NAMES.get(key, key)


def _action_name(action: str) -> str:
    name = parse(action)[1]
    return PAIRED.get(name, name)


def _joined_keys(keys: Sequence[str]) -> str:
    if len(keys) > 2 and all(len(k) == 1 and k.isdigit() for k in keys):
        digits = sorted(int(k) for k in keys)
        if digits == list(range(digits[0], digits[-1] + 1)):
            return f"{digits[0]}-{digits[-1]}"
    return " / ".join(keys)


def key_rows(bindings: Iterable[Binding], extra: Iterable[tuple[str, str]] = ()) -> list[KeyRow]:
    """One row for the keys of each action (`range(7)` ... `range(0)` are one
    action); keys without a description are left out, as in the footer."""
    grouped: dict[str, tuple[list[str], list[Binding]]] = {}
    for binding in bindings:
        name = _action_name(binding.action)
        if not binding.description or name in EVERYWHERE_ACTIONS:
            continue
        keys, group = grouped.setdefault(name, ([], []))
        if key_name(binding.key) not in keys:
            keys.append(key_name(binding.key))
        group.append(binding)
    rows = [KeyRow(keys, does) for keys, does in extra]
    for name, (keys, group) in grouped.items():
        does = HELP_TEXT.get(name) or group[0].tooltip or group[0].description
        rows.append(KeyRow(_joined_keys(keys), does))
    return rows


def class_bindings(cls: type, *, textual_base: bool = False) -> list[Binding]:
    """A class's bindings and its bases' of ours; with `textual_base`, also those of
    the Textual widget it builds on (the entry list's keys are the OptionList's)."""
    bases = [base for base in cls.__mro__ if _ours(base)]
    if textual_base:
        bases += [next(base for base in cls.__mro__ if not _ours(base))]
    found: list[Binding] = []
    for base in reversed(bases):
        found.extend(Binding.make_bindings(vars(base).get("BINDINGS", ())))
    return found


def _ours(cls: type) -> bool:
    return cls.__module__.startswith(("journal.", "widgets."))


def screen_section(screen: Screen, title: str) -> Section:
    """The screen's own keys, and those of its widgets of ours (the entry list, the
    mood and stress scales)."""
    bindings = Binding.make_bindings(type(screen).BINDINGS)
    extra: list[tuple[str, str]] = []
    seen: set[type] = set()
    for widget in screen.query("*"):
        cls = type(widget)
        if cls in seen or not _ours(cls):
            continue
        seen.add(cls)
        extra.extend(getattr(cls, "HELP_KEYS", ()))
        # A widget whose Textual base's keys mean something else there (the
        # check-in's answers are an OptionList, not the entry list) says so.
        textual_base = getattr(cls, "HELP_TEXTUAL_KEYS", True)
        bindings = [*bindings, *class_bindings(cls, textual_base=textual_base)]
    return Section(title, key_rows(bindings, extra))


def everywhere(screen: Screen, command_palette: str) -> Section:
    """The keys between screens, help and quit that this screen has, and the app's."""
    keys: dict[str, list[str]] = {}
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        name = parse(binding.action)[1]
        if name in EVERYWHERE_ACTIONS and binding.description:
            keys.setdefault(name, []).append(key_name(binding.key))
    rows = []
    screens = [(name, keys.pop(name)) for name in GO_TO if name in keys]
    if screens:
        rows.append(
            KeyRow(
                " / ".join(k for _, ks in screens for k in ks),
                "go to " + " / ".join(GO_TO[name] for name, _ in screens),
            )
        )
    rows += [KeyRow(" / ".join(ks), HELP_TEXT[name]) for name, ks in keys.items()]
    rows.append(KeyRow(command_palette, HELP_TEXT["command_palette"]))
    rows.append(KeyRow("ctrl+q", "quit from anywhere, the editor too"))
    return Section("Everywhere", rows)


def sections_for(screen: Screen, command_palette: str = "ctrl+p") -> list[Section]:
    """Every section of help for `screen`, in the order shown."""
    from journal.screens.checkin import CheckinScreen
    from journal.screens.editor import EditorScreen
    from journal.screens.journal import JournalScreen
    from journal.screens.relax import RelaxScreen
    from journal.screens.routine_form import RoutineForm
    from journal.screens.session import SessionScreen
    from journal.screens.summary import SummaryScreen
    from widgets.confirm import Confirm
    from widgets.questions import NoteQuestion, Notice, StressQuestion
    from widgets.stress_picker import StressPicker

    title = {
        JournalScreen: "Journal",
        EditorScreen: "Editor",
        RelaxScreen: "Relaxation",
        SessionScreen: "Relaxation: a session running",
        SummaryScreen: "Relaxation: the summary",
        CheckinScreen: "Well-being check-in (WHO-5)",
    }.get(type(screen), type(screen).__name__.removesuffix("Screen"))
    sections = [screen_section(screen, title)]
    if isinstance(screen, JournalScreen):
        # The delete question's keys, and the commands that bring a history in:
        # rows of their own, so that all of it fits at 80x24.
        answers = ("y / n", "answer a question (delete?)")
        sections[0].rows += key_rows(class_bindings(Confirm), [answers])
        sections[0].rows.append(KeyRow(*HISTORY))
    elif isinstance(screen, EditorScreen):
        answers = ("s / k / d / n", "leaving with changes: save, keep as a draft, discard, stay")
        sections.append(Section("Leaving", key_rows(class_bindings(Confirm), [answers])))
        sections[0].note = EDITOR_NOTE
    elif isinstance(screen, RelaxScreen | SessionScreen | SummaryScreen):
        if not isinstance(screen, SessionScreen):
            sections.append(Section("A session running", key_rows(class_bindings(SessionScreen))))
        rating = key_rows(
            class_bindings(StressQuestion),
            [*StressPicker.HELP_KEYS, ("left / right", "lower / higher")],
        )
        sections.append(Section("Your stress before and after", rating))
        note = key_rows(class_bindings(NoteQuestion), [("enter", "save the note")])
        sections.append(Section("A note afterwards", note))
        if not isinstance(screen, SummaryScreen):
            sections.append(Section("The summary", key_rows(class_bindings(SummaryScreen))))
        if isinstance(screen, RelaxScreen):
            sections.append(Section("Your own routine", key_rows(class_bindings(RoutineForm))))
            sections.append(Section("Safety notes", key_rows(class_bindings(Notice))))
            from journal.pmr import SAFETY_TEXT

            sections[-1].note = SAFETY_TEXT
    sections.append(everywhere(screen, command_palette))
    return sections


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened from, in a scrollable panel; escape, q
    or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > VerticalScroll {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen .help-title {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    HelpScreen .help-title.-first {
        margin-top: 0;
    }
    HelpScreen .help-keys {
        grid-size: 2;
        grid-columns: 20 1fr;
        grid-rows: auto;
        height: auto;
    }
    HelpScreen.-narrow .help-keys {
        grid-columns: 17 1fr;
    }
    HelpScreen .help-key {
        text-style: bold;
        padding-left: 1;
    }
    HelpScreen .help-note {
        color: $text-muted;
        padding-left: 1;
    }
    """

    BINDINGS: ClassVar = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__()
        self.sections = sections_for(origin, origin.app.COMMAND_PALETTE_BINDING)
        self.origin_title = self.sections[0].title

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.can_focus = True  # up / down scroll it
            scroll.border_title = f"Keys: {self.origin_title}"
            scroll.border_subtitle = "escape closes"
            for number, section in enumerate(self.sections):
                first = " -first" if number == 0 else ""
                yield Static(section.title, classes="help-title" + first, markup=False)
                with Grid(classes="help-keys"):
                    for row in section.rows:
                        yield Label(row.keys, classes="help-key", markup=False)
                        yield Static(row.does, markup=False)
                if section.note:
                    yield Static(section.note, classes="help-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
