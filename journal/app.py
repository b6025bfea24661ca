"""The Textual app: its screens, the keys that work everywhere, and its store."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from journal.models import Entry
from journal.screens.journal import JournalScreen
from journal.store import Clock, Store, local_now

if TYPE_CHECKING:
    from journal.pmr import Routine


def _relax_screen() -> Screen:
    from journal.screens.relax import RelaxScreen

    return RelaxScreen()


def _trends_screen() -> Screen:
    from journal.screens.trends import TrendsScreen

    return TrendsScreen()


class JournalApp(App[None]):
    """A private journal. The store and clock are given, so tests can give theirs."""

    CSS_PATH = "app.tcss"
    TITLE = "Wellbeing Journal"
    ENABLE_COMMAND_PALETTE = True
    # Each main screen is a mode with its own stack: going to the journal and
    # back leaves a relaxation session or an open editor where it was.
    # Relaxation and Trends are imported when first opened: start-up stays fast.
    MODES: ClassVar = {
        "journal": JournalScreen,
        "relax": _relax_screen,
        "trends": _trends_screen,
    }
    # Start in a mode directly: switching modes holds the first paint back.
    DEFAULT_MODE = "journal"
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        clock: Clock = local_now,
        *,
        mode: str = "journal",
        routine: Routine | None = None,
    ) -> None:
        # Read by App.__init__: the screen it opens on. Set per app, before it runs.
        self.DEFAULT_MODE = mode  # type: ignore[misc]
        super().__init__()
        self.store = store
        self.clock = clock
        # `journal pmr --routine ...`: the routine the Relaxation screen opens on.
        self.chosen_routine = routine
        theme = store.settings.theme
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        draft = self.store.drafts.get(None)
        if draft is not None and not draft.is_empty:
            self.notify("An unsaved draft is waiting: press n to go on with it", title="Draft")

    def warm_up(self) -> None:
        """After the first paint: load what the first write needs while the person
        reads the screen, and collect garbage again (journal.launch paused it)."""
        gc.enable()
        self.run_worker(self._warm_up, thread=True, group="warm-up")

    def _warm_up(self) -> None:
        self.store.db  # noqa: B018 - sqlite-utils, loaded for the first write
        # The other screens' code (plotext for Trends): `p` and `t` then open at once.
        import journal.screens.relax
        import journal.screens.trends  # noqa: F401

    def _remember_theme(self, theme) -> None:
        self.store.settings.set_theme(theme.name)

    # -- screens -----------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; an editor still open keeps its text as a draft."""
        from journal.screens.editor import EditorScreen

        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, EditorScreen):
                    screen.flush_draft()
                elif hasattr(screen, "end_session"):
                    # A running relaxation session is kept, as stopped early.
                    screen.end_session(quitting=True)
        self.exit()

    def action_help(self) -> None:
        from journal.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def open_editor(
        self, entry: Entry | None, on_saved: Callable[[int | None], None]
    ) -> None:
        """Open the editor, and return once it has focus: keys typed right after
        the one that opened it belong in it."""
        from journal.screens.editor import EditorScreen

        draft = self.store.drafts.get(entry.id if entry else None)
        if draft is not None and draft.is_empty:
            draft = None
        await self.push_screen(EditorScreen(entry, draft), on_saved)

    # -- the command palette ---------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command, and the app's own."""
        seen = set()
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            title, help_text = _COMMANDS.get(
                binding.action, (binding.description, binding.description)
            )
            yield SystemCommand(
                title, f"{help_text} (key: {key})", partial(screen.run_action, binding.action)
            )
        for command in super().get_system_commands(screen):
            # Ours has Quit already; a screenshot would copy private text to a file.
            if command.title not in ("Quit", "Screenshot"):
                yield command


# Titles and help for the command palette, by action.
_COMMANDS = {
    "new_entry": ("New entry", "Write a new entry"),
    "edit_entry": ("Edit entry", "Open the selected entry in the editor"),
    "delete_entry": ("Delete entry", "Delete the selected entry, after a question"),
    "search": ("Search entries", "Search the text of every entry; #tag filters by tag"),
    "clear_search": ("Clear search", "Clear the search and show every entry"),
    "show_journal": ("Journal", "Go to the journal, newest entry first"),
    "show_relax": ("Relaxation", "Go to the relaxation timer (Progressive Muscle Relaxation)"),
    "show_trends": ("Trends", "Go to the charts of mood, stress and relaxation"),
    "help": ("Help", "Show every key"),
    "quit": ("Quit", "Quit the journal"),
    "start": ("Start relaxation", "Start the selected relaxation routine"),
    "new_routine": ("New routine", "Make your own routine from the selected one"),
    "edit_routine": ("Edit routine", "Change one of your own routines"),
    "delete_routine": ("Delete routine", "Delete one of your own routines, after a question"),
    "toggle_bell": ("Bell on / off", "The bell that marks each tense and release"),
    "toggle_pause": ("Pause / resume", "Pause the session, or go on"),
    "next_group": ("Next muscle group", "Skip to the next muscle group"),
    "stop": ("Stop session", "Stop the session (kept as stopped early), after a question"),
    "done": ("Back to routines", "Leave the summary"),
    "range(7)": ("Trends: 7 days", "Charts of the last 7 days"),
    "range(30)": ("Trends: 30 days", "Charts of the last 30 days"),
    "range(90)": ("Trends: 90 days", "Charts of the last 90 days"),
    "range(365)": ("Trends: 365 days", "Charts of the last year"),
    "range(0)": ("Trends: all time", "Charts of everything in the journal"),
    "save": ("Save entry", "Save the entry and go back"),
    "back": ("Back", "Go back (asks first if something changed)"),
}


def build_app(
    store: Store,
    clock: Clock = local_now,
    *,
    mode: str = "journal",
    routine: Routine | None = None,
) -> JournalApp:
    """The app as `journal` runs it; tests call this too, with their store and clock."""
    return JournalApp(store, clock, mode=mode, routine=routine)
