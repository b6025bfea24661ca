"""`journal import`: jrnl, Daylio, this journal's JSON export and other journal files
brought in, in one transaction."""

from __future__ import annotations

from collections import Counter
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from journal.cli.base import Config, pass_config
from journal.cli.transfer import Progress
from journal.models import InvalidEntry, parse_mood
from journal.store import StoreError
from journal.text import escaped

if TYPE_CHECKING:
    from journal.store.cipher import Key


class BadImport(click.ClickException):
    """A file that cannot be imported: exit 2, nothing imported."""

    exit_code = 2


def _moods(values: tuple[str, ...]) -> dict[str, int]:
    moods = {}
    for value in values:
        label, sep, number = value.rpartition("=")
        try:
            mood = parse_mood(number) if sep and label.strip() else None
        except InvalidEntry:
            mood = None
        if mood is None:
            raise click.BadParameter(
                f"{value!r}: give LABEL=N with N from 1 (awful) to 5 (great)", param_hint="--mood"
            )
        moods[label.strip().lower()] = mood
    return moods


def _zone(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(
            f"{name!r} is not a time zone; give one like Europe/Berlin or America/New_York",
            param_hint="--tz",
        ) from None


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source",
    type=click.Choice(["jrnl", "jrnl-json", "daylio", "json", "journal"]),
    help="The files' format (found from what they hold when left out).",
)
@click.option(
    "--mood", "moods", multiple=True, metavar="LABEL=N", help="Read a Daylio mood label as N (1-5)."
)
@click.option(
    "--tz",
    "zone",
    metavar="ZONE",
    help="The time zone of times without an offset (default: this machine's).",
)
@click.option(
    "--day-first", is_flag=True, help="Read 09.06.2013 as 9 June (jrnl reads it as 6 September)."
)
@click.option("--dry-run", is_flag=True, help="Say what would be imported; change nothing.")
@pass_config
def import_command(
    config: Config,
    files: tuple[Path, ...],
    source: str | None,
    moods: tuple[str, ...],
    zone: str | None,
    day_first: bool,
    dry_run: bool,
) -> None:
    """Bring entries in from jrnl, Daylio, this journal's JSON export or another
    journal file (a merge: matched by uuid, the newer change wins, deletions stay).

    All or nothing: one transaction; importing the same file again adds nothing.
    """
    from journal.transfer.daylio import unknown_labels
    from journal.transfer.problems import SourceError
    from journal.transfer.reading import ImportOptions, detect

    keys = SourceKeys(config)
    options = ImportOptions(
        zone=_zone(zone), day_first=day_first, moods=_moods(moods), key_of=keys.key_of
    )
    try:
        # Before the journal is opened: each file's format, and Daylio's mood labels
        # (an unknown one stops the import before anything is written).
        plan = [(path, source or detect(path)) for path in files]
        for path, fmt in plan:
            if fmt == "daylio":
                _refuse_unknown_moods(path, unknown_labels(path, options.moods))
        if dry_run:
            _report([(path, fmt, _survey(path, fmt, options)) for path, fmt in plan])
            return
        lines = _import(config, plan, options, keys)
    except SourceError as exc:
        raise BadImport(str(exc)) from None
    for said in lines:
        for line in said.split("\n"):
            click.echo(escaped(line), err=True)


def _survey(path: Path, fmt: str, options: Any) -> Any:
    from journal.transfer.problems import Notes, SourceError
    from journal.transfer.reading import read

    notes = Notes()
    for _ in Progress(f"reading {path.name}", None).track(read(path, fmt, options, notes)):
        pass
    if not notes.records:
        raise SourceError(path, None, "no entries in it: nothing to import")
    return notes


def _import(
    config: Config, plan: list[tuple[Path, str]], options: Any, keys: SourceKeys
) -> list[str]:
    """Every file in one transaction: a bad row anywhere rolls all of it back. A
    journal made for the import is removed again when the import fails."""
    from journal.store import Store
    from journal.transfer.problems import Notes, SourceError
    from journal.transfer.reading import read

    made = not config.db_path.exists()
    lines = []
    store = Store.open(config.db_path, clock=config.clock, passphrase=config.ask)
    keys.journal_key = store.key
    try:
        with store.transfer.merge() as merge:
            for path, fmt in plan:
                notes = Notes()
                before = Counter(merge.counts)
                rows = read(path, fmt, options, notes)
                for row in Progress(f"importing {path.name}", None).track(rows):
                    merge.add(row)
                merge.flush()
                if not notes.records:
                    raise SourceError(path, None, "no entries in it: nothing to import")
                lines.append(_said(path, notes, merge.counts - before))
    except BaseException as exc:
        store.close()
        if made:
            for name in ("", "-wal", "-shm", "-journal"):
                Path(f"{config.db_path}{name}").unlink(missing_ok=True)
        if isinstance(exc, StoreError) and not isinstance(exc, SourceError):
            raise StoreError(f"{exc}; nothing was imported") from None
        raise
    store.close()
    return lines


