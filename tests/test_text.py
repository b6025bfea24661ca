"""User text made safe to show: every control character and bidi override visible."""

from __future__ import annotations

import json

import pytest

from journal.text import from_pictures, one_line, to_json, to_pictures, visible

C0 = [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
UNSAFE = [*C0, "\x7f", *C1, *BIDI]
# CSI and OSC as one character each, a right-to-left override, an isolate: the
# tricks that reach a terminal when C1 and bidi controls are passed through.
HOSTILE = "a\x9b2Jb \x9d0;pwn\x07 c\u202eevil\u202c d\u2067isolated\u2069 e\x85f\x7f"


def raw_unsafe(text: str) -> list[str]:
    return [c for c in text if c in UNSAFE]


@pytest.mark.parametrize("show", [visible, one_line, to_pictures])
def test_no_control_character_or_bidi_override_is_shown_raw(show):
    shown = show("".join(UNSAFE) + HOSTILE)
    assert raw_unsafe(shown) == []


def test_visible_and_one_line_show_each_as_its_escape():
    for show in (visible, one_line):
        shown = show(HOSTILE)
        for escape in ("\\x9b2Jb", "\\x9d0;pwn\\x07", "\\u202eevil\\u202c", "\\u2067", "\\x7f"):
            assert escape in shown, (show, escape)
    # NEL is a control, not a space: one line shows it too.
    assert "e\\x85f" in one_line(HOSTILE)


def test_one_line_joins_lines_and_spaces_but_keeps_every_other_character():
    assert one_line("  walk\n\tin  the\r\npark\x0b\x0cnow  ") == "walk in the park now"
    assert one_line("日本 🙂 مرحبا") == "日本 🙂 مرحبا"


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "".join(UNSAFE),
        "plain\ttext\nlines",
        # Text that looks like the pictures themselves is text, and stays so.
        "a literal ␛ and ␡, ⟨ alone, ⟨U+0041⟩ and ⟨U+202E⟩ as typed",
    ],
)
def test_pictures_for_the_editor_give_the_text_back_unchanged(text):
    assert from_pictures(to_pictures(text)) == text


def test_a_picture_written_as_text_is_not_shown_as_the_control_it_pictures():
    assert to_pictures("\x1b") != to_pictures("␛")
    assert to_pictures("\u202e") != to_pictures("⟨U+202E⟩")


def test_pictures_show_c1_and_bidi_controls_by_their_code_point():
    shown = to_pictures(HOSTILE)
    assert "a⟨U+009B⟩2Jb ⟨U+009D⟩0;pwn␇" in shown
    assert "c⟨U+202E⟩evil⟨U+202C⟩ d⟨U+2067⟩isolated⟨U+2069⟩ e⟨U+0085⟩f␡" in shown


def test_json_escapes_controls_and_bidi_overrides_and_keeps_the_data():
    value = {"body": "".join(UNSAFE) + HOSTILE + " 日本 🙂", "id": 1}
    dumped = to_json(value)
    assert raw_unsafe(dumped) == []
    assert "\\u009b" in dumped and "\\u202e" in dumped and "\\u007f" in dumped
    assert "日本 🙂" in dumped  # everything else is itself, not \u escapes
    assert json.loads(dumped) == value


def test_escaped_keeps_a_quoted_text_on_one_line_and_shows_everything():
    from journal.text import escaped

    assert escaped("no routine 'a\nb\tc\x1b]0;x\x07 日本'") == (
        "no routine 'a\\nb\\tc\\x1b]0;x\\x07 日本'"
    )
