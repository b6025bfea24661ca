"""The lock screen of an encrypted journal: asked before anything of the journal is
shown, a wrong passphrase asked again, escape quits, the passphrase nowhere."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from journal.app import build_app
from journal.models import EntryInput
from journal.screens.journal import JournalScreen
from journal.screens.lock import LockScreen
from journal.store import Store
from journal.store.cipher import new_key
from journal.store.converting import convert
from tests.app.app_helpers import fully_shown, notifications, screen_text

WORD = "quetzalcoatlus"
PASSPHRASE = "correct horse"


@pytest.fixture
def locked(db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body=f"{WORD} by the river", mood=4, tags=["walk"]))
        store.drafts.save(None, body=f"draft about {WORD}", mood=None, stress=None, tags="")
    convert(db_path, None, new_key(PASSPHRASE))
    opened: list[Store] = []

    def unlock(passphrase: str) -> Store:
        store = Store.open(db_path, clock=clock, passphrase=passphrase, check_pages=False)
        opened.append(store)
        return store

    yield build_app(unlock, clock)
    for store in opened:
        store.close()


async def wait_for(pilot, screen_type) -> None:
    for _ in range(200):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause(0.02)


async def wait_for_message(pilot, text: str) -> None:
    for _ in range(200):
        if text in screen_text(pilot.app):
            return
        await pilot.pause(0.02)


async def test_nothing_of_the_journal_shows_until_the_passphrase_opens_it(locked):
    async with locked.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, LockScreen)
        text = screen_text(pilot.app)
        assert "locked" in text and WORD not in text and "draft" not in text.lower()
        await pilot.press(*"wrong one")
        # Typed as dots, never the letters.
        assert "wrong one" not in screen_text(pilot.app)
        await pilot.press("enter")
        await wait_for_message(pilot, "Wrong passphrase")
        assert "Wrong passphrase; try again." in screen_text(pilot.app)
        assert isinstance(pilot.app.screen, LockScreen)
        assert WORD not in screen_text(pilot.app)
        await pilot.press(*PASSPHRASE, "enter")
        await wait_for(pilot, JournalScreen)
        await fully_shown(pilot)
        assert WORD in screen_text(pilot.app)
        # The waiting draft is said once the journal is open, not before.
        assert "unsaved draft" in await notifications(pilot)
        assert "lock" not in pilot.app._modes


async def test_escape_on_the_lock_screen_quits(locked):
    async with locked.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app._exit


async def test_the_command_palette_offers_nothing_while_locked(locked):
    async with locked.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not CommandPalette.is_open(pilot.app)
        assert isinstance(pilot.app.screen, LockScreen)


async def test_the_passphrase_is_not_kept_on_the_screen_after_enter(locked):
    async with locked.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"not it", "enter")
        await wait_for_message(pilot, "Wrong passphrase")
        assert pilot.app.screen.query_one("#passphrase").value == ""


async def test_a_draft_written_after_unlocking_lands_in_the_encrypted_file(locked, db_path):
    async with locked.run_test(size=(100, 30)) as pilot:
        await pilot.press(*PASSPHRASE, "enter")
        await wait_for(pilot, JournalScreen)
        await fully_shown(pilot)
        await pilot.press("n")
        await pilot.press(*" and the zanzibarian heron")
        await pilot.press("ctrl+q")
        await pilot.pause()
    for file in db_path.parent.rglob("*"):
        if file.is_file():
            assert b"zanzibarian" not in file.read_bytes(), file
    with Store.open(db_path, passphrase=PASSPHRASE) as store:
        assert store.drafts.get(None).body.endswith("and the zanzibarian heron")
