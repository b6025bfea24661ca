"""What every command shares: the journal it works on, the clock, common options,
JSON output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from journal.store import Clock, Store, local_now
from journal.store.paths import resolve_db_path
from journal.text import to_json

LIST_DEFAULT = 20

F = TypeVar("F", bound=Callable[..., Any])


class Config:
    """What the group's options chose, for the commands below it; the clock is
    given, as the app's is, so tests can give theirs."""

    def __init__(self, db: str | None = None, *, clock: Clock = local_now) -> None:
        self.db_option = db
        self.clock = clock

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db_option)

    def open_store(self, *, create: bool = True) -> Store:
        """The journal; for a command that only reads, a missing journal is an
        empty one, and nothing is created (a mistyped --db makes no folders)."""
        path = self.db_path
        if create or path.exists():
            store = Store.open(path, clock=self.clock)
        else:
            store = Store.in_memory(clock=self.clock)
        click.get_current_context().call_on_close(store.close)
        return store


pass_config = click.make_pass_decorator(Config)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


def limit_option(things: str) -> Callable[[F], F]:
    return click.option(
        "-n",
        "limit",
        type=click.IntRange(min=0),
        default=LIST_DEFAULT,
        show_default=True,
        help=f"How many {things}; 0 for all.",
    )


def print_json(value: object) -> None:
    click.echo(to_json(value))


def run_app(store: Store, **how: Any) -> None:
    """Open the app on `store` (imported here, so that other commands start fast)."""
    from journal.launch import run_app

    run_app(store, **how)
