"""The app's history out: "Export journal…" and "Back up now" in the command palette,
each saying where the file went, and the daily backup after the first paint."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from journal.store import Store
from tests.app.app_helpers import add, fully_shown, make_app, notifications, screen_text


async def run_command(pilot, words: str, shown: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*words)
    for _ in range(40):  # the palette searches in the background
        await pilot.pause(0.05)
        if shown in screen_text(pilot.app):
            break
    await pilot.press("enter")


async def wait_for(pilot, text: str) -> str:
    for _ in range(100):
        said = await notifications(pilot)
        if text in said:
            return said
        await pilot.pause(0.05)
    raise AssertionError(f"never said {text!r}: {said!r}")


async def test_export_journal_writes_json_to_documents_and_says_where(db_path, clock):
    documents = Path.home() / "Documents"
    documents.mkdir()
    with Store.open(db_path, clock=clock) as store:
        add(store, "exported words", mood=4)
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            await fully_shown(pilot)
            await run_command(pilot, "export journal", "Export journal…")
            said = await wait_for(pilot, "Exported")
    exported = list(documents.glob("journal-export-*.json"))
    assert len(exported) == 1
    assert f"1 entry exported to {exported[0]}" in said
    assert stat.S_IMODE(exported[0].stat().st_mode) == 0o600
    assert json.loads(exported[0].read_text())["entries"][0]["body"] == "exported words"


async def test_back_up_now_says_where_the_backup_went(db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        add(store, "kept", mood=4)
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            await fully_shown(pilot)
            await run_command(pilot, "back up now", "Back up now")
            said = await wait_for(pilot, "Backed up to")
    made = db_path.parent / "backups" / "journal-2026-11-24-093000.db"
    assert f"Backed up to {made}" in said
    assert made.exists()


async def test_the_first_start_of_a_day_backs_up_unless_turned_off(db_path, clock, tmp_path):
    backups = db_path.parent / "backups"
    with Store.open(db_path, clock=clock) as store:
        add(store, "kept", mood=4)
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            await fully_shown(pilot)
            for _ in range(200):
                # Written as a hidden .partial file first, renamed when whole.
                if backups.is_dir() and list(backups.glob("*.db")):
                    break
                await pilot.pause(0.05)
    assert [p.name for p in backups.iterdir()] == ["journal-2026-11-24-093000.db"]

    other = tmp_path / "other" / "journal.db"
    other.parent.mkdir()
    with Store.open(other, clock=clock) as store:
        store.settings.set_daily_backup(False)
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            await fully_shown(pilot)
            await pilot.pause(0.5)
            await pilot.app.workers.wait_for_complete()
    assert not (other.parent / "backups").exists()
