"""Habits people bring from jrnl: words after `journal`, the editor when nothing is
given, `list` piped, `show` alone, and the same confirmation after add and edit."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import textwrap
import time

import pytest

from journal.cli.habits import add_command_for, shell_word
from tests.conftest import run_journal


def entries(db_path) -> list[dict]:
    return json.loads(run_journal("list", "--json", "-n", "0", db=db_path).stdout)


# -- words that are not a command ------------------------------------------------------


def test_words_after_journal_save_nothing_and_show_the_add_that_would(db_path):
    result = run_journal("Went", "for", "a", "walk", db=db_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and result.stdout == b""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("journal: 'Went' is not a command")
    assert err.rstrip().endswith("journal add 'Went for a walk'")
    assert entries(db_path) == []


def test_options_after_the_words_go_with_the_add(db_path):
    result = run_journal("Went", "for", "a", "walk", "-m", "4", "-t", "outside", db=db_path)
    assert result.returncode == 2
    assert result.stderr.decode().rstrip().endswith("journal add 'Went for a walk' -m 4 -t outside")


def test_a_typo_of_a_command_is_named(journal):
    result = journal("lsit")
    assert result.code == 2
    assert "(did you mean 'list'?)" in result.err and "journal add lsit" in result.err


WORDS = [
    ["I'm", "tired"],
    ["$HOME", "`date`", "and", "a\\b", "it's", "$HOME!"],
    ["bell\x07", "and", "\x1b[31mred", "\u202eevil", "line\nbreak", "tab\there"],
]


@pytest.mark.parametrize("words", WORDS)
def test_the_shown_command_is_safe_to_print_and_saves_exactly_the_words(db_path, words):
    result = run_journal(*words, "-m", "3", db=db_path)
    err = result.stderr.decode()
    assert result.returncode == 2
    # No control character reaches the terminal: the line is all printable.
    line = err.rstrip("\n")
    assert line.isprintable() and "\u202e" not in line
    shown = line.split("to save these words as an entry: ", 1)[1]
    # Run what was shown, in a real shell, with this journal's command.
    command = shown.replace("journal ", f"{sys.executable} -m journal ", 1)
    saved = subprocess.run(
        ["bash", "-c", command],
        env=dict(os.environ, JOURNAL_DB=str(db_path)),
        capture_output=True,
        timeout=60,
    )
    assert saved.returncode == 0, saved.stderr
    (entry,) = entries(db_path)
    assert (entry["body"], entry["mood"]) == (" ".join(words), 3)


def test_shell_words_are_quoted_only_when_needed():
    assert shell_word("walk") == "walk"
    assert shell_word("a walk") == "'a walk'"
    assert shell_word("I'm") == '"I\'m"'
    assert shell_word("\x1b") == "$'\\x1b'"
    assert add_command_for(["x", "-t", "a b"], db="/tmp/my journal.db") == (
        "journal --db '/tmp/my journal.db' add x -t 'a b'"
    )


# -- add with nothing given, in a terminal ---------------------------------------------


def in_a_terminal(*args: str, env: dict[str, str], timeout: float = 60) -> tuple[int, str]:
    """Run `journal ARGS` with a pseudo-terminal as its stdin, stdout and stderr, as
    in a person's shell; the exit code and what the terminal showed."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=dict(os.environ, **env),
        close_fds=True,
    )
    os.close(secondary)
    shown = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([main], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    code = process.wait(timeout=10)
    os.close(main)
    return code, shown.decode().replace("\r\n", "\n")


@pytest.fixture
def editor(tmp_path):
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            with open(sys.argv[1], "a", encoding="utf-8") as f:
                f.write("Went for a walk by the sea #outside\\n")
            """
        )
    )
    return f"{sys.executable} {script}"


def test_add_with_nothing_in_a_real_terminal_opens_the_editor(db_path, editor):
    code, shown = in_a_terminal("add", env={"JOURNAL_DB": str(db_path), "EDITOR": editor})
    assert code == 0, shown
    (entry,) = entries(db_path)
    assert entry["body"] == "Went for a walk by the sea #outside" and entry["tags"] == ["outside"]
    # In a terminal the confirmation says it once: no bare id line besides it.
    assert shown.strip().splitlines() == [shown.strip()]
    assert shown.startswith("entry 1 added: ") and "#outside" in shown


# -- list, show ------------------------------------------------------------------------


def test_list_piped_is_never_cut_to_a_width(db_path):
    long = "a long line about the day " * 20
    run_journal("add", long.strip(), "-m", "4", "-t", "sea", db=db_path)
    result = run_journal("list", db=db_path, env={"COLUMNS": "40"})
    (line,) = result.stdout.decode().splitlines()
    assert line.endswith(long.strip() + "  #sea") and "…" not in line


def test_show_alone_shows_the_newest_entry(journal):
    assert journal("show").code == 1
    assert "no entries yet" in journal("show").err
    journal("add", "older", "--at", "yesterday")
    journal("add", "newest of all", "-m", "5")
    journal("add", "in between", "--at", "today 06:00")
    result = journal("show")
    assert result.code == 0 and "newest of all" in result.out and "entry 2 " in result.out
    assert json.loads(journal("show", "--json").out)["id"] == 2


# -- add and edit confirm alike ------------------------------------------------------


def test_add_and_edit_print_the_same_kind_of_confirmation(journal):
    added = journal("add", "a walk", "-m", "4", "-s", "2", "-t", "walk")
    edited = journal("edit", "1", "-m", "5")
    assert (added.code, added.out, edited.code, edited.out) == (0, "1\n", 0, "1\n")
    assert (
        added.err
        == "entry 1 added: Tue 24 Nov 2026 09:30 (UTC+01:00), mood 4 good, stress 2/10, #walk\n"
    )
    assert (
        edited.err
        == "entry 1 saved: Tue 24 Nov 2026 09:30 (UTC+01:00), mood 5 great, stress 2/10, #walk\n"
    )


def test_an_editor_closed_without_saving_saves_nothing_and_says_so(db_path):
    code, shown = in_a_terminal("add", env={"JOURNAL_DB": str(db_path), "EDITOR": "true"})
    assert code == 2
    assert shown.strip() == "journal: the editor closed without saving; nothing was saved"
    assert entries(db_path) == []
