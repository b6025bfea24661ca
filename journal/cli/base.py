"""What every command shares: the journal it works on, the clock, common options,
JSON output."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from journal.store import Clock, EntryNotFound, Store, local_now
from journal.store.paths import resolve_db_path
from journal.text import to_json

if TYPE_CHECKING:
    from journal.cli.passphrases import Passphrases
    from journal.store.cipher import Key

LIST_DEFAULT = 20

F = TypeVar("F", bound=Callable[..., Any])


class Config:
    """What the group's options chose, for the commands below it; the clock is
    given, as the app's is, so tests can give theirs."""

    def __init__(self, db: str | None = None, *, clock: Clock = local_now) -> None:
        self.db_option = db
        self.clock = clock
        # --passphrase-fd N: where a script gives an encrypted journal's passphrase.
        self.passphrase_fd: int | None = None
        # The encrypted journal's key once derived: a command that opens the journal
        # twice (`journal add` before and after the editor) asks once.
        self._key: Key | None = None

    @cached_property
    def passphrases(self) -> Passphrases:
        from journal.cli.passphrases import Passphrases

        return Passphrases(self.passphrase_fd)

    def ask(self) -> str:
        """An encrypted journal's passphrase (asked only when the journal is one)."""
        # Kept (in memory only) for another encrypted file this command reads: a
        # second machine's copy is often locked with the same passphrase.
        self.known_passphrase = self.passphrases.ask()
        return self.known_passphrase

    known_passphrase: str | None = None

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db_option)

    def open_store(self, *, create: bool = True, check_pages: bool = True) -> Store:
        """The journal; for a command that only reads, a missing or empty (0-byte)
        journal is an empty one, and nothing is created or written (a mistyped --db
        makes no folders)."""
        store = Store.open(
            self.db_path,
            clock=self.clock,
            create=create,
            check_pages=check_pages,
            passphrase=self.ask,
            key=self._key,
        )
        self._key = store.key
        click.get_current_context().call_on_close(store.close)
        return store

    def open_for_app(self) -> Store | Callable[[str], Store]:
        """The journal for the app; for an encrypted one (unless a script gives its
        passphrase), how to open it with the passphrase the lock screen asks for."""
        from journal.store.cipher import is_encrypted

        path = self.db_path
        if not is_encrypted(path) or self.passphrases.scripted:
            # The app checks every page itself, after its first paint.
            return self.open_store(check_pages=False)
        context = click.get_current_context()

        def unlock(passphrase: str) -> Store:
            # Called in the lock screen's worker thread, where click has no context.
            store = Store.open(path, clock=self.clock, passphrase=passphrase, check_pages=False)
            context.call_on_close(store.close)
            return store

        return unlock


pass_config = click.make_pass_decorator(Config)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


MAX_LIMIT = 1_000_000_000
# SQLite's integers are 64-bit: no entry has a larger id.
MAX_ID = 2**63 - 1


def _ascii_whole_number(text: str) -> str | None:
    """The digits of a whole number typed in ASCII, leading zeros dropped; None for
    anything else (int() would also take "٣", "1_000" and " +3")."""
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    return text.lstrip("0") or "0"


class Count(click.ParamType):
    """How many to show: a whole number from 0 (all) to MAX_LIMIT."""

    name = "N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        digits = _ascii_whole_number(str(value))
        # Compared as text first: int() refuses more than 4,300 digits.
        if digits is None or len(digits) > len(str(MAX_LIMIT)) or int(digits) > MAX_LIMIT:
            self.fail(f"{value!r}: give a whole number from 0 to {MAX_LIMIT:,} (0 shows all)")
        return int(digits)


class EntryId(click.ParamType):
    """An entry's id; one larger than any id can be is an entry that does not exist."""

    name = "ID"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        digits = _ascii_whole_number(str(value))
        if digits is None or len(digits) > 100:
            self.fail(f"{value!r} is not an entry's id; 'journal list' shows the ids")
        if int(digits) > MAX_ID:
            raise EntryNotFound(int(digits))
        return int(digits)


def entry_id_argument(*, required: bool = True) -> Callable[[F], F]:
    return click.argument(
        "entry_id", metavar="ID" if required else "[ID]", type=EntryId(), required=required
    )


def limit_option(things: str) -> Callable[[F], F]:
    return click.option(
        "-n",
        "limit",
        type=Count(),
        default=LIST_DEFAULT,
        show_default=True,
        help=f"How many {things}; 0 for all.",
    )


def print_json(value: object) -> None:
    click.echo(to_json(value))


def run_app(store: Store | Callable[[str], Store], **how: Any) -> None:
    """Open the app on `store` (imported here, so that other commands start fast);
    first remove what a killed demo left behind."""
    from journal.cli.scratch import remove_stale_demos
    from journal.launch import run_app

    remove_stale_demos()
    run_app(store, **how)
