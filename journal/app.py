"""The Textual app: its screens, the keys that work everywhere, and its store."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from journal.models import Entry
from journal.palette import COMMANDS
from journal.screens.guard import shows_store_errors
from journal.screens.journal import JournalScreen
from journal.store import Clock, Store, StoreError, local_now
from journal.store.errors import BUSY_TIMEOUT_SECONDS
from journal.writes import Job, Outcome, Writes

if TYPE_CHECKING:
    from textual.theme import Theme

    from journal.pmr import Routine
    from journal.screens.lock import Unlock


def _relax_screen() -> Screen:
    from journal.screens.relax import RelaxScreen

    return RelaxScreen()


def _trends_screen() -> Screen:
    from journal.screens.trends import TrendsScreen

    return TrendsScreen()


def _lock_screen(unlock: Unlock, opened: Callable[[Store], object]) -> Screen:
    from journal.screens.lock import LockScreen

    return LockScreen(unlock, opened)


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
        store: Store | None,
        clock: Clock = local_now,
        *,
        mode: str = "journal",
        routine: Routine | None = None,
        demo: bool = False,
        unlock: Unlock | None = None,
    ) -> None:
        # An encrypted journal (store None, `unlock` given) starts on the lock
        # screen, and opens `mode` once unlocked (unlocked()).
        self._mode_after_unlock = mode
        # Read by App.__init__: the screen it opens on. Set per app, before it runs.
        self.DEFAULT_MODE = mode if store is not None else "lock"  # type: ignore[misc]
        super().__init__()
        if store is None:
            assert unlock is not None
            self.add_mode("lock", partial(_lock_screen, unlock, self.unlocked))
        self.clock = clock
        # `journal pmr --routine ...`: the routine the Relaxation screen opens on.
        self.chosen_routine = routine
        # `journal --demo`: a throwaway journal; every screen says so.
        self.demo = demo
        self.opened: Store | None = None
        if store is not None:
            self._journal_opened(store)

    def _journal_opened(self, store: Store) -> None:
        """The journal, now open: everything of the app that reads it starts here."""
        self.store = store
        self.opened = store
        self.writes = Writes(
            store,
            start_thread=self._write_in_thread,
            on_ui=self.call_from_thread,
            report=self.show_store_error,
            waiting=self._writes_waiting,
        )
        self._last_error: tuple[str, float] = ("", 0.0)
        theme = store.settings.theme
        if theme in self.available_themes:
            self.theme = theme

    def unlocked(self, store: Store) -> None:
        """The lock screen opened the journal: on to the screen asked for, and the
        lock screen is gone for good."""
        self._journal_opened(store)
        self._greet()
        self.switch_mode(self._mode_after_unlock)
        self.call_after_refresh(self.remove_mode, "lock")

    def on_mount(self) -> None:
        if self.opened is not None:
            self._greet()

    def _greet(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.demo:
            from journal.screens.demo import mark_as_demo

            self.screen_change_signal.subscribe(self, mark_as_demo)
            mark_as_demo(self.screen)
        if self.store.readonly:
            self.notify(
                "You can read everything, and nothing can be changed: "
                f"{self.store.read_only_reason} to write.",
                title="Read-only journal",
                severity="warning",
                timeout=10,
                markup=False,
            )
        draft = None if self.store.readonly else self.store.drafts.get(None)
        if draft is not None and not draft.is_empty:
            self.notify("An unsaved draft is waiting: press n to go on with it", title="Draft")

    # -- the store at the app's edge ------------------------------------------------

    def write(
        self,
        job: Job,
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[StoreError], None] | None = None,
        key: str | None = None,
    ) -> Outcome:
        """Every write the app makes goes through here (journal.writes): the screen
        never waits on another program's lock, and a failure is said on screen."""
        return self.writes.submit(job, done=done, failed=failed, key=key)

    def can_write(self, what: str) -> bool:
        """For a key that would write (`what` it would do, as in "Cannot write a new
        entry"): on a read-only journal, say why it cannot."""
        if not self.store.readonly:
            return True
        self.notify(
            f"Cannot {what}: {self.store.read_only_reason} to change it",
            title="Read-only journal",
            severity="warning",
            markup=False,
        )
        return False

    def show_store_error(self, error: StoreError, title: str = "Journal") -> None:
        """The one policy for store errors: said on screen, once (the same message
        within a few seconds is not repeated), and the app goes on."""
        message, when = self._last_error
        now = time.monotonic()
        if str(error) == message and now - when < 10:
            return
        self._last_error = (str(error), now)
        self.notify(str(error), title=title, severity="error", timeout=10, markup=False)

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """Workers run with exit_on_error=False: a store error they meet is said on
        screen; anything else is a bug, and ends the app as Textual would. (The
        app's own workers come here; the main screens pass theirs on.)"""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, StoreError):
            self.show_store_error(error)
        elif isinstance(error, Exception):
            raise error

    def _write_in_thread(self, drain: Callable[[], None]) -> None:
        self.run_worker(drain, thread=True, group="writes", exit_on_error=False)

    def _writes_waiting(self, waiting: bool) -> None:
        if waiting:
            self.notify(
                "Another program is writing to the journal. What you do is kept and "
                "saved as soon as it is free.",
                title="Journal busy",
                severity="warning",
                timeout=8,
            )

    def warm_up(self) -> None:
        """After the first paint: load what the first write needs while the person
        reads the screen, and collect garbage again (journal.launch paused it)."""
        gc.enable()
        self.run_worker(self._warm_up, thread=True, group="warm-up", exit_on_error=False)

    def _warm_up(self) -> None:
        self.store.db  # noqa: B018 - sqlite-utils, loaded for the first write
        # Damage in pages nothing has read yet: found here, it makes the journal
        # read-only with the reason, and worker_failed says so.
        self.store.check_pages()
        # The other screens' code (plotext for Trends): `p` and `t` then open at once.
        import journal.screens.relax
        import journal.screens.trends  # noqa: F401
        from journal.screens.transfer import daily_backup

        # The first start of a day backs the journal up (the newest 7 are kept).
        daily_backup(self.store)

    def _remember_theme(self, theme: Theme) -> None:
        if self.store.readonly:
            return  # said once at the start; the theme still changes for this visit
        self.write(lambda wait: self.store.settings.set_theme(theme.name, wait=wait), key="theme")

    # -- screens -----------------------------------------------------------------

    async def action_quit(self) -> None:
        """The one way out (q and ctrl+q): an editor still open keeps its text as a
        draft, a running session is kept as stopped early, and writes still waiting
        for the journal land before the app ends."""
        from journal.screens.editor import EditorScreen
        from journal.screens.session import SessionScreen

        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, EditorScreen):
                    screen.flush_draft()
                elif isinstance(screen, SessionScreen):
                    screen.end_session(quitting=True)
        if self.opened is not None and self.writes.pending:
            self.notify("Saving before quitting: another program is writing to the journal")
            await asyncio.to_thread(self.writes.wait_until_done, 2 * BUSY_TIMEOUT_SECONDS)
        self.exit()

    def action_help(self) -> None:
        from journal.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    @shows_store_errors
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

    def action_command_palette(self) -> None:
        if self.opened is not None:  # nothing to offer on the lock screen
            super().action_command_palette()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command, and the app's own."""
        seen = set()
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            _, name, parameters = parse_action(binding.action)
            if parameters and screen.check_action(name, parameters) is False:
                continue  # the bell's two keys: only the one that changes something
            seen.add(binding.action)
            key = self.get_key_display(binding)
            title, help_text = COMMANDS.get(
                binding.action, (binding.description, binding.description)
            )
            yield SystemCommand(
                title, f"{help_text} (key: {key})", partial(screen.run_action, binding.action)
            )
        from journal.screens import transfer

        for action, run in (
            ("export_journal", transfer.export_journal),
            ("back_up_now", transfer.back_up_now),
        ):
            title, help_text = COMMANDS[action]
            yield SystemCommand(title, help_text, partial(run, self))
        for command in super().get_system_commands(screen):
            # Ours has Quit already; a screenshot would copy private text to a file.
            if command.title not in ("Quit", "Screenshot"):
                yield command


def build_app(
    store: Store | Unlock,
    clock: Clock = local_now,
    *,
    mode: str = "journal",
    routine: Routine | None = None,
    demo: bool = False,
) -> JournalApp:
    """The app as `journal` runs it; tests call this too, with their store and clock.
    For an encrypted journal `store` is how to open it with a passphrase
    (journal.screens.lock.Unlock): the app starts on the lock screen."""
    if isinstance(store, Store):
        return JournalApp(store, clock, mode=mode, routine=routine, demo=demo)
    return JournalApp(None, clock, mode=mode, routine=routine, demo=demo, unlock=store)
