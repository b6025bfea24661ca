"""`journal add`, `list`, `show`, `tags`, `edit` and `delete`: one entry at a time,
from the shell."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import click

from journal.cli.base import (
    Config,
    entry_id_argument,
    json_option,
    limit_option,
    pass_config,
    print_json,
)
from journal.models import Entry, EntryInput, InvalidEntry, parse_tags
from journal.store import EntryQuery
from journal.store.entry_pages import COUNT_CAP
from journal.when import FORMATS, entry_moment, parse_when, repeated_time

# -- add ---------------------------------------------------------------------------


@click.command()
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
    if not text and mood is None and stress is None and not tags and _stdin_is_terminal():
        # Nothing at all, in a terminal: write it in the editor, as jrnl does.
        entry_moment(when, config.clock())  # a bad --at is said before the editor opens
        config.open_store()  # and a journal that cannot be opened
        body = _edit_in_editor(config, "")
        if body is None:
            raise InvalidEntry("the editor closed without saving")
    else:
        body = _read_body(text)
    entry = EntryInput.make(mood=mood, stress=stress, body=body, tags=list(tags))
    now = config.clock()
    moment = entry_moment(when, now)
    store = config.open_store()
    saved = store.entries.add(entry, at=moment)
    _confirm(saved, "added", repeated_time(when, now))


def _confirm(entry: Entry, done: str, note: str | None = None) -> None:
    """The same confirmation after add and edit: the id on standard output for
    scripts (`id=$(journal add ...)`), and on standard error, for the person, the
    entry's id, when it is filed and its figures (never its text). In a terminal the
    id alone would say the same again, so only the line shows."""
    from journal.cli.display import confirmation

    if note:
        click.echo(f"journal: {note}", err=True)
    click.echo(confirmation(entry, done), err=True)
    if not _stdout_is_terminal():
        click.echo(entry.id)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _read_body(text: Sequence[str]) -> str:
    if list(text) == ["-"] or (not text and not _stdin_is_terminal()):
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidEntry(
                "standard input is not UTF-8 text; convert it (iconv -t UTF-8) and try again"
            ) from None
    return " ".join(text)


# -- list, show, tags ----------------------------------------------------------------


@click.command("list")
@click.option("--since", metavar="WHEN", help="From this day (or moment) on.")
@click.option("--until", metavar="WHEN", help="Up to and including this day (or moment).")
@click.option(
    "-t", "--tag", "tags", multiple=True, help="Only entries with this tag (repeat: all of them)."
)
@click.option(
    "--search",
    metavar="WORDS",
    callback=lambda ctx, param, value: _searchable(value),
    help='Full-text search; "quotes" for a phrase.',
)
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
    now = config.clock()
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
    entries = store.entries.find(query, limit=limit or None)
    if as_json:
        print_json([e.to_json() for e in entries])
        return
    if not entries:
        if query.is_empty:
            click.echo("No entries yet. Write one: journal add 'How the day went' -m 4", err=True)
        else:
            click.echo("No entries match.", err=True)
        return
    _print_lines(entries)
    if limit and len(entries) == limit:
        # Counted up to a cap: past it, "more than" is all a person needs, and
        # counting 400,000 matches would cost more than finding the 20.
        cap = max(COUNT_CAP, limit)
        total = store.entries.count(query, cap=cap + 1)
        if total > cap:
            click.echo(f"({limit} of more than {cap:,} shown; -n 0 shows all)", err=True)
        elif total > limit:
            click.echo(f"({limit} of {total:,} shown; -n 0 shows all)", err=True)


def _searchable(words: str | None) -> str | None:
    # A lone surrogate is a byte of the command line that was not UTF-8; neither it
    # nor a NUL can be in an entry, and SQLite cannot be given either.
    if words is not None and re.search("[\x00\ud800-\udfff]", words):
        raise click.BadParameter(
            "the words are not UTF-8 text (or hold a NUL byte); type them again",
            param_hint="--search",
        )
    return words


def _print_lines(entries) -> None:
    import shutil

    from journal.cli.display import entry_line

    # Fitted to a terminal; piped (to grep, a file, a pager), every line whole.
    width = shutil.get_terminal_size().columns if _stdout_is_terminal() else None
    for entry in entries:
        prefix, mood, rest = entry_line(entry, width)
        colour = _MOOD_COLOURS.get(entry.mood)
        click.echo(prefix + click.style(mood, fg=colour) + rest)


_MOOD_COLOURS = {1: "red", 2: "yellow", 3: "white", 4: "green", 5: "bright_green"}


@click.command()
@entry_id_argument(required=False)
@json_option
@pass_config
def show(config: Config, entry_id: int | None, as_json: bool) -> None:
    """One entry in full; without ID, the newest."""
    store = config.open_store(create=False)
    if entry_id is None:
        newest = store.entries.find(limit=1)
        if not newest:
            raise click.ClickException(
                "no entries yet; write one: journal add 'How the day went' -m 4"
            )
        entry = newest[0]
    else:
        entry = store.entries.get(entry_id)
    if as_json:
        print_json(entry.to_json())
        return
    from journal.cli.display import entry_full

    for line in entry_full(entry):
        click.echo(line)


@click.command()
@json_option
@pass_config
def tags(config: Config, as_json: bool) -> None:
    """Tags, with how many entries have each."""
    counts = config.open_store(create=False).entries.tag_counts()
    if as_json:
        print_json([{"tag": tag, "count": n} for tag, n in counts])
        return
    if not counts:
        click.echo("No tags yet. Tag an entry with -t WORD or #word in its text.", err=True)
    width = max((len(tag) for tag, _ in counts), default=0)
    for tag, n in counts:
        click.echo(f"#{tag:<{width}}  {n:>6,}")


# -- edit, delete ------------------------------------------------------------------


@click.command()
@entry_id_argument()
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
    old = store.entries.get(entry_id)
    if all(v is None for v in (mood, stress, text, when)) and not tags and not no_tags:
        body = _edit_in_editor(config, old.body)
        if body is None or body.strip() == old.body.strip():
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
    now = config.clock()
    moment = entry_moment(when, now) if when else None
    store.entries.update(entry_id, entry, at=moment)
    _confirm(store.entries.get(entry_id), "saved", repeated_time(when, now))


def _edit_in_editor(config: Config, body: str) -> str | None:
    """The text as the editor saved it, or None if it did not save."""
    from journal.cli.scratch import edit_in_editor

    try:
        return edit_in_editor(config.db_path, body)
    except UnicodeDecodeError:
        raise InvalidEntry(
            "the editor saved text that is not UTF-8; set your editor to UTF-8 and try again"
        ) from None


@click.command()
@entry_id_argument()
@click.option("--yes", "-y", is_flag=True, help="Do not ask first.")
@pass_config
def delete(config: Config, entry_id: int, yes: bool) -> None:
    """Delete an entry (asks first)."""
    store = config.open_store()
    entry = store.entries.get(entry_id)
    if not yes:
        import shutil

        from journal.cli.display import entry_line

        width = shutil.get_terminal_size().columns
        click.echo("".join(entry_line(entry, width)), err=True)
        click.confirm(f"Delete entry {entry_id}?", abort=True, err=True)
    store.entries.delete(entry_id)
    click.echo(f"entry {entry_id} deleted", err=True)