class SourceKeys:
    """The key of each encrypted journal file to merge: this journal's own when the
    file shares its salt (this journal's backups), else the one the passphrase that
    opened this journal gives (another machine's copy, locked with the same one),
    else the file's own passphrase, asked for as this journal's is."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.journal_key: Key | None = None

    def key_of(self, path: Path) -> Key:
        from journal.store import cipher

        cipher.driver()  # sqlcipher3 missing: said before a passphrase is asked for
        with path.open("rb") as handle:
            salt = handle.read(cipher.SALT_BYTES)
        if self.journal_key is not None and self.journal_key.salt == salt:
            return self.journal_key
        known = self.config.known_passphrase
        if known is not None and _opens(path, key := cipher.derive(known, salt)):
            return key
        passphrase = self.config.passphrases.ask(
            f"Passphrase of {path.name}: ",
            why=f"{path} is no plain journal file; if it is an encrypted one",
        )
        return cipher.derive(passphrase, salt)


def _opens(path: Path, key: Key) -> bool:
    """Whether `key` opens the encrypted file (read-only: the file is not touched)."""
    from urllib.parse import quote

    from journal.store import cipher

    conn = cipher.connect("file:" + quote(str(path.resolve())) + "?mode=ro", key, uri=True)
    try:
        cipher.check_key(conn)
    except cipher.WrongPassphrase:
        return False
    finally:
        conn.close()
    return True


def _refuse_unknown_moods(path: Path, unknown: Counter[str]) -> None:
    if unknown:
        labels = ", ".join(f"'{label}' ({count:,})" for label, count in unknown.most_common())
        example = next(iter(unknown))
        raise BadImport(
            f"{path}: unknown mood labels {labels}; map each to 1 (awful) ... 5 (great) "
            f"with --mood, like --mood '{example}=4'; nothing was imported"
        )


def _report(plan: list[tuple[Path, str, Any]]) -> None:
    """--dry-run: what the files hold, on stdout."""
    for path, fmt, notes in plan:
        click.echo(escaped(f"{path} ({fmt}): would import {_records(notes)}"))
        if notes.first:
            click.echo(f"  dates: {notes.first} to {notes.last}")
        if notes.tags:
            tags = ", ".join(f"{t} ({n:,})" for t, n in notes.tags.most_common(15))
            more = len(notes.tags) - 15
            click.echo(escaped(f"  tags: {tags}" + (f" and {more:,} more" if more > 0 else "")))
        if notes.moods:
            click.echo(
                escaped(
                    "  mood labels: "
                    + ", ".join(f"{label} ({n:,})" for label, n in notes.moods.most_common())
                )
            )
        for remark in _remarks(notes):
            click.echo(f"  {remark}")
    click.echo("dry run: nothing was imported")


def _records(notes: Any) -> str:
    parts = [
        f"{n:,} {word if n != 1 else word.rstrip('s')}"
        for n, word in (
            (notes.entries, "entries"),
            (notes.sessions, "sessions"),
            (notes.routines, "routines"),
            (notes.checkins, "check-ins"),
            (notes.deleted, "deletions"),
        )
        if n or word == "entries"
    ]
    return ", ".join(parts).replace("1 entrie", "1 entry")


def _remarks(notes: Any) -> list[str]:
    said = []
    if n := notes.moved_out_of_gap:
        said.append(
            f"{_times(n)} fell in a daylight-saving gap (the clocks went forward); "
            "read as the clock showed just after the gap"
        )
    if n := notes.first_of_two:
        said.append(
            f"{_times(n)} occurred twice (the clocks went back); read as the first of the two"
        )
    if n := notes.skipped_empty:
        said.append(f"{n:,} {'entry' if n == 1 else 'entries'} with no text left out")
    return said


def _times(n: int) -> str:
    return "1 time" if n == 1 else f"{n:,} times"


def _said(path: Path, notes: Any, counts: Counter[tuple[str, str]]) -> str:
    """The summary of one file: remarks, then what happened."""
    kinds = ("entry", "session", "routine", "checkin")
    added = {kind: counts[kind, "added"] for kind in kinds}
    here = sum(counts[kind, "unchanged"] for kind in kinds)
    updated = sum(counts[kind, "updated"] for kind in kinds)
    refused = sum(counts[kind, "refused"] for kind in kinds)
    deleted = sum(n for (kind, what), n in counts.items() if what == "deleted")
    what = [f"{added['entry']:,} {'entry' if added['entry'] == 1 else 'entries'}"]
    for kind, word in (("session", "sessions"), ("routine", "routines"), ("checkin", "check-ins")):
        if added[kind]:
            what.append(f"{added[kind]:,} {word if added[kind] != 1 else word[:-1]}")
    after = [f"{here:,} already here"]
    if updated:
        after.append(f"{updated:,} updated")
    if refused:
        after.append(f"{refused:,} deleted here, left out")
    if deleted:
        after.append(f"{deleted:,} deleted as there")
    remarks = "".join(f"{r}\n" for r in _remarks(notes))
    return f"{remarks}imported {' and '.join(what)} from {path.name} ({', '.join(after)})"
