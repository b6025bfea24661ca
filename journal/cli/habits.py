"""Habits people bring from jrnl: `journal Went for a walk` saves nothing (a typo of
a command must never become an entry) but shows the `journal add` that would."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import click

# Words a POSIX shell takes as they are, without quotes.
_PLAIN = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")
# What the shell would read specially inside double quotes (`!`: bash's history).
_SPECIAL_IN_DOUBLE_QUOTES = re.compile(r'[$`\\"!]')
# What must never reach the terminal raw: C0, DEL, C1, bidi controls, lone
# surrogates (bytes of the command line that were not UTF-8).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shell_word(word: str) -> str:
    """`word` quoted so that a shell reads it back exactly, and so that printing it
    sends no control character to the terminal: plain words as they are, others in
    single quotes (double when they hold a '), and words with controls in bash's
    $'...' with escapes."""
    if _PLAIN.fullmatch(word):
        return word
    if _UNSHOWABLE.search(word):
        return "$'" + "".join(_escaped(c) for c in word) + "'"
    if "'" not in word:
        return f"'{word}'"
    if not _SPECIAL_IN_DOUBLE_QUOTES.search(word):
        return f'"{word}"'
    return "'" + word.replace("'", "'\"'\"'") + "'"


def _escaped(char: str) -> str:
    if char in "\\'":
        return "\\" + char
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if _UNSHOWABLE.match(char):
        return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
    return char


def add_command_for(args: Sequence[str], db: str | None = None) -> str:
    """The `journal add` that saves `args`: the words before the first option as
    one quoted text, the options after it as they were given."""
    words: list[str] = []
    rest = list(args)
    while rest and not rest[0].startswith("-"):
        words.append(rest.pop(0))
    parts = ["journal"]
    if db:
        parts += ["--db", shell_word(db)]
    parts.append("add")
    if words:
        parts.append(shell_word(" ".join(words)))
    parts += [shell_word(arg) for arg in rest]
    return " ".join(parts)


class NotACommand(click.ClickException):
    exit_code = 2  # bad usage


class JournalGroup(click.Group):
    """The `journal` group: a first word that is no command is answered with the
    command that would save the words (exit 2, nothing saved)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            guess = f" (did you mean '{close[0]}'?)" if close and " " not in name else ""
            first = shell_word(name) if _UNSHOWABLE.search(name) else f"'{name}'"
            raise NotACommand(
                f"{first} is not a command{guess}; to save these words as an entry: "
                + add_command_for(args, ctx.params.get("db"))
            )
        return super().resolve_command(ctx, args)
