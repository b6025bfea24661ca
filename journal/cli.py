"""The `journal` command: journaling from the shell, and the door into the app.

Commands that do not open the app never import textual or plotext: they must start
fast. Import those inside the functions that need them.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from journal import __version__
from journal.models import EntryInput, InvalidEntry, parse_tags
from journal.paths import resolve_db_path
from journal.store import EntryQuery, Store, StoreError, local_now
from journal.when import FORMATS, entry_moment, parse_when

LIST_DEFAULT = 20


class Config:
    """What the group's options chose, for the commands below it."""

    def __init__(self, db: str | None) -> None:
        self.db_option = db

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db_option)

    def open_store(self, *, create: bool = True) -> Store:
        """The journal; for a command that only reads, a missing journal is an
        empty one, and nothing is created (a mistyped --db makes no folders)."""
        path = self.db_path
        store = Store.open(path) if create or path.exists() else Store.in_memory()
        click.get_current_context().call_on_close(store.close)
        return store


pass_config = click.make_pass_decorator(Config)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


def limit_option(things: str):
    return click.option(
        "-n",
        "limit",
        type=click.IntRange(min=0),
        default=LIST_DEFAULT,
        show_default=True,
        help=f"How many {things}; 0 for all.",
    )


@click.group(
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
@click.version_option(__version__, prog_name="journal")
@click.pass_context
def cli(ctx: click.Context, db: str | None, demo: bool) -> None:
    """A private mood and stress journal, with a relaxation timer and charts.

    Run `journal` alone to open the app, or use a command below.
    """
    ctx.obj = Config(db)
    if demo and ctx.invoked_subcommand is not None:
        raise click.UsageError("--demo opens the app on sample data; it does not go with a command")
    if ctx.invoked_subcommand is None:
        if demo:
            _run_demo()
        else:
            _run_app(ctx.obj.open_store())


def _run_app(store: Store, **how) -> None:
    from journal.launch import run_app

    run_app(store, **how)


def _run_demo() -> None:
    """The app on a throwaway journal of sample data; the real one is not opened."""
    import shutil
    import tempfile

    from journal.sample import DEMO_DAYS, DEMO_ENTRIES, DEMO_SEED, generate

    folder = Path(tempfile.mkdtemp(prefix="journal-demo-"))
    try:
        with Store.open(folder / "demo.db") as store:
            generate(store, entries=DEMO_ENTRIES, days=DEMO_DAYS, end=local_now(), seed=DEMO_SEED)
            _run_app(store)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- add ---------------------------------------------------------------------------


@cli.command()
@click.argument("text", nargs=-1)
@click.option("-m", "--mood", help="1 awful, 2 bad, 3 okay, 4 good, 5 great (or the word).")
@click.option("-s", "--stress", help="0 calm ... 10 worst.")
@click.option(
    "-t", "--tag", "tags", multiple=True, help="A tag (repeat for more); #words in TEXT count too."
)
@click.option("--at", "when", metavar="WHEN", help=f"When it happened: {FORMATS}.")
@pass_config
def add(
    config: Config,
    text: tuple[str, ...],
    mood: str | None,
    stress: str | None,
    tags: tuple[str, ...],
    when: str | None,
) -> None:
    """Save an entry and print its id.

    TEXT is the entry's text; `-` (or no TEXT with input piped in) reads it from
    standard input.
    """
    body = _read_body(text)
    entry = EntryInput.make(mood=mood, stress=stress, body=body, tags=list(tags))
    moment = entry_moment(when, local_now())
    store = config.open_store()
    saved = store.add_entry(entry, at=moment)
    click.echo(saved.id)


def _read_body(text: Sequence[str]) -> str:
    if list(text) == ["-"] or (not text and not sys.stdin.isatty()):
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidEntry(
                "standard input is not UTF-8 text; convert it (iconv -t UTF-8) and try again"
            ) from None
    return " ".join(text)


# -- list, show, tags ----------------------------------------------------------------


@cli.command("list")
@click.option("--since", metavar="WHEN", help="From this day (or moment) on.")
@click.option("--until", metavar="WHEN", help="Up to and including this day (or moment).")
@click.option(
    "-t", "--tag", "tags", multiple=True, help="Only entries with this tag (repeat: all of them)."
)
@click.option("--search", metavar="WORDS", help='Full-text search; "quotes" for a phrase.')
@limit_option("entries")
@json_option
@pass_config
def list_entries(
    config: Config,
    since: str | None,
    until: str | None,
    tags: tuple[str, ...],
    search: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Entries, newest first."""
    now = local_now()
    bounds: dict = {}
    if since:
        start = parse_when(since, now)
        bounds["since_moment" if start.clock else "since"] = (
            start.moment() if start.clock else start.day
        )
    if until:
        end = parse_when(until, now)
        bounds["until_moment" if end.clock else "until"] = end.moment() if end.clock else end.day
    wanted_tags = tuple(tag for t in tags for tag in parse_tags(t))
    query = EntryQuery.from_search(search or "", tags=wanted_tags, **bounds)
    store = config.open_store(create=False)
    entries = store.entries(query, limit=limit or None)
    if as_json:
        _print_json([e.to_json() for e in entries])
        return
    if not entries:
        if query.is_empty:
            click.echo("No entries yet. Write one: journal add 'How the day went' -m 4", err=True)
        else:
            click.echo("No entries match.", err=True)
        return
    _print_lines(entries)
    if limit and len(entries) == limit:
        total = store.count_entries(query)
        if total > limit:
            click.echo(f"({limit} of {total:,} shown; -n 0 shows all)", err=True)


def _print_lines(entries) -> None:
    import shutil

    from journal.display import entry_line

    width = shutil.get_terminal_size().columns
    for entry in entries:
        prefix, mood, rest = entry_line(entry, width)
        colour = _MOOD_COLOURS.get(entry.mood)
        click.echo(prefix + click.style(mood, fg=colour) + rest)


_MOOD_COLOURS = {1: "red", 2: "yellow", 3: "white", 4: "green", 5: "bright_green"}


@cli.command()
@click.argument("entry_id", metavar="ID", type=int)
@json_option
@pass_config
def show(config: Config, entry_id: int, as_json: bool) -> None:
    """One entry in full."""
    entry = config.open_store(create=False).entry(entry_id)
    if as_json:
        _print_json(entry.to_json())
        return
    from journal.display import entry_full

    for line in entry_full(entry):
        click.echo(line)


@cli.command()
@json_option
@pass_config
def tags(config: Config, as_json: bool) -> None:
    """Tags, with how many entries have each."""
    counts = config.open_store(create=False).tag_counts()
    if as_json:
        _print_json([{"tag": tag, "count": n} for tag, n in counts])
        return
    if not counts:
        click.echo("No tags yet. Tag an entry with -t WORD or #word in its text.", err=True)
    width = max((len(tag) for tag, _ in counts), default=0)
    for tag, n in counts:
        click.echo(f"#{tag:<{width}}  {n:>6,}")


# -- edit, delete ------------------------------------------------------------------


@cli.command()
@click.argument("entry_id", metavar="ID", type=int)
@click.option("-m", "--mood", help="New mood, 1-5 ('' clears it).")
@click.option("-s", "--stress", help="New stress, 0-10 ('' clears it).")
@click.option("-t", "--tag", "tags", multiple=True, help="Replace the tags (repeat for more).")
@click.option("--no-tags", is_flag=True, help="Remove the tags (#words in the text stay).")
@click.option("--text", help="New text ('-' reads standard input).")
@click.option("--at", "when", metavar="WHEN", help=f"Move it in time: {FORMATS}.")
@pass_config
def edit(
    config: Config,
    entry_id: int,
    mood: str | None,
    stress: str | None,
    tags: tuple[str, ...],
    no_tags: bool,
    text: str | None,
    when: str | None,
) -> None:
    """Change an entry. With no options, open its text in $VISUAL or $EDITOR."""
    store = config.open_store()
    old = store.entry(entry_id)
    if all(v is None for v in (mood, stress, text, when)) and not tags and not no_tags:
        body = _edit_in_editor(old.body)
        if body is None:
            click.echo(f"entry {entry_id} unchanged", err=True)
            return
    elif text is None:
        body = old.body
    else:
        body = _read_body([text]) if text == "-" else text
    if no_tags:
        own_tags: list[str] = []
    elif tags:
        own_tags = list(tags)
    else:
        own_tags = old.own_tags
    entry = EntryInput.make(
        mood=old.mood if mood is None else mood,
        stress=old.stress if stress is None else stress,
        body=body,
        tags=own_tags,
    )
    moment = entry_moment(when, local_now()) if when else None
    store.update_entry(entry_id, entry, at=moment)
    click.echo(f"entry {entry_id} saved", err=True)


def _edit_in_editor(body: str) -> str | None:
    # click.edit writes a mkstemp file (mode 0600) and removes it afterwards.
    try:
        edited = click.edit(body, extension=".md", require_save=True)
    except UnicodeDecodeError:
        raise InvalidEntry(
            "the editor saved text that is not UTF-8; set your editor to UTF-8 and try again"
        ) from None
    if edited is None or edited.strip() == body.strip():
        return None
    return edited


@cli.command()
@click.argument("entry_id", metavar="ID", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask first.")
@pass_config
def delete(config: Config, entry_id: int, yes: bool) -> None:
    """Delete an entry (asks first)."""
    store = config.open_store()
    entry = store.entry(entry_id)
    if not yes:
        import shutil

        from journal.display import entry_line

        width = shutil.get_terminal_size().columns
        click.echo("".join(entry_line(entry, width)), err=True)
        click.confirm(f"Delete entry {entry_id}?", abort=True, err=True)
    store.delete_entry(entry_id)
    click.echo(f"entry {entry_id} deleted", err=True)


# -- running it ---------------------------------------------------------------------


def _print_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: one line on stderr for every failure, never a traceback."""
    os.umask(0o077)  # whatever this process creates is private
    try:
        code = cli.main(args=argv, prog_name="journal", standalone_mode=False)
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
    click.echo(message, err=True)
    sys.exit(code)


# The relaxation and stats commands live beside this module; importing them
# registers them on `cli`.
from journal import cli_relax, cli_stats  # noqa: E402, F401
