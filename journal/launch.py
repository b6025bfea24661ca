"""The `journal` command's entry point: the app at once, or the command line.

Opening the app is the hot path, so `journal` alone (or with only --db) goes
straight to it without loading click; every other use goes to journal.cli.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    # Start-up allocates many objects and frees few: collecting cycles meanwhile
    # is wasted work. The app turns the collector back on after its first paint.
    gc.disable()
    db = _only_db_option(args)
    if db is None:
        gc.enable()
        from journal.cli import main as command_line

        command_line(args)
        return
    os.umask(0o077)  # whatever this process creates is private
    from journal.store import Store, StoreError
    from journal.store.cipher import is_encrypted
    from journal.store.paths import resolve_db_path

    path = resolve_db_path(db or None)
    if is_encrypted(path):
        # Its passphrase, from a script or the lock screen: the command line's way
        # (the key derivation costs more than loading click).
        gc.enable()
        from journal.cli import main as command_line

        command_line(args)
        return
    try:
        # The check of every page runs after the first paint (JournalApp.warm_up).
        store = Store.open(path, check_pages=False)
    except StoreError as exc:
        print(f"journal: {exc}", file=sys.stderr)
        sys.exit(1)
    with store:
        run_app(store)


def run_app(store, **how) -> None:
    """Open the app on `store` (the command line's --demo and pmr come here too);
    `how` says which screen and routine it opens on (journal.app.build_app). For an
    encrypted journal, `store` is how to open it: the app starts on its lock screen."""
    from journal.app import build_app

    build_app(store, **how).run()


def _only_db_option(args: list[str]) -> str | None:
    """ "" for no arguments, the path for `--db PATH` alone, None otherwise."""
    if not args:
        return ""
    if len(args) == 2 and args[0] == "--db" and args[1]:
        return args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > 5:
        return args[0][5:]
    return None
