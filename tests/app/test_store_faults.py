"""The app never crashes or freezes on the store: another program's write lock, a
read-only journal, a store that fails under it."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from journal.models import EntryInput
from journal.screens.editor import EditorScreen
from journal.screens.journal import JournalScreen
from journal.store import Store, StoreError
from tests.app.app_helpers import make_app, notifications, screen_text

LOCK_HELD = 12.0  # seconds: longer than the store's 8 s busy timeout


async def test_typing_goes_on_while_another_program_holds_the_journal_and_the_save_lands(
    db_path, clock
):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="already here", mood=3))
        other = sqlite3.connect(db_path, isolation_level=None)
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            await pilot.press("n")
            other.execute("BEGIN IMMEDIATE")  # `journal add` elsewhere, holding the lock
            other.execute("insert into settings values ('held', '1')")
            held_since = time.monotonic()
            typed = ""
            for word in ["Typed", "while", "another", "program", "writes"]:
                for key in [*word, "space"]:
                    started = time.monotonic()
                    await pilot.press(key)
                    assert time.monotonic() - started < 1.0, f"{key!r} waited on the disk"
                typed += word + " "
                assert typed.strip() in screen_text(pilot.app)
                await pilot.pause(0.6)  # the draft timer fires and finds the journal busy
            await pilot.press("tab", "4", "ctrl+s")
            assert isinstance(pilot.app.screen, EditorScreen)
            assert "Saving… another program is writing" in screen_text(pilot.app)
            assert "Journal busy" in await notifications(pilot)
            while time.monotonic() - held_since < LOCK_HELD:
                started = time.monotonic()
                await pilot.press("end")  # the screen still answers
                assert time.monotonic() - started < 1.0
                await pilot.pause(0.5)
            other.execute("COMMIT")
            assert await asyncio.to_thread(pilot.app.writes.wait_until_done, 20)
            await pilot.pause()
            assert isinstance(pilot.app.screen, JournalScreen)
            newest = store.entries.find(limit=1)[0]
            assert (newest.body, newest.mood) == (typed.strip(), 4)
            assert store.drafts.get(None) is None
        other.close()


def read_only_journal(db_path, clock) -> bytes:
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="an entry to read", mood=4, stress=3))
        store.sessions.start(store.routines.get("short"), stress_before=5)
    db_path.chmod(0o400)
    return db_path.read_bytes()


async def test_on_a_read_only_journal_every_screen_and_key_works_and_says_why_it_cannot_write(
    db_path, clock
):
    before = read_only_journal(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        assert store.readonly
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            assert "read-only" in await notifications(pilot)
            for key, what in [("n", "write a new"), ("e", "change an"), ("enter", "change an")]:
                await pilot.press(key)
                assert isinstance(pilot.app.screen, JournalScreen)
                assert f"Cannot {what} entry: " in await notifications(pilot)
            await pilot.press("d")
            assert "Cannot delete an entry: " in await notifications(pilot)
            await pilot.press("slash", *"entry", "enter", "escape", "question_mark", "escape")
            # Relaxation: the bell (the key that ended the app), a session, own routines.
            await pilot.press("p", "b")
            assert "Cannot turn the bell on or off: " in await notifications(pilot)
            await pilot.press("enter")
            assert "Cannot record a session: " in await notifications(pilot)
            await pilot.press("c")
            assert "Cannot make a routine: " in await notifications(pilot)
            await pilot.press("t", "1", "2", "3", "4", "5")
            await pilot.app.workers.wait_for_complete()
            await pilot.press("ctrl+p")
            await pilot.press(*"theme", "escape", "j")
            assert pilot.app.is_running
            await pilot.press("q")
        assert app.return_code == 0
    assert db_path.read_bytes() == before


async def test_a_store_error_in_a_worker_or_a_read_is_said_and_the_app_goes_on(store, monkeypatch):
    store.entries.add(EntryInput.make(body="first", mood=3))
    damaged = StoreError("journal.db is damaged (disk I/O error); restore it from a backup")

    def fail(*args, **kwargs):
        raise damaged

    async with make_app(store).run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(store.trends, "read", fail)  # read in a thread worker
        await pilot.press("t")
        # Not workers.wait_for_complete(): it raises the failure the app has said.
        for _ in range(200):
            if "is damaged" in await notifications(pilot):
                break
            await pilot.pause(0.02)
        assert "is damaged" in await notifications(pilot)
        monkeypatch.setattr(store.entries, "find", fail)  # read on the UI thread
        await pilot.press("j", "slash", "f")
        await pilot.pause(0.3)  # the search waits for a pause in typing, then fails
        monkeypatch.setattr(store.routines, "all", fail)
        await pilot.press("escape", "p")
        assert pilot.app.is_running
        assert "is damaged" in await notifications(pilot)


async def test_ctrl_q_keeps_a_running_session_and_an_open_draft(store, clock):
    store.settings.set_safety_seen()
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("p", "enter", "6", "enter")
        clock.advance(seconds=40)
        await pilot.pause()
        await pilot.press("ctrl+q")
    [session] = store.sessions.recent()
    assert not session.completed and session.stress_before == 6 and session.seconds > 0
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"unsaved words", "ctrl+q")
    assert store.drafts.get(None).body == "unsaved words"


@pytest.mark.parametrize("quit_key", ["q", "ctrl+q"])
async def test_quitting_waits_for_writes_still_waiting_for_the_journal(db_path, clock, quit_key):
    with Store.open(db_path, clock=clock) as store:
        store.entries.add(EntryInput.make(body="to be deleted", mood=2))
        other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            other.execute("BEGIN IMMEDIATE")
            await pilot.press("d", "y")
            assert app.writes.pending == 1
            asyncio.get_running_loop().call_later(1.5, other.execute, "COMMIT")
            await pilot.press(quit_key)
            await app.workers.wait_for_complete()
        other.close()
        assert app.return_code == 0
        assert store.entries.count() == 0


async def test_the_app_checks_every_page_after_its_first_paint_and_a_damaged_journal_is_refused(
    db_path,
):
    from tests.store.test_damage import flip_one_byte
    from tests.store.test_opening import filled_journal

    filled_journal(db_path)
    with sqlite3.connect(db_path) as conn:  # as every journal the app has written is
        conn.execute("PRAGMA journal_mode = wal")
    damaged = flip_one_byte(db_path)
    # As `journal` opens it: the check is left to the app, after the first paint.
    with Store.open(db_path, check_pages=False) as store:
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            # The first paint, then the check starts in a worker (a moment later).
            # Not workers.wait_for_complete(): it raises the very failure the app
            # has already said.
            for _ in range(200):
                if store.readonly and "is damaged" in await notifications(pilot):
                    break
                await pilot.pause(0.02)
            assert store.readonly
            assert "is damaged" in await notifications(pilot)
            await pilot.press("n")
            assert isinstance(pilot.app.screen, JournalScreen)
            assert "Cannot write a new entry" in await notifications(pilot)
            assert pilot.app.is_running
    assert db_path.read_bytes() == damaged


async def test_after_a_failed_search_the_detail_still_follows_the_highlight(store, monkeypatch):
    from tests.app.app_helpers import fully_shown

    # Long enough that the next key comes while the first answer's detail waits.
    monkeypatch.setattr("journal.screens.journal.SEARCH_PAUSE", 0.5)
    store.entries.add(EntryInput.make(body="older entry about herons", mood=3))
    store.entries.add(EntryInput.make(body="newer entry about otters", mood=4))

    def fail(*args, **kwargs):
        raise StoreError("journal.db is damaged (disk I/O error); restore it from a backup")

    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash", *"entr")
        screen = pilot.app.screen
        for _ in range(100):
            if screen._searched == "entr":
                break
            await pilot.pause(0.02)
        monkeypatch.setattr(store.searcher, "find", fail)
        await pilot.press("y")  # this search fails
        for _ in range(100):
            if "is damaged" in await notifications(pilot):
                break
            await pilot.pause(0.05)
        assert "is damaged" in await notifications(pilot)
        await pilot.press("enter", "down")
        await fully_shown(pilot)
        # The detail pane (right of the list) shows the entry now highlighted.
        lines = screen_text(pilot.app).splitlines()
        detail = "\n".join(line.split("▏", 1)[1] for line in lines if "▏" in line)
        assert "older entry about herons" in detail
