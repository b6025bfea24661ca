"""The plain text the command line writes outside the journal: the $EDITOR file, in
a private folder beside the journal, and the --demo journal. Whatever a killed
process leaves of them is removed at the next start."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from journal.cli.scratch import editor_file_prefix
from tests.conftest import run_journal


def wait_for(check, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def editor(tmp_path):
    """An $EDITOR that records where it found the file and how it was protected,
    then appends ' (edited)'; with EDITOR_WAITS=1 it waits until killed."""
    log = tmp_path / "editor.json"
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import json, os, stat, sys, time
            path = sys.argv[1]
            mode = lambda p: oct(stat.S_IMODE(os.stat(p).st_mode))
            with open({str(log)!r}, "w") as log:
                json.dump({{"path": path, "file": mode(path),
                           "folder": mode(os.path.dirname(path)), "pid": os.getpid()}}, log)
            while os.environ.get("EDITOR_WAITS") == "1":
                time.sleep(0.1)
            text = open(path, encoding="utf-8").read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.rstrip("\\n") + " (edited)\\n")
            """
        )
    )
    return f"{sys.executable} {script}", log


def test_the_editor_file_is_private_beside_the_journal_and_removed(journal, db_path, editor):
    command, log = editor
    journal("add", "a thought", "-m", "4")
    result = journal("edit", "1", env={"EDITOR": command})
    assert result.code == 0, result.err
    seen = json.loads(log.read_text())
    path = Path(seen["path"])
    assert path.parent == db_path.parent / ".editing"
    assert (seen["folder"], seen["file"]) == ("0o700", "0o600")
    assert not path.exists()
    assert json.loads(journal("show", "1", "--json").out)["body"] == "a thought (edited)"


def test_an_editor_file_left_by_a_killed_edit_is_removed_at_the_next_edit(journal, db_path, editor):
    command, log = editor
    journal("add", "a secret thought")
    killed = subprocess.Popen(
        [sys.executable, "-m", "journal", "edit", "1"],
        env=dict(os.environ, JOURNAL_DB=str(db_path), EDITOR=command, EDITOR_WAITS="1"),
    )
    try:
        wait_for(log.exists)
        left = Path(json.loads(log.read_text())["path"])
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        if log.exists():
            os.kill(json.loads(log.read_text())["pid"], signal.SIGKILL)
    assert left.read_text() == "a secret thought\n"  # the kill left it behind
    log.unlink()
    assert journal("edit", "1", env={"EDITOR": command}).code == 0
    assert not left.exists()


def test_a_running_edit_keeps_its_file(journal, db_path, editor):
    command, _ = editor
    folder = db_path.parent / ".editing"
    folder.mkdir(mode=0o700)
    mine = folder / (editor_file_prefix() + "x.md")  # as this process's edit names it
    other_machine = folder / f"edit-elsewhere-{dead_pid()}-x.md"
    not_ours = folder / "notes.txt"
    for path in (mine, other_machine, not_ours):
        path.write_text("x")
    journal("add", "x")
    assert journal("edit", "1", env={"EDITOR": command}).code == 0
    assert mine.exists() and other_machine.exists() and not_ours.exists()


def test_add_with_nothing_given_in_a_terminal_opens_the_editor(journal, monkeypatch, editor):
    from journal.cli import entries

    command, log = editor
    monkeypatch.setattr(entries, "_stdin_is_terminal", lambda: True)
    result = journal("add", env={"EDITOR": command})
    assert result.code == 0 and result.out == "1\n", result.err
    assert json.loads(journal("show", "1", "--json").out)["body"] == "(edited)"
    assert not Path(json.loads(log.read_text())["path"]).exists()


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The system's temp folder, for this test alone."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def no_app(monkeypatch):
    from journal import launch

    seen: list[Path] = []
    monkeypatch.setattr(launch, "run_app", lambda store, **how: seen.append(store.path))
    return seen


def test_a_killed_demo_is_cleaned_at_the_next_start(journal, temp_folder, no_app):
    script = textwrap.dedent(
        """
        import time
        from journal import launch
        from journal.cli import main
        launch.run_app = lambda store, **how: time.sleep(600)
        main(["--demo"])
        """
    )
    killed = subprocess.Popen(
        [sys.executable, "-c", script], env=dict(os.environ, TMPDIR=str(temp_folder))
    )
    try:
        wait_for(lambda: list(temp_folder.glob("journal-demo-*/demo.db")))
        time.sleep(0.5)
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
    assert list(temp_folder.glob("journal-demo-*"))  # the kill left it behind
    assert journal("--demo").code == 0
    assert list(temp_folder.iterdir()) == []


def test_demo_folders_still_in_use_or_not_a_demos_are_kept(journal, temp_folder, no_app):
    running = temp_folder / f"journal-demo-{os.getpid()}-abc"
    new_unowned = temp_folder / "journal-demo-newxyz"
    old_unowned = temp_folder / "journal-demo-oldxyz"
    a_file = temp_folder / f"journal-demo-{dead_pid()}-file"
    other = temp_folder / "something-else"
    for folder in (running, new_unowned, old_unowned, other):
        folder.mkdir()
        (folder / "demo.db").write_text("x")
    a_file.write_text("x")
    a_day_ago = time.time() - 2 * 24 * 3600
    os.utime(old_unowned, (a_day_ago, a_day_ago))
    assert journal("--demo").code == 0
    left = sorted(p.name for p in temp_folder.iterdir())
    assert left == sorted(p.name for p in (running, new_unowned, a_file, other))
    # The demo that ran named its folder after its process, and removed it.
    assert no_app[0].parent.name.startswith(f"journal-demo-{os.getpid()}-")
    assert not no_app[0].parent.exists()


def test_a_real_edit_from_a_shell_leaves_no_file(db_path, editor):
    command, _ = editor
    run_journal("add", "from a shell", db=db_path)
    result = run_journal("edit", "1", db=db_path, env={"EDITOR": command})
    assert result.returncode == 0, result.stderr
    folder = db_path.parent / ".editing"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and list(folder.iterdir()) == []
