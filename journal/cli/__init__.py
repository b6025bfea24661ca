"""The `journal` command: journaling from the shell, and the door into the app.

Commands that do not open the app never import textual or plotext: they must start
fast. Each module imports those inside the functions that need them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from journal import __version__
from journal.cli import (
    checkins,
    encryption,
    entries,
    importing,
    relax,
    serve,
    stats,
    transfer,
)
from journal.cli.base import Config, run_app
from journal.cli.habits import JournalGroup
from journal.models import InvalidEntry
from journal.store import Clock, Store, StoreError, local_now
from journal.text import escaped


@click.group(
    cls=JournalGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    metavar="PATH",
    help="The journal file (default: $JOURNAL_DB, else journal.db in your data folder).",
)
@click.option(
    "--demo", is_flag=True, help="Open the app on sample data; your journal is untouched."
)
@click.option(
    "--passphrase-fd",
    metavar="N",
    type=click.IntRange(min=0),
    help="Read an encrypted journal's passphrase from file descriptor N, one a line.",
)
@click.version_option(__version__, prog_name="journal")
@click.pass_context
def cli(ctx: click.Context, db: str | None, demo: bool, passphrase_fd: int | None) -> None:
    """A private mood and stress journal, with a relaxation timer and charts.

    Run `journal` alone to open the app, or use a command below.
    """
    config = ctx.ensure_object(Config)
    config.db_option = db
    config.passphrase_fd = passphrase_fd
    if demo and ctx.invoked_subcommand is not None:
        raise click.UsageError("--demo opens the app on sample data; it does not go with a command")
    if ctx.invoked_subcommand is None:
        if demo:
            _run_demo(config)
        else:
            run_app(config.open_for_app())


for command in (
    entries.add,
    entries.list_entries,
    entries.show,
    entries.tags,
    entries.edit,
    entries.delete,
    relax.pmr,
    relax.routines,
    relax.sessions,
    stats.stats_command,
    checkins.checkin,
    checkins.checkins,
    encryption.encrypt,
    encryption.decrypt,
    encryption.passphrase,
    serve.serve,
    importing.import_command,
    transfer.export_command,
    transfer.backup_command,
):
    cli.add_command(command)


def _run_demo(config: Config) -> None:
    """The app on a throwaway journal of sample data; the real one is not opened."""
    import shutil

    from journal.cli.scratch import make_demo_folder
    from journal.sample import DEMO_DAYS, DEMO_ENTRIES, DEMO_SEED, generate

    folder = make_demo_folder()
    try:
        with Store.open(folder / "demo.db", clock=config.clock) as store:
            end = config.clock()
            generate(store, entries=DEMO_ENTRIES, days=DEMO_DAYS, end=end, seed=DEMO_SEED)
            store.settings.set_daily_backup(False)  # nothing of a demo is kept
            run_app(store, demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    click.echo("journal: the demo is over and nothing written in it was kept", err=True)


def main(argv: Sequence[str] | None = None, *, clock: Clock = local_now) -> None:
    """The console script: one line on stderr for every failure, never a traceback."""
    os.umask(0o077)  # whatever this process creates is private
    try:
        code = cli.main(
            args=argv, prog_name="journal", standalone_mode=False, obj=Config(clock=clock)
        )
    except click.UsageError as exc:
        where = f"{exc.ctx.command_path}" if exc.ctx else "journal"
        hint = f" (see '{where} --help')" if exc.ctx else ""
        _fail(f"{where}: {exc.format_message()}{hint}", 2)
    except click.ClickException as exc:
        _fail(f"journal: {exc.format_message()}", exc.exit_code)
    except click.Abort:
        _fail("journal: stopped; nothing was changed", 1)
    except InvalidEntry as exc:
        writes = bool({"add", "edit", "delete"} & set(sys.argv[1:] if argv is None else argv))
        _fail(f"journal: {exc}" + ("; nothing was saved" if writes else ""), 2)
    except StoreError as exc:
        _fail(f"journal: {exc}", 1)
    except KeyboardInterrupt:
        _fail("journal: interrupted", 130)
    except BrokenPipeError:
        # Reading stopped early (`journal list | head`): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the final flush
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("JOURNAL_DEBUG"):
            raise
        _fail(
            f"journal: unexpected {type(exc).__name__}; run again with JOURNAL_DEBUG=1 "
            "and report it",
            1,
        )
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int) -> None:
    # Messages quote what was typed (a routine's name, a path, an unknown option):
    # escaped here, once, so no control character reaches the terminal.
    click.echo(escaped(message), err=True)
    sys.exit(code)
