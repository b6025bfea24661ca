"""`journal routines`, `journal pmr` and `journal sessions`."""

from __future__ import annotations

import re

import click

from journal.cli.base import Config, json_option, limit_option, pass_config, print_json, run_app


@click.command()
@pass_config
def routines(config: Config) -> None:
    """The relaxation routines, their muscle groups and timings."""
    import shutil
    import textwrap

    from journal.cli.display import minutes

    width = max(shutil.get_terminal_size().columns, 40)
    for routine in config.open_store(create=False).routines.all():
        tense = "none (release only)" if routine.release_only else f"{routine.tense} s"
        click.echo(
            f"{click.style(routine.name, bold=True)}  {routine.title}, {minutes(routine.seconds)}"
        )
        details = (
            f"settle {routine.settle} s, tense {tense}, release {routine.release} s, "
            f"rest {routine.rest} s, {routine.cycles}x each group, {routine.dominant}-handed"
        )
        click.echo(textwrap.fill(details, width, initial_indent="    ", subsequent_indent="    "))
        line = "   "
        for n, group in enumerate(routine.sided_groups, 1):
            item = f" {n}. {group.name}" + ("," if n < len(routine.groups) else "")
            if len(line) + len(item) > width and line.strip():
                click.echo(line)
                line = "   "
            line += item
        click.echo(line)


def _timing_option(name: str, what: str):
    from journal.pmr import LIMITS

    low, high = LIMITS[name]
    unit = "" if name == "cycles" else " s"
    return click.option(
        f"--{name}", metavar="N" if name == "cycles" else "S", help=f"{what} ({low}-{high}{unit})."
    )


@click.command()
@click.option("--routine", "-r", metavar="NAME", help="The routine ('journal routines' lists).")
@_timing_option("settle", "Seconds to settle in at the start")
@_timing_option("tense", "Seconds to tense each group")
@_timing_option("release", "Seconds to release each group")
@_timing_option("rest", "Seconds of rest at the end")
@_timing_option("cycles", "Times through each group")
@pass_config
def pmr(config: Config, routine: str | None, **timings: str | None) -> None:
    """Open the relaxation timer, ready to start a routine (enter starts it)."""
    from journal.pmr import InvalidRoutine

    with config.open_store() as store:
        chosen = None
        if routine is not None:
            # As the routine form saves names: "My evening" is my-evening.
            chosen = store.routines.get("-".join(routine.strip().lower().split()))
            if chosen is None:
                names = ", ".join(r.name for r in store.routines.all())
                raise click.BadParameter(
                    f"no routine '{routine}'; choose one of: {names}", param_hint="--routine"
                )
        elif any(value is not None for value in timings.values()):
            chosen = store.routines.get("standard")
        if chosen is not None:
            try:
                chosen = chosen.with_timings(**_ascii_timings(timings))
            except InvalidRoutine as exc:
                raise click.BadParameter(str(exc), param_hint=f"--{exc.field}") from None
        run_app(store, mode="relax", routine=chosen)


def _ascii_timings(timings: dict[str, str | None]) -> dict[str, str | None]:
    """The timings, with any that is not a whole number in ASCII digits made one that
    check_timing refuses with its range: int() would take "٣", "３" and "0_3"."""
    return {
        name: value if value is None or re.fullmatch(r"\s*[0-9]+\s*", value, re.ASCII) else "?"
        for name, value in timings.items()
    }


@click.command()
@limit_option("sessions")
@json_option
@pass_config
def sessions(config: Config, limit: int, as_json: bool) -> None:
    """Relaxation sessions, newest first."""
    found = config.open_store(create=False).sessions.recent(limit=limit or None)
    if as_json:
        print_json([s.to_json() for s in found])
        return
    if not found:
        click.echo("No relaxation sessions yet. Start one: journal pmr --routine short", err=True)
        return
    from journal.cli.display import session_line

    for session in found:
        click.echo(session_line(session))
