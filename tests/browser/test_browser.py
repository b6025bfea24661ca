"""The journal in a real browser: the system's Chromium, driven by playwright,
on `journal serve`. Two tabs write at once; `journal list` finds both entries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_journal
from tests.serve.helpers import Served, screen_text, serving

# Debian's package `chromium` (.ci/run installs it): playwright is told where it is,
# so it never downloads a browser of its own.
CHROMIUM = Path("/usr/bin/chromium")
# .ci/run sets it: there a missing browser fails the run instead of skipping.
REQUIRED = os.environ.get("JOURNAL_BROWSER_TEST") == "required"
VIEWPORT = {"width": 1000, "height": 640}


def playwright_or_skip():
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing (Debian: apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "playwright is missing (pip install -e '.[test]')"
    if missing:
        if REQUIRED:
            pytest.fail(f"{missing}; JOURNAL_BROWSER_TEST=required")
        pytest.skip(missing)
    return sync_playwright


class Tab:
    """A browser tab on the journal, and the words its app has sent it."""

    def __init__(self, page, folder: Path) -> None:
        self.page = page
        self.folder = folder
        self.frames: list[bytes | str] = []
        self.requests: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: self.frames.append(f)))
        page.on("request", lambda request: self.requests.append(request.url))

    def until(self, words: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while words not in screen_text(self.frames):
            if time.monotonic() > deadline:
                shot = self.folder / "never-came.png"
                self.page.screenshot(path=shot)
                raise AssertionError(f"{words!r} never came (the tab: {shot})")
            self.page.wait_for_timeout(25)  # lets playwright deliver the frames

    @property
    def text(self) -> str:
        return screen_text(self.frames)

    def write(self, words: str) -> None:
        """`n`, the words, but not saved yet."""
        self.page.keyboard.press("n")
        self.until("New entry")
        self.page.keyboard.type(words)
        self.until(words.split()[-1])


def listed(db: Path) -> str:
    result = run_journal("list", db=db)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode()


def test_the_journal_in_a_browser(tmp_path: Path, record_property):
    sync_playwright = playwright_or_skip()
    db = tmp_path / "journal.db"
    with serving(db) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            context = browser.new_context(viewport=VIEWPORT)
            first = Tab(context.new_page(), tmp_path)
            opened = time.monotonic()
            first.page.goto(served.url)
            first.until("Welcome to your journal")
            seconds = time.monotonic() - opened
            record_property("seconds_from_opening_the_page_to_the_journal", round(seconds, 2))
            print(f"\nfrom opening the page to the journal on screen: {seconds:.2f} s")
            # Two tabs open at once, two apps on one journal, each writing an entry.
            # (One after the other: a new entry's draft is one for all windows, so
            # a second `n` while the first editor is open brings its words along.)
            second = Tab(context.new_page(), tmp_path)
            second.page.goto(served.url)
            first.until("Quit")  # the footer's keys, without a click first
            first.write("Walked by the river with Sam")
            first.page.keyboard.press("Control+s")
            second.until("Walked by the river")  # the second tab sees the first's entry
            second.write("Slept badly before the exam")
            second.page.keyboard.press("Control+s")
            first.until("Slept badly")  # and the first the second's
            out = listed(db)
            assert "Walked by the river with Sam" in out and "Slept badly before the exam" in out
            first.page.screenshot(path=tmp_path / "journal.png")
            assert (tmp_path / "journal.png").stat().st_size > 10_000
            # The other screens, charts and all.
            first.page.keyboard.press("t")
            first.until("Mood per day")
            first.page.keyboard.press("p")
            first.until("choose a routine")

            cookie = next(c for c in context.cookies() if c["name"] == served.cookie)
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
            # Everything the page asked for came from the journal's server.
            assert all(url.startswith(served.base + "/") for url in first.requests)

            refused_without_the_token(browser, served, tmp_path)
        finally:
            browser.close()


def refused_without_the_token(browser, served: Served, folder: Path) -> None:
    stranger = Tab(browser.new_context(viewport=VIEWPORT).new_page(), folder)
    response = stranger.page.goto(served.base + "/")
    assert response is not None and response.status == 403
    assert "journal serve" in stranger.page.content()
    assert stranger.frames == [] and stranger.requests == [served.base + "/"]


def test_an_encrypted_journal_is_unlocked_in_the_browser(tmp_path: Path):
    """The lock screen comes first in the tab, as in a terminal: a wrong passphrase
    is said, the right one opens the journal."""
    sync_playwright = playwright_or_skip()
    db = tmp_path / "journal.db"
    assert run_journal("add", "a private walk", db=db).returncode == 0
    secret = tmp_path / "passphrase"
    secret.write_text("correct horse\n")
    secret.chmod(0o600)
    # The passphrase file only for `encrypt`: the server's tabs must ask for it.
    encrypt = subprocess.run(
        [sys.executable, "-m", "journal", "--db", str(db), "encrypt"],
        env=dict(os.environ, JOURNAL_PASSPHRASE_FILE=str(secret)),
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    assert encrypt.returncode == 0, encrypt.stderr
    with serving(db) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            tab = Tab(browser.new_context(viewport=VIEWPORT).new_page(), tmp_path)
            tab.page.goto(served.url)
            tab.until("is locked")
            assert "a private walk" not in tab.text
            tab.page.keyboard.type("not it")
            tab.page.keyboard.press("Enter")
            tab.until("Wrong passphrase")
            tab.page.keyboard.type("correct horse")
            tab.page.keyboard.press("Enter")
            tab.until("a private walk")
        finally:
            browser.close()
