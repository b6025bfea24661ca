"""Where a passphrase comes from: the terminal without echo; for scripts, a file
named by JOURNAL_PASSPHRASE_FILE (mode 0600 or stricter) or `--passphrase-fd N`,
one passphrase a line. Never an option's value or a plain environment variable:
they show in `ps` and in shell history.

Every command asks through here, the app's command line included (the app itself
asks on its lock screen when none of these is set up for a script)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import click

FILE_VAR = "JOURNAL_PASSPHRASE_FILE"
# A passphrase line longer than this is not a passphrase (a wrong file given).
MAX_BYTES = 4096


class PassphraseProblem(click.ClickException):
    """No usable passphrase was given: exit 2, one line, without a pointer to --help."""

    exit_code = 2


class Passphrases:
    """The passphrases of one command, in the order it asks for them."""

    def __init__(self, fd: int | None = None) -> None:
        self.fd = fd
        self._file_lines: list[str] | None = None

    @property
    def scripted(self) -> bool:
        """Whether a script gives them (no terminal is asked)."""
        return self.fd is not None or bool(os.environ.get(FILE_VAR))

    def ask(self, prompt: str = "Passphrase: ", why: str = "the journal is encrypted") -> str:
        """The next passphrase: the script's next line, or typed at the terminal
        (`why` it is needed, said when there is no terminal to ask at)."""
        if self.fd is not None:
            return self._from_fd(self.fd)
        if os.environ.get(FILE_VAR):
            return self._from_file(Path(os.environ[FILE_VAR]).expanduser())
        return _from_terminal(prompt, why)

    def ask_new(self) -> str:
        """A new passphrase: typed twice at a terminal; a script's next line."""
        first = self.ask("New passphrase: ")
        if not first:
            raise PassphraseProblem("an empty passphrase locks nothing; give one")
        if not self.scripted and self.ask("The same again: ") != first:
            raise PassphraseProblem("the two passphrases differ; nothing was changed")
        return first

    def _from_fd(self, fd: int) -> str:
        """One line read from descriptor `fd` a byte at a time: what follows it is
        left for the next question (and for whoever else reads the descriptor)."""
        line = bytearray()
        try:
            while len(line) <= MAX_BYTES:
                byte = os.read(fd, 1)
                if not byte or byte == b"\n":
                    break
                line += byte
        except OSError as exc:
            raise PassphraseProblem(
                f"cannot read a passphrase from --passphrase-fd {fd}: {exc.strerror}"
            ) from None
        if not line:
            raise PassphraseProblem(f"no passphrase (no line) on --passphrase-fd {fd}")
        return _line(bytes(line), f"--passphrase-fd {fd}")

    def _from_file(self, path: Path) -> str:
        if self._file_lines is None:
            self._file_lines = _read_private_file(path)
        if not self._file_lines:
            raise PassphraseProblem(f"{FILE_VAR} {path} holds no (more) passphrase lines")
        return self._file_lines.pop(0)


def _read_private_file(path: Path) -> list[str]:
    try:
        info = path.stat()
    except OSError as exc:
        raise PassphraseProblem(f"cannot read {FILE_VAR} {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise PassphraseProblem(f"{FILE_VAR} {path} is not a file")
    if info.st_mode & 0o077:
        raise PassphraseProblem(
            f"{FILE_VAR} {path} may be read by others (mode {stat.S_IMODE(info.st_mode):04o}); "
            f"make it private: chmod 600 {path}"
        )
    try:
        data = path.read_bytes()[: MAX_BYTES * 4]
    except OSError as exc:
        raise PassphraseProblem(f"cannot read {FILE_VAR} {path}: {exc.strerror}") from None
    return [_line(raw, f"{FILE_VAR} {path}") for raw in data.split(b"\n") if raw.rstrip(b"\r")]


def _line(raw: bytes, where: str) -> str:
    try:
        return raw.rstrip(b"\r").decode("utf-8")
    except UnicodeDecodeError:
        raise PassphraseProblem(f"the passphrase in {where} is not UTF-8") from None


def _from_terminal(prompt: str, why: str) -> str:
    """Typed at the terminal without echo (getpass: /dev/tty, even when standard
    input is a pipe). Without a terminal, say how a script gives it."""
    import getpass

    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        raise PassphraseProblem(
            f"{why}: type its passphrase at a terminal, or give it in a "
            f"file named by {FILE_VAR} (mode 0600) or with --passphrase-fd N"
        ) from None
    os.close(tty)
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise click.Abort() from None
