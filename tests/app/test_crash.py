"""A journal never loses a word: the real app, killed with -9 after typing."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time

import pytest

from journal.models import EntryInput
from journal.screens.journal import JournalScreen
from journal.store import Store
from journal.store.cipher import new_key
from journal.store.converting import convert
from tests.app.app_helpers import make_app
from tests.conftest import run_journal

TYPED = "Typed into the app just before the terminal died"


class Terminal:
    """The app in a pseudo-terminal, its output drained so it never blocks."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.execvpe(sys.executable, [sys.executable, "-m", "journal", *args], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"{text!r} never appeared on the screen")
            time.sleep(0.05)

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.mark.parametrize("passphrase", [None, "correct horse"], ids=["plain", "encrypted"])
async def test_kill_9_a_few_seconds_after_typing_then_the_text_comes_back(db_path, passphrase):
    Store.open(db_path).close()
    if passphrase:
        convert(db_path, None, new_key(passphrase))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    app = Terminal("--db", str(db_path), env=env)
    if passphrase:
        app.wait_for(b"locked")
        app.type(passphrase + "\r")
    app.wait_for(b"Welcome")
    app.type("n")
    app.wait_for(b"New entry")
    app.type(TYPED)
    time.sleep(3)  # the person stops typing; the terminal is closed a few seconds later
    app.kill()

    if passphrase:
        assert TYPED.encode() not in db_path.read_bytes()
        assert TYPED.encode() not in db_path.with_name("journal.db-wal").read_bytes()
    with Store.open(db_path, passphrase=passphrase) as store:
        assert store.drafts.get(None).body == TYPED
        assert store.entries.count() == 0
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            assert isinstance(pilot.app.screen, JournalScreen)
            await pilot.press("n")
            assert pilot.app.screen.query_one("#body").text == TYPED


def test_a_draft_held_by_the_app_survives_another_programs_adds_and_edits_then_kill_9(db_path):
    with Store.open(db_path) as store:
        kept = store.entries.add(EntryInput.make(body="written earlier", mood=3)).id
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    app = Terminal("--db", str(db_path), env=env)
    app.wait_for(b"written earlier")
    app.type("n")
    app.wait_for(b"New entry")
    app.type(TYPED)
    time.sleep(2.5)  # the draft is written
    for args in (["add", "from another terminal", "-m", "4"], ["edit", str(kept), "-m", "5"]):
        done = run_journal(*args, db=db_path)
        assert done.returncode == 0, done.stderr
    time.sleep(1.5)  # the app goes on, its draft timer idle: nothing new to write
    app.kill()

    with Store.open(db_path) as store:
        assert store.drafts.get(None).body == TYPED
        assert sorted(e.body for e in store.entries.find()) == [
            "from another terminal",
            "written earlier",
        ]


def test_a_session_cut_short_by_kill_9_shows_as_stopped_with_its_groups_done(db_path):
    with Store.open(db_path) as store:
        store.settings.set_safety_seen()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    # short, 1 s settle, 1 s tense, 1 s release: a group every 2 s.
    timings = ["--settle", "1", "--tense", "1", "--release", "1", "--rest", "60"]
    app = Terminal("--db", str(db_path), "pmr", "-r", "short", *timings, env=env)
    app.wait_for(b"Relaxation")
    app.type("\r")
    app.wait_for(b"how stressed")
    app.type("4")
    time.sleep(0.3)
    app.type("\r")
    app.wait_for(b"Next: tense")  # settling in: the session's clock has started
    time.sleep(6)  # settle (1 s), two groups (2 s each), half the third
    app.kill()

    with Store.open(db_path) as store:
        (session,) = store.sessions.recent()
    assert session.completed is False
    assert session.stress_before == 4
    assert (session.groups_done, session.groups_planned) == (2, 4)
    assert session.seconds == 5  # written at the second group's end
