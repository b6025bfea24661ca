"""No control character or bidi override from a journal or a command line reaches
the terminal raw: not in plain output, not in JSON, not in an error message."""

from __future__ import annotations

import json

from journal.pmr import BUILTIN_ROUTINES
from journal.store import Store
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
