"""`journal serve`: the app in a browser on this machine, behind a token."""

from __future__ import annotations

import click

from journal.cli.base import Config, pass_config
from journal.text import escaped

MISSING = (
    "journal serve needs textual-serve, which is not installed: "
    "pip install 'wellbeing-journal[serve]'"
)


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    help="The port (default: 8000, or the next free one up to 8009; 0 picks any free one).",
)
@click.option(
    "--host",
    metavar="ADDRESS",
    default="127.0.0.1",
    show_default=True,
    help="A loopback address to listen on (127.x.x.x or ::1): this machine only.",
)
@pass_config
def serve(config: Config, port: int | None, host: str) -> None:
    """The app in a browser on this machine, behind a token.

    Each browser tab runs its own app on the journal. Open the address it prints:
    its token, new at every start, keeps the other users of the machine out.
    ctrl+c stops the server and every tab's app. From another device, tunnel with
    `ssh -L 8000:127.0.0.1:8000 THIS-MACHINE` and open the address there.
    """
    # Imported here (ipaddress too): other commands start without them.
    from journal.serve.address import NotLoopback, loopback_host

    try:
        address = loopback_host(host)
    except NotLoopback as exc:
        raise click.BadParameter(str(exc), param_hint="'--host'") from None
    try:
        from journal.serve.server import ServeError, serve_journal
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] == "journal":
            raise
        raise click.ClickException(MISSING) from None

    db_path = config.db_path.absolute()  # as printed, and as each tab's app opens it

    def announce(url: str) -> None:
        click.echo(f"Serving the journal {escaped(str(db_path))} to browsers on this machine.")
        click.echo("Open this address (its token changes every start):\n")
        click.echo(f"    {url}\n")
        click.echo("ctrl+c stops the server and the app in every tab.")

    try:
        serve_journal(db_path, host=address, port=port, announce=announce)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Stopped.")
