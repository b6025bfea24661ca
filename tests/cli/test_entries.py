"""The command line as a user and a script use it: output, JSON, exit codes, errors."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from journal.store import Store
from tests.conftest import FROZEN, run_journal
from tests.store.test_relaxation import SESSION_KEYS

ENTRY_KEYS = {"id", "uuid", "created_at", "updated_at", "mood", "stress", "tags", "body"}

# The test clock's tomorrow: a typed day that has not happened yet.
TOMORROW = (FROZEN.date() + timedelta(days=1)).isoformat()


def days_ago(clock, days: int) -> str:
    """The day `days` before the test clock's today, as a person types it."""
    return (clock.now.date() - timedelta(days=days)).isoformat()


def count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    with Store.open(db_path) as store:
        return store.entries.count()


def test_add_prints_the_new_id_and_saves_the_entry(journal, db_path):
    first = journal("add", "Slept", "well", "#sleep", "-m", "4", "-s", "2", "-t", "Morning")
    assert first.code == 0 and first.out == "1\n"
    second = journal("add", "-m", "good")
    assert second.out == "2\n"
    shown = json.loads(journal("show", "1", "--json").out)
    assert shown["body"] == "Slept well #sleep"
    assert (shown["mood"], shown["stress"], shown["tags"]) == (4, 2, ["morning", "sleep"])


def test_add_reads_the_text_from_standard_input(journal):
    assert journal("add", "-s", "3", input="piped\nsecond line\n").code == 0
    assert journal("add", "-", input="dash means stdin").code == 0
    bodies = [e["body"] for e in json.loads(journal("list", "--json").out)]
    assert bodies == ["dash means stdin", "piped\nsecond line"]


def test_add_at_a_typed_time(journal, clock):
    back_then = days_ago(clock, 267)
    journal("add", "back then", "--at", f"{back_then} 07:15")
    created = json.loads(journal("show", "1", "--json").out)["created_at"]
    assert created.startswith(f"{back_then}T07:15:00")


