"""`journal checkin` and `journal checkins`: the WHO-5 well-being check-in."""

from __future__ import annotations

import sys
import textwrap

import click

from journal.cli.base import Config, json_option, limit_option, pass_config, print_json
from journal.who5 import (
    ANSWERS,
    CHANGE_WORDS,
    INSTRUCTION,
    NAME,
    RAW_MAX,
    SCORE_MAX,
    STATEMENTS,
    Checkin,
    InvalidCheckin,
    is_meaningful,
    parse_answer,
    parse_answers,
    signed,
    words_for,
)

WIDTH = 78


def _interactive() -> bool:
    """Questions only for a person at a terminal; a script gives --answers."""
    return sys.stdin.isatty()


@click.command(short_help="Take the WHO-5 well-being check-in.")
@click.option(
    "--answers",
    metavar="A,B,C,D,E",
    help="The five answers, 0-5 each, in order (5 all of the time ... 0 at no time).",
)
@pass_config
def checkin(config: Config, answers: str | None) -> None:
    """Take the WHO-5 well-being check-in: five statements about the last two weeks."""
    if answers is not None:
        try:
            chosen = parse_answers(answers)
        except InvalidCheckin as exc:
            raise click.BadParameter(f"{exc}; nothing was saved", param_hint="--answers") from None
    elif _interactive():
        chosen = _ask()
    else:
        raise click.UsageError(
            "not a terminal: give the answers with --answers A,B,C,D,E (0-5 each); "
            "nothing was saved"
        )
    store = config.open_store()
    saved = store.checkins.add(chosen)
    previous = store.checkins.before(saved)
    for line in result_lines(saved, previous):
        click.echo(line)


def _ask() -> tuple[int, ...]:
    click.echo(click.style(NAME, bold=True))
    click.echo(textwrap.fill(INSTRUCTION, WIDTH))
    click.echo("")
    for value, answer in ANSWERS.items():
        click.echo(f"  {value}  {answer}")
    chosen = []
    for n, statement in enumerate(STATEMENTS, start=1):
        click.echo("")
        click.echo(click.style(f"{n} of {len(STATEMENTS)}  {statement}", bold=True))
        while True:
            typed = click.prompt("  answer 0-5", default="", show_default=False)
            try:
                chosen.append(parse_answer(typed))
                break
            except InvalidCheckin:
                click.echo("  type a number from 0 (at no time) to 5 (all of the time)", err=True)
    click.echo("")
    return tuple(chosen)


def result_lines(checkin: Checkin, previous: Checkin | None) -> list[str]:
    """The score of 100, the change since the last check-in, and WHO5.md's words."""
    lines = [f"Well-being score {checkin.score} of {SCORE_MAX} (raw {checkin.raw} of {RAW_MAX})"]
    if previous is None:
        lines.append("Your first check-in: the next one shows the change.")
    else:
        change = checkin.score - previous.score
        lines.append(
            f"{signed(change)} since your last check-in ({previous.score}, "
            f"{previous.taken_at:%d %b %Y})"
        )
        if is_meaningful(change):
            lines.append(CHANGE_WORDS)
    words = words_for(checkin.score)
    if words:
        lines += ["", *textwrap.wrap(words, WIDTH)]
    return lines


@click.command(short_help="The WHO-5 check-ins, newest first.")
@limit_option("check-ins")
@json_option
@pass_config
def checkins(config: Config, limit: int, as_json: bool) -> None:
    """WHO-5 check-ins, newest first, with the change since the one before."""
    # One more than shown: the oldest shown has its change too.
    found = config.open_store(create=False).checkins.recent(limit + 1 if limit else None)
    shown = found[:limit] if limit else found
    if as_json:
        print_json([c.to_json() for c in shown])
        return
    if not found:
        click.echo("No check-ins yet. Take one: journal checkin", err=True)
        return
    for checkin, before in zip(shown, [*found[1:], None], strict=False):
        change = "" if before is None else signed(checkin.score - before.score)
        mark = " *" if before is not None and is_meaningful(checkin.score - before.score) else ""
        answers = " ".join(str(a) for a in checkin.answers)
        click.echo(
            f"{checkin.id:>6}  {checkin.taken_at:%Y-%m-%d %a %H:%M}  score {checkin.score:>3}  "
            f"{change:>4}{mark:<2}  answers {answers}"
        )
    if any(is_meaningful(c.score - b.score) for c, b in zip(shown, found[1:], strict=False)):
        click.echo(f"* {CHANGE_WORDS}")
