"""`journal export` and `backup` (and the progress bar `journal import` shows too)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from journal.cli.base import Config, pass_config
from journal.cli.encryption import warn_plain_text
from journal.models import parse_tags
from journal.store import EntryQuery
from journal.text import escaped
from journal.when import parse_when

T = TypeVar("T")


class Progress:
    """A progress bar on stderr, shown only when stderr is a terminal and the work has
    taken more than a second; nothing of it when piped."""

    def __init__(self, label: str, total: int | None) -> None:
        self._label, self._total = label, total
        self._start = time.monotonic()
        self._done = 0
        self._bar: Any = None
        self._task: Any = None
        self._terminal = sys.stderr.isatty()

    def track(self, items: Iterable[T]) -> Iterator[T]:
        try:
            for item in items:
                yield item
                self._done += 1
                if self._done % 256 == 0:
                    self._show()
        finally:
            if self._bar is not None:
                self._bar.stop()

    def _show(self) -> None:
        if self._bar is None:
            if not self._terminal or time.monotonic() - self._start < 1:
                return
            from rich.console import Console
            from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed:,} records"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task(self._label, total=self._total)
            self._bar.start()
        self._bar.update(self._task, completed=self._done)


# -- export ------------------------------------------------------------------------


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "markdown", "jrnl"]),
    default="json",
    show_default=True,
    help="json (lossless), csv, markdown or jrnl's text format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to FILE (mode 0600) instead of the screen.",
)
@click.option("--since", metavar="WHEN", help="Only entries from this day on.")
@click.option("--until", metavar="WHEN", help="Only entries up to and including this day.")
@click.option(
    "-t", "--tag", "tags", multiple=True, help="Only entries with this tag (repeat: all of them)."
)
@pass_config
def export_command(
    config: Config,
    fmt: str,
    output: Path | None,
    since: str | None,
    until: str | None,
    tags: tuple[str, ...],
) -> None:
    """Write the journal out: everything, or the entries the filters pick."""
    from journal.transfer.export import atomic_text_file, write_export

    now = config.clock()
    bounds: dict[str, Any] = {}
    for key, value in (("since", since), ("until", until)):
        if value:
            when = parse_when(value, now)
            bounds[f"{key}_moment" if when.clock else key] = (
                when.moment() if when.clock else when.day
            )
    query = EntryQuery(tags=tuple(t for text in tags for t in parse_tags(text)), **bounds)
    if output is not None and output.is_dir():
        raise click.BadParameter(f"{output} is a folder; give a file name", param_hint="-o")
    store = config.open_store(create=False)
    warn_plain_text(store)
    with store.transfer.snapshot() as rows:
        total = rows.count_entries(query)
        how: dict[str, Any] = {
            "query": query,
            "exported_at": now,
            "watch": Progress("exporting", total).track,
        }
        if output is None:
            write_export(fmt, sys.stdout, rows, **how)
            sys.stdout.flush()
        else:
            try:
                with atomic_text_file(output) as out:
                    write_export(fmt, out, rows, **how)
            except OSError as exc:
                raise click.ClickException(
                    f"cannot write {output}: {exc.strerror}; "
                    "give -o a file in a folder that exists and is yours to write"
                ) from None
    where = f" to {output}" if output else ""
    click.echo(
        escaped(f"exported {total:,} {'entry' if total == 1 else 'entries'} as {fmt}{where}"),
        err=True,
    )


# -- backup ------------------------------------------------------------------------


@click.command("backup")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@pass_config
def backup_command(config: Config, file: Path | None) -> None:
    """A consistent copy of the journal, even while the app is writing (default: in
    backups/ beside the journal, named with the date and time)."""
    source = config.db_path
    if not source.is_file() or source.stat().st_size == 0:
        raise click.ClickException(f"there is no journal at {source} to back up")
    store = config.open_store(create=False)
    target = file if file is not None else store.transfer.backup_path(config.clock())
    if target.exists():
        if target.resolve() == source.resolve():
            raise click.BadParameter("that is the journal itself; give another file name")
        raise click.BadParameter(f"{target} exists; give another name or remove it first")
    made = store.transfer.backup(target)
    click.echo(escaped(f"backed up to {made}"))