@pytest.mark.parametrize(
    ("args", "input", "says"),
    [
        (["add", "x", "-m", "9"], None, "mood must be 1 to 5 or its word"),
        (["add", "x", "-m", "ok"], None, "1 awful, 2 bad, 3 okay, 4 good, 5 great"),
        (["add", "x", "-s", "11"], None, "stress must be a whole number from 0 (calm) to 10"),
        (["add", "x", "-s", "-1"], None, "0 (calm) to 10"),
        (["add"], "   \n", "nothing to save"),
        (["add", "-"], "a" * 1_000_001, "the limit is 1,000,000"),
        (["add", "-"], "nul\x00byte", "NUL byte"),
        (["add", "-"], b"caf\xe9 latin-1", "not UTF-8"),
        (["add", "x", "-t", "two words"], None, "not a word"),
        (["add", "x", "--at", "someday"], None, "cannot read the time"),
        (["add", "x", "--at", TOMORROW], None, "in the future"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_saves_nothing(journal, db_path, args, input, says):
    result = journal(*args, input=input)
    assert result.code == 2
    assert says in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "nothing was saved" in result.err
    assert count(db_path) == 0


def test_list_shows_newest_first_fitted_to_the_terminal(journal, monkeypatch):
    from journal.cli import entries

    journal("add", "older entry about the sea", "-m", "2", "--at", "yesterday")
    journal("add", "x" * 300, "-m", "5", "-s", "7", "-t", "work")
    monkeypatch.setattr(entries, "_stdout_is_terminal", lambda: True)
    result = journal("list", env={"COLUMNS": "60"})
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert "great" in lines[0] and " 7/10" in lines[0] and lines[0].endswith("…")
    assert "bad" in lines[1] and "older entry abo…" in lines[1]
    assert all(len(line) <= 60 for line in lines)


def test_text_with_markup_and_escape_codes_is_printed_literally(journal):
    body = "[bold]x[/] [link=file:///etc/passwd]y[/link] \x1b]0;title\x07 \x1b[31mred 日本 🙂"
    journal("add", "-", input=body)
    for args in (["list"], ["show", "1"]):
        out = journal(*args, env={"COLUMNS": "200"}).out
        assert "\x1b" not in out and "\x07" not in out
        assert "[bold]x[/] [link=file:///etc/passwd]y[/link]" in out
        assert "\\x1b]0;title\\x07" in out and "\\x1b[31mred" in out and "日本 🙂" in out
    # JSON carries the text exactly, escaped the JSON way.
    assert json.loads(journal("show", "1", "--json").out)["body"] == body


def test_list_filters(journal, clock):
    evening = days_ago(clock, 14)
    journal("add", "rainy run", "-t", "exercise", "--at", f"{days_ago(clock, 23)} 08:00")
    journal("add", "quiet evening", "-t", "home", "--at", f"{evening} 20:00")
    journal("add", "run by the river #exercise", "--at", f"{days_ago(clock, 4)} 07:00")

    def bodies(*args):
        return [e["body"] for e in json.loads(journal("list", "--json", *args).out)]

    assert bodies("-t", "exercise") == ["run by the river #exercise", "rainy run"]
    assert bodies("--search", "run") == ["run by the river #exercise", "rainy run"]
    assert bodies("--search", "run", "--until", days_ago(clock, 5)) == ["rainy run"]
    assert bodies("--since", evening, "--until", evening) == ["quiet evening"]
    assert bodies("--since", f"{evening} 21:00") == ["run by the river #exercise"]
    assert bodies("-n", "1") == ["run by the river #exercise"]
    assert bodies("--search", "nothing-like-this") == []


def test_list_json_has_the_documented_shape(journal):
    journal("add", "x", "-m", "3")
    entries = json.loads(journal("list", "--json").out)
    assert set(entries[0]) == ENTRY_KEYS
    assert entries[0]["stress"] is None and entries[0]["tags"] == []
    assert entries[0]["updated_at"] == entries[0]["created_at"]  # never changed since


def test_list_says_when_more_entries_exist(journal):
    for n in range(4):
        journal("add", f"entry {n}")
    result = journal("list", "-n", "3")
    assert len(result.out.splitlines()) == 3
    assert "3 of 4 shown; -n 0 shows all" in result.err
    assert len(journal("list", "-n", "0").out.splitlines()) == 4


def test_an_empty_journal_says_how_to_start(journal):
    result = journal("list")
    assert result.code == 0 and result.out == ""
    assert "journal add" in result.err


def test_tags_lists_counts_most_used_first(journal):
    journal("add", "#sleep #work")
    journal("add", "#sleep")
    assert journal("tags").out.split() == ["#sleep", "2", "#work", "1"]
    assert json.loads(journal("tags", "--json").out) == [
        {"tag": "sleep", "count": 2},
        {"tag": "work", "count": 1},
    ]


def test_edit_with_options(journal):
    journal("add", "walk in the park #outdoors", "-m", "3", "-s", "5", "-t", "walk")
    assert journal("edit", "1", "-m", "5", "-s", "").code == 0
    entry = json.loads(journal("show", "1", "--json").out)
    assert (entry["mood"], entry["stress"], entry["tags"]) == (5, None, ["outdoors", "walk"])
    journal("edit", "1", "-t", "sun")
    assert json.loads(journal("show", "1", "--json").out)["tags"] == ["outdoors", "sun"]
    journal("edit", "1", "--no-tags", "--text", "new words #fresh")
    entry = json.loads(journal("show", "1", "--json").out)
    assert (entry["body"], entry["tags"]) == ("new words #fresh", ["fresh"])


def test_edit_with_bad_input_changes_nothing(journal):
    journal("add", "keep", "-m", "3")
    result = journal("edit", "1", "-m", "0")
    assert result.code == 2 and "1 to 5" in result.err
    assert json.loads(journal("show", "1", "--json").out)["mood"] == 3


@pytest.fixture
def fake_editor(tmp_path):
    """An $EDITOR that records how it found the file, then rewrites the text."""
    log = tmp_path / "editor.log"
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, stat, sys
            path = sys.argv[1]
            text = open(path, encoding="utf-8").read()
            with open({str(log)!r}, "w") as log:
                log.write(path + "\\n" + oct(stat.S_IMODE(os.stat(path).st_mode)) + "\\n" + text)
            if os.environ.get("EDITOR_SAVES", "1") == "1":
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace("draft", "final"))
            """
        )
    )
    return f"{sys.executable} {script}", log


def test_edit_without_options_opens_the_editor_on_a_private_temp_file(journal, fake_editor):
    editor, log = fake_editor
    journal("add", "a draft thought", "-m", "4")
    result = journal("edit", "1", env={"EDITOR": editor})
    assert result.code == 0
    temp_path, temp_mode, shown = log.read_text().split("\n", 2)
    assert temp_mode == "0o600"
    assert shown == "a draft thought\n"
    assert not Path(temp_path).exists()
    entry = json.loads(journal("show", "1", "--json").out)
    assert (entry["body"], entry["mood"]) == ("a final thought", 4)


def test_an_editor_closed_without_saving_changes_nothing(journal, fake_editor):
    editor, _ = fake_editor
    journal("add", "a draft thought")
    result = journal("edit", "1", env={"VISUAL": editor, "EDITOR_SAVES": "0"})
    assert result.code == 0 and "unchanged" in result.err
    assert json.loads(journal("show", "1", "--json").out)["body"] == "a draft thought"


def test_delete_asks_first(journal, db_path):
    journal("add", "one")
    journal("add", "two")
    refused = journal("delete", "1", input="n\n")
    assert refused.code == 1 and "Delete entry 1?" in refused.err and count(db_path) == 2
    assert journal("delete", "1", input="").code == 1 and count(db_path) == 2
    assert journal("delete", "1", input="y\n").code == 0 and count(db_path) == 1
    assert journal("delete", "2", "--yes").code == 0 and count(db_path) == 0


def test_an_unknown_id_says_how_to_find_ids(journal):
    journal("add", "x")
    for args in (["show", "7"], ["edit", "7", "-m", "3"], ["delete", "7", "--yes"]):
        result = journal(*args)
        assert result.code == 1 and "no entry 7; 'journal list' shows the ids" in result.err


def test_bad_usage_is_one_line_with_exit_2(journal):
    for args in (["list", "-n", "x"], ["show", "abc"], ["add", "--nope"], ["frobnicate"]):
        result = journal(*args)
        assert result.code == 2, args
        assert result.err.count("\n") == 1
        assert "--help" in result.err or "journal add frobnicate" in result.err


@pytest.mark.parametrize("kind", ["folder", "text", "damaged"])
def test_a_bad_journal_file_exits_1_with_one_line_and_is_untouched(tmp_path, kind):
    from tests.store.test_opening import damage, filled_journal

    path = tmp_path / "journal.db"
    if kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("not a journal")
    else:
        filled_journal(path)
        damage(path)
    before = None if kind == "folder" else path.read_bytes()
    for args in (["list", "-n", "0"], ["add", "hello"]):
        result = run_journal("--db", str(path), *args)
        err = result.stderr.decode()
        assert result.returncode == 1, err
        assert err.count("\n") == 1 and err.startswith("journal: ") and "Traceback" not in err
    if before is not None:
        assert path.read_bytes() == before


def test_errors_never_echo_the_entry_text(tmp_path):
    path = tmp_path / "notes"
    path.write_text("x")
    result = run_journal("--db", str(path), "add", "my secret diagnosis")
    assert result.returncode == 1 and b"secret" not in result.stderr


def test_the_real_command_exits_0_and_prints_the_id(db_path):
    result = run_journal("add", "from a shell", "-m", "3", db=db_path)
    assert (result.returncode, result.stdout) == (0, b"1\n")
    assert result.stderr.startswith(b"entry 1 added: ") and b"mood 3 okay" in result.stderr
    assert run_journal("--version").stdout.startswith(b"journal, version")


@pytest.mark.parametrize("command", [["add", "x", "-m", "3"], ["list"], ["show", "1"], ["tags"]])
def test_commands_outside_the_app_never_import_textual_or_plotext(db_path, command):
    check = textwrap.dedent(
        f"""
        import sys
        from journal.cli import main
        try:
            main({command!r})
        except SystemExit:
            pass
        loaded = sorted(m for m in ("textual", "plotext", "textual_plotext") if m in sys.modules)
        print("LOADED", loaded, file=sys.stderr)
        """
    )
    import subprocess

    Store.open(db_path).close()
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        env=dict(os.environ, JOURNAL_DB=str(db_path)),
        timeout=60,
    )
    assert "LOADED []" in result.stderr.decode()


def test_demo_opens_the_app_on_sample_data_and_leaves_the_journal_alone(
    journal, db_path, monkeypatch
):
    from journal import launch

    seen = {}

    def fake_run_app(store, **how):
        seen["how"] = how
        seen["path"] = store.path
        seen["entries"] = store.entries.count()
        seen["tags"] = len(store.entries.tag_counts())

    monkeypatch.setattr(launch, "run_app", fake_run_app)
    result = journal("--demo")
    assert result.code == 0, result.err
    assert seen["entries"] >= 200 and seen["tags"] >= 5
    assert seen["path"] != db_path and not db_path.exists()
    assert not seen["path"].exists()  # the sample journal is thrown away afterwards
    assert seen["how"] == {"demo": True}  # every screen says it is a demo
    assert "the demo is over and nothing written in it was kept" in result.err


def test_routines_lists_every_builtin_with_groups_and_timings(journal):
    out = journal("routines", env={"COLUMNS": "80"}).out
    for name in ("full", "standard", "short", "full-release", "standard-release", "short-release"):
        assert f"\n{name}  " in "\n" + out
    assert "Full: 16 muscle groups, 11 min 12 s" in out
    assert "16. left foot" in out and "tense none (release only)" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_sessions_lists_newest_first_and_as_json(journal, db_path, clock):
    from journal.pmr import BUILTIN_ROUTINES

    assert "No relaxation sessions yet" in journal("sessions").err
    with Store.open(db_path, clock=clock) as store:
        clock.advance(hours=-3)
        done = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=7)
        store.sessions.record_progress(done.id, seconds=228, groups_done=4, completed=True)
        store.sessions.rate(done.id, stress_after=3)
        clock.advance(hours=2)
        cut = store.sessions.start(BUILTIN_ROUTINES["full"], stress_before=None)
        store.sessions.record_progress(cut.id, seconds=95, groups_done=2)
    lines = journal("sessions").out.splitlines()
    assert "full" in lines[0] and "2/16 groups, stopped early" in lines[0]
    assert "short" in lines[1] and "3 min 48 s" in lines[1] and "stress 7 -> 3 (-4)" in lines[1]
    data = json.loads(journal("sessions", "--json", "-n", "1").out)
    assert len(data) == 1 and data[0]["routine"] == "full" and data[0]["completed"] is False
    assert set(data[0]) == SESSION_KEYS
    assert (data[0]["groups_done"], data[0]["groups_planned"], data[0]["note"]) == (2, 16, None)


def test_commands_that_only_read_create_nothing_at_a_missing_path(tmp_path):
    path = tmp_path / "typo" / "journal.db"
    for args in (["list"], ["tags"], ["sessions"], ["routines"]):
        result = run_journal("--db", str(path), *args)
        assert result.returncode == 0, result.stderr
    assert run_journal("--db", str(path), "show", "1").returncode == 1
    assert not (tmp_path / "typo").exists()


def test_bad_input_to_a_command_that_only_reads_does_not_mention_saving(journal):
    result = journal("list", "--since", "someday")
    assert result.code == 2 and "nothing was saved" not in result.err


def test_an_editor_that_saves_non_utf8_gets_a_clear_error(journal, tmp_path):
    script = tmp_path / "latin1.py"
    script.write_text("import sys\nopen(sys.argv[1], 'wb').write(b'caf\\xe9 au lait')\n")
    journal("add", "coffee")
    result = journal("edit", "1", env={"EDITOR": f"{sys.executable} {script}"})
    assert result.code == 2 and "not UTF-8" in result.err
    assert json.loads(journal("show", "1", "--json").out)["body"] == "coffee"


def test_list_counts_no_further_than_it_needs(journal, monkeypatch):
    monkeypatch.setattr("journal.cli.entries.COUNT_CAP", 3)
    for n in range(6):
        journal("add", f"walked the dog {n}")
    result = journal("list", "-n", "2", "--search", "walk")
    assert "2 of more than 3 shown; -n 0 shows all" in result.err
    assert len(journal("list", "-n", "0", "--search", "walk").out.splitlines()) == 6


def test_list_search_matches_words_as_typed(journal):
    journal("add", "Relaxation after running in the café")
    journal("add", "a quiet day")
    for typed in ("relaxa", "runn", "RELAX caf", "cafe"):
        out = journal("list", "--search", typed).out
        assert "Relaxation after running" in out and "quiet" not in out, typed
    assert journal("list", "--search", "relaxing").out == ""  # no stemming
