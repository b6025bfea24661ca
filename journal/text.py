"""User text made safe for a terminal: control characters shown, never sent raw."""

from __future__ import annotations

import json
import re

from journal.rounding import whole

# C0 and C1 control characters, DEL, the bidirectional overrides and isolates that
# can make text read differently from what it is, and lone surrogates (bytes of a
# command line that were not UTF-8), which no terminal can be sent. Newlines and
# tabs are left to callers.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What json.dumps leaves as it is of those (it escapes C0 itself).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Spacing that one line shows as a space: CR, VT and FF besides spaces, tabs, newlines.
_LINE_SPACING = str.maketrans("\r\x0b\x0c", "   ")

# The editor shows C0 controls as their Unicode pictures (ESC -> ␛), and C1
# controls and bidi controls, which have none, by code point: ⟨U+202E⟩. A picture
# character or "⟨" written as text is shown by code point too, so that every
# shown form reads back as exactly one text.
_C0 = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_PICTURE = "\u2400-\u2408\u240b-\u241f\u2421"
_BY_CODE_POINT = re.compile(f"[\x80-\x9f\u202a-\u202e\u2066-\u2069{_PICTURE}\u27e8]")
_SHOWN = re.compile(
    rf"[{_PICTURE}]|\u27e8U\+(00[89][0-9A-F]|202[A-E]|206[6-9]|24(?:0[0-8B-F]|1[0-9A-F]|21)|27E8)\u27e9"
)


def visible(text: str) -> str:
    """Control characters as visible escapes (`\\x1b`), so none reach the terminal."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """The text on one line: runs of spacing as one space, controls shown."""
    return " ".join(visible(text.translate(_LINE_SPACING)).split())


def escaped(text: str) -> str:
    """The text on one line exactly as it is, controls, line breaks and tabs as escapes:
    for a message that quotes what someone typed."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def to_json(value: object, *, indent: int | None = 2) -> str:
    """JSON for a terminal or a script: controls, bidi overrides and lone surrogates as
    \\uXXXX, everything else as itself; json.loads gives the value back unchanged.
    `indent=None`: on one line (a record of a streamed export)."""
    dumped = json.dumps(value, ensure_ascii=False, indent=indent)
    # Outside strings JSON holds only ASCII, so these are inside strings, where an
    # escape means the same character.
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


_ONE_LINE = json.JSONEncoder(ensure_ascii=False)


def json_line(value: object) -> str:
    """to_json(value, indent=None), made faster for a stream of records (one encoder
    for all of them)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", _ONE_LINE.encode(value))


def to_pictures(text: str) -> str:
    """For editing: C0 controls as their Unicode pictures (ESC -> ␛), C1 and bidi
    controls as ⟨U+009B⟩, so none is sent raw and `from_pictures` gives the text
    back unchanged."""
    text = _BY_CODE_POINT.sub(lambda m: f"\u27e8U+{ord(m.group()):04X}\u27e9", text)
    return _C0.sub(lambda m: chr(0x2421 if m.group() == "\x7f" else 0x2400 + ord(m.group())), text)


def from_pictures(text: str) -> str:
    return _SHOWN.sub(_from_picture, text)


def _from_picture(match: re.Match[str]) -> str:
    if match.group(1):
        return chr(int(match.group(1), 16))
    picture = match.group()
    return "\x7f" if picture == "\u2421" else chr(ord(picture) - 0x2400)


def minutes(seconds: float) -> str:
    total = whole(seconds)
    return f"{total // 60} min {total % 60:02d} s" if total >= 60 else f"{total} s"
