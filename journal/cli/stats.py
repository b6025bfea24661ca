"""`journal stats`: the Trends figures in the terminal, or as JSON."""

from __future__ import annotations

import click

from journal.cli.base import Config, json_option, pass_config, print_json

STATS_DAYS = 30
MAX_STATS_DAYS = 36_500  # a hundred years: further back than any journal


def _whole_days(ctx: click.Context, param: click.Parameter, value: str) -> int:
    text = value.strip()
    # ASCII digits only: str.isdigit() also passes "²", which int() refuses.
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_STATS_DAYS:
        raise click.BadParameter(
            f"{value!r}: give a whole number of days from 1 to {MAX_STATS_DAYS} (e.g. --days 90)"
        )
    return int(text)


@click.command("stats")
@click.option(
    "--days",
    default=str(STATS_DAYS),
    metavar="N",
    callback=_whole_days,
    show_default=True,
    help="How many days, ending today.",
)
@json_option
@pass_config
def stats_command(config: Config, days: int, as_json: bool) -> None:
    """Charts of mood, stress and relaxation, and the figures behind them."""
    import shutil

    from journal import stats

    store = config.open_store(create=False)
    until = store.clock().date()
    since = stats.range_start(days, until)
    if as_json:
        figures = store.trends.read(since, until).to_json()
        figures["checkins"] = store.checkins.wellbeing(since, until).to_json()
        print_json(figures)
        return
    from journal.cli.checkin_report import checkin_report
    from journal.cli.report import nothing_yet, report

    width = shutil.get_terminal_size().columns
    wellbeing = checkin_report(store.checkins.wellbeing(since, until), since, until, width)
    first = store.trends.first_day()
    if first is None:
        for line in wellbeing:
            click.echo(line)
        if not wellbeing:
            click.echo(nothing_yet(days, journal_is_empty=True), err=True)
        return
    # The charts start where the journal does: --days 3650 on a journal a year
    # old is not nine years of empty axis.
    trends = store.trends.read(first if since is None else max(since, first), until)
    if trends.is_empty:
        click.echo(nothing_yet(days, journal_is_empty=False), err=True)
        for line in wellbeing:
            click.echo(line)
        return
    for line in report(trends, width) + wellbeing:
        click.echo(line)
