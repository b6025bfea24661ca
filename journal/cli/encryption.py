"""`journal encrypt`, `journal decrypt` and `journal passphrase`, and the warning a
command gives before it writes an encrypted journal out as plain text."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journal.cli.base import Config, pass_config
from journal.store import Store

LOST = "keep the passphrase safe: without it the journal cannot be read, by you or anyone"


def warn_plain_text(store: Store, what: str = "the export") -> None:
    """For `journal export` (and anything else that writes entries out as text):
    said on stderr when the journal is encrypted, before the text is written."""
    if store.encrypted:
        click.echo(
            f"journal: the journal is encrypted, and {what} is plain text; "
            "keep it somewhere private",
            err=True,
        )


@click.command()
@pass_config
def encrypt(config: Config) -> None:
    """Encrypt the journal with a passphrase.

    Asks for a new passphrase twice, then encrypts the journal in place. Without the
    passphrase the journal cannot be read, by you or anyone: keep it safe.
    """
    from journal.store.cipher import is_encrypted, new_key
    from journal.store.converting import convert

    path = config.db_path
    if is_encrypted(path):
        raise click.UsageError(
            "the journal is encrypted already; 'journal passphrase' changes its passphrase"
        )
    # Opened once first: checked, and upgraded if it is older.
    Store.open(path, clock=config.clock).close()
    key = new_key(config.passphrases.ask_new())
    convert(path, None, key)
    click.echo(f"{path} is encrypted; {LOST}.")
    _offer_to_encrypt_copies(path, key)


@click.command()
@pass_config
def decrypt(config: Config) -> None:
    """Decrypt the journal back to plain SQLite.

    Asks for the passphrase, then writes the journal back unencrypted, in place.
    """
    from journal.store.converting import convert

    path = config.db_path
    key = _opened_key(config, path, "decrypt")
    convert(path, key, None)
    click.echo(f"{path} is no longer encrypted: anyone who can read the file can read it.")


@click.command()
@pass_config
def passphrase(config: Config) -> None:
    """Change the journal's passphrase.

    Asks for the old passphrase, then the new one twice.
    """
    from journal.store.cipher import new_key
    from journal.store.converting import convert, kept_copies, plain_copies

    path = config.db_path
    old = _opened_key(config, path, "change the passphrase of")
    key = new_key(config.passphrases.ask_new())
    convert(path, old, key)
    click.echo(f"The passphrase of {path} is changed; {LOST}.")
    if set(kept_copies(path)) - set(plain_copies(path)):
        click.echo("Backups made before keep the passphrase they were made with.")
    _offer_to_encrypt_copies(path, key)


def _opened_key(config: Config, path: Path, doing: str):
    """The encrypted journal's key, from its passphrase (the journal is opened, so
    it is also checked and upgraded first)."""
    with Store.open(path, clock=config.clock, create=False, passphrase=config.ask) as store:
        if store.key is None:
            raise click.UsageError(
                f"{path} is not encrypted, so there is no passphrase to {doing.split()[0]}; "
                "'journal encrypt' encrypts it"
            )
        return store.key


def _offer_to_encrypt_copies(path: Path, key) -> None:
    """Plain copies beside the journal (upgrade copies, backups/) are named, and
    encrypted or removed if the person says so (y/n on standard input); at the
    end of input they are kept, and that is said."""
    from journal.store.converting import encrypt_copy, plain_copies

    copies = plain_copies(path)
    if not copies:
        return
    click.echo(f"{len(copies)} plain-text copies of the journal are beside it:")
    for copy in copies:
        click.echo(f"  {copy}")
    if _yes("Encrypt them with the same passphrase? [y/n] "):
        for copy in copies:
            encrypt_copy(copy, key)
        click.echo("Encrypted; the same passphrase opens them.")
    elif _yes("Remove them? [y/n] "):
        for copy in copies:
            copy.unlink(missing_ok=True)
        click.echo("Removed.")
    else:
        click.echo("Kept as they are: they hold the journal in plain text.")


def _yes(question: str) -> bool:
    """y or n on standard input (a terminal or not); the end of input is no."""
    while True:
        click.echo(question, nl=False)
        line = sys.stdin.readline()
        if not line:
            click.echo()
            return False
        answer = line.strip().lower()
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
