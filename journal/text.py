"""User text made safe for a terminal: control characters shown, never sent raw."""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL, and the bidirectional overrides that can make
# text read differently from what it is. Newlines and tabs are left to callers.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_C0 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PICTURES = re.compile(r"[\u2400-\u2408\u240b-\u241f\u2421]")


def visible(text: str) -> str:
    """Control characters as visible escapes (`\\x1b`), so none reach the terminal."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str) -> str:
    return visible(" ".join(text.split()))


def to_pictures(text: str) -> str:
    """For editing: C0 controls as their Unicode pictures (ESC -> ␛), one for one,

    so the text can be edited and saved back unchanged with `from_pictures`.
    """
    return _C0.sub(lambda m: chr(0x2421 if m.group() == "\x7f" else 0x2400 + ord(m.group())), text)


def from_pictures(text: str) -> str:
    return _PICTURES.sub(
        lambda m: "\x7f" if m.group() == "\u2421" else chr(ord(m.group()) - 0x2400), text
    )


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"
