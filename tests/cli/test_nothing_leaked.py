"""No control character or bidi override from a journal or a command line reaches
the terminal raw: not in plain output, not in JSON, not in an error message."""

from __future__ import annotations

import json

import pytest

from journal.pmr import BUILTIN_ROUTINES
from journal.store import Store
from tests.conftest import run_journal
from tests.test_text import HOSTILE, UNSAFE, raw_unsafe

# Every control and override a body may hold (not NUL), between words: its ends
# are trimmed.
BODY = "first line " + "".join(UNSAFE[1:]) + " " + HOSTILE + "\nsecond line " + HOSTILE + " 日本"


def test_entries_with_c1_and_bidi_controls_are_shown_escaped(journal):
    assert journal("add", "-", "-t", "tricky", input=BODY).code == 0
    for args in (["list"], ["show", "1"], ["list", "--json"], ["show", "1", "--json"]):
        result = journal(*args, env={"COLUMNS": "2000"})
        assert result.code == 0, result.err
        assert raw_unsafe(result.out + result.err) == [], args
    assert "\\x9b2Jb \\x9d0;pwn\\x07 c\\u202eevil" in journal("list", env={"COLUMNS": "2000"}).out
    shown = journal("show", "1").out
    assert "second line a\\x9b2Jb \\x9d0;pwn\\x07 c\\u202eevil\\u202c d\\u2067isolated" in shown
    assert "e\\x85f\\x7f 日本" in shown  # NEL is shown, not taken for a line break


def test_json_escapes_controls_and_overrides_and_gives_the_text_back(journal):
    journal("add", "-", input=BODY)
    for args, pick in ((["list", "--json"], lambda d: d[0]), (["show", "1", "--json"], dict)):
        out = journal(*args).out
        assert "\\u009b" in out and "\\u009d" in out and "\\u202e" in out and "\\u007f" in out
        assert "日本" in out
        assert pick(json.loads(out))["body"] == BODY


def test_session_notes_are_shown_escaped(journal, db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        session = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=6)
        store.sessions.record_progress(session.id, seconds=200, groups_done=4, completed=True)
        store.sessions.rate(session.id, stress_after=2, note="calmer " + HOSTILE)
    for args in (["sessions"], ["sessions", "--json"]):
        result = journal(*args)
        assert result.code == 0 and raw_unsafe(result.out + result.err) == [], args
    assert "calmer a\\x9b2Jb" in journal("sessions").out


@pytest.mark.parametrize(
    "args",
    [
        ["pmr", "--routine", "\x1b]0;pwn\x07"],
        ["pmr", "--routine", "\x9b2J\u202e"],
        ["pmr", "--routine", "two\nlines"],
        ["\x1b[2Jnot-a-command"],
        ["add", "--\x1b[2J", "x"],
        ["list", "-t", "\x9d0;pwn\x07"],
        ["add", "x", "--at", "\x1b[2J"],
    ],
)
def test_error_messages_show_what_was_typed_escaped(journal, args):
    result = journal(*args)
    assert result.code == 2, result.err
    assert raw_unsafe(result.err) == [] and result.err.count("\n") == 1, result.err
    assert "\\x1b" in result.err or "\\x9" in result.err or "two\\nlines" in result.err


def test_a_journal_path_holding_escapes_is_shown_escaped(tmp_path):
    folder = tmp_path / "\x1b]0;pwn\x07\u202e"
    folder.mkdir()
    result = run_journal("--db", str(folder), "list")
    err = result.stderr.decode()
    assert result.returncode == 1 and err.startswith("journal: ")
    assert raw_unsafe(err) == [] and "\\x1b]0;pwn\\x07\\u202e" in err


@pytest.mark.parametrize("words", ["caf\udce9", "a\x00b"])
def test_search_words_that_are_not_text_are_bad_usage(journal, words):
    journal("add", "café")
    result = journal("list", "--search", words)
    assert result.code == 2 and "--search: the words are not UTF-8 text" in result.err
