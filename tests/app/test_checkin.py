"""The WHO-5 check-in in the app, driven with the keys a person presses, and the
quiet reminder on the journal screen, on a fake clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from journal.screens.checkin import CheckinScreen
from journal.screens.checkin_reminder import REMINDER_ID
from journal.screens.journal import JournalScreen
from journal.store import Store
from journal.who5 import ANSWERS, INSTRUCTION, STATEMENTS
from tests.app.app_helpers import add, fully_shown, make_app, notifications, screen_text
from tests.test_who5 import table_rows, who5_text


async def open_checkin(pilot) -> CheckinScreen:
    await fully_shown(pilot)
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CheckinScreen)
    return pilot.app.screen


def one_line(text: str) -> str:
    return " ".join(text.split())


async def test_the_statements_on_screen_are_who5_md_s_in_order(store):
    expected = [statement for _, statement in table_rows(who5_text(), "| # | statement |")]
    answers = [f"{v}  {a}" for v, a in table_rows(who5_text(), "| value | answer |")]
    shown = []
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_checkin(pilot)
        text = screen_text(pilot.app)
        assert one_line(INSTRUCTION) in one_line(text)
        for n in range(len(expected)):
            text = screen_text(pilot.app)
            assert f"check-in · {n + 1} of 5" in text
            shown.append(next(s for s in STATEMENTS if f" {s} " in text))
            positions = [text.index(answer) for answer in answers]
            assert positions == sorted(positions)  # every answer, 5 first, with its value
            await pilot.press("3")
            await pilot.pause()
    assert shown == expected


async def test_the_whole_check_in_with_digits_arrows_and_going_back(store, clock):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_checkin(pilot)
        await pilot.press("4")  # statement 1: 4
        await pilot.press("down", "down", "enter")  # statement 2: 4 (5 is first)
        await pilot.press("backspace")  # back to 2, its answer highlighted
        await pilot.pause()
        assert "check-in · 2 of 5" in screen_text(pilot.app)
        await pilot.press("down", "enter")  # 3 instead
        await pilot.press("shift+tab", "shift+tab")  # back to 1
        await pilot.pause()
        assert "check-in · 1 of 5" in screen_text(pilot.app)
        await pilot.press("5", "3", "2", "1", "0")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "WHO-5 well-being · saved 24 Nov 2026, 09:30" in text
        assert "44 of 100" in text and "raw 11 of 25" in text
        assert "Your first check-in" in text
        assert "A score under 50 often goes with low well-being" in one_line(text)
        for statement in STATEMENTS:
            assert statement in text
        (checkin,) = store.checkins.all()
        assert checkin.answers == (5, 3, 2, 1, 0) and checkin.taken_at == clock.now
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, JournalScreen)


async def test_the_result_shows_the_change_and_points_out_ten_or_more(store, clock):
    store.checkins.add((4, 4, 4, 4, 4), at=clock.now - timedelta(days=14))  # 80
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_checkin(pilot)
        await pilot.press("3", "3", "3", "3", "3")  # 60
        await pilot.pause()
        text = one_line(screen_text(pilot.app))
        assert "60 of 100" in text
        assert "-20 since your last check-in (80, 10 Nov 2026)" in text
        assert "A change of 10 points or more is the size usually treated as meaningful." in text
        assert "often goes with low well-being" not in text  # 52 and above: nothing more


async def test_a_small_change_is_not_pointed_out_and_a_very_low_score_names_a_crisis_line(
    store, clock
):
    store.checkins.add((1, 1, 1, 2, 1), at=clock.now - timedelta(days=14))  # 24
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_checkin(pilot)
        await pilot.press("1", "1", "2", "2", "1")  # 28
        await pilot.pause()
        text = one_line(screen_text(pilot.app))
        assert "+4 since your last check-in" in text and "meaningful" not in text
        assert "emergency services or a crisis line now" in text


async def test_escape_leaves_without_saving(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_checkin(pilot)
        await pilot.press("5", "4", "3", "2")  # four of five
        await pilot.press("escape")
        assert "nothing was saved" in await notifications(pilot)
        assert isinstance(pilot.app.screen, JournalScreen)
        assert store.checkins.count() == 0


async def test_keys_that_are_not_answers_are_refused(store):
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_checkin(pilot)
        await pilot.press("6", "9", "x", "enter")  # enter: nothing is highlighted yet
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "check-in · 1 of 5" in text
        assert "Answers go from 0 (at no time) to 5 (all of the time)" in text
        await pilot.press("1", "2", "3", "4", "7", "8")
        await pilot.pause()
        assert "check-in · 5 of 5" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        assert store.checkins.count() == 0


@pytest.mark.parametrize("mode", ["relax", "trends"])
async def test_w_works_from_every_main_screen(store, mode):
    from journal.app import build_app

    app = build_app(store, store.clock, mode=mode)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CheckinScreen)


async def test_w_is_text_in_the_search_box(store):
    add(store, "a walk")
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.press("slash", "w")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CheckinScreen)
        assert pilot.app.screen.query_one("#search").value == "w"


async def test_a_read_only_journal_says_why_there_is_no_check_in(db_path, clock):
    Store.open(db_path, clock=clock).close()
    db_path.chmod(0o400)
    try:
        with Store.open(db_path, clock=clock) as store:
            async with make_app(store).run_test(size=(100, 30)) as pilot:
                await fully_shown(pilot)
                await pilot.press("w")
                assert "Cannot take a check-in" in await notifications(pilot)
                assert not isinstance(pilot.app.screen, CheckinScreen)
    finally:
        db_path.chmod(0o600)


async def test_small_terminals_keep_the_answers_on_screen(store):
    async with make_app(store).run_test(size=(40, 12)) as pilot:
        await open_checkin(pilot)
        text = screen_text(pilot.app)
        assert "I have felt cheerful" in text
        for answer in ANSWERS.values():
            assert answer in text
        await pilot.press("5", "5", "5", "5", "5")
        await pilot.pause()
        assert "100 of 100" in screen_text(pilot.app)


# -- the reminder -------------------------------------------------------------------


async def reminder_shown(store) -> str | None:
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        found = pilot.app.screen.query(f"#{REMINDER_ID}")
        return screen_text(pilot.app) if found else None


async def test_the_reminder_comes_at_14_days_once_a_day(store, clock):
    add(store, "an entry")
    store.checkins.add((3, 3, 3, 3, 3), at=clock.now - timedelta(days=13))
    assert await reminder_shown(store) is None  # 13 days: not yet
    clock.advance(days=1)
    text = await reminder_shown(store)
    assert text is not None
    assert "Your last well-being check-in was 14 days ago · w takes one" in text
    assert store.settings.checkin_reminded_on == clock.now.date()
    assert await reminder_shown(store) is None  # at most once a day
    clock.advance(hours=20)  # the next day
    assert "15 days ago" in (await reminder_shown(store) or "")


async def test_no_reminder_without_a_check_in_or_when_turned_off(store, clock):
    assert await reminder_shown(store) is None  # never taken one: w is in the footer
    store.checkins.add((3, 3, 3, 3, 3), at=clock.now - timedelta(days=30))
    store.settings.set_checkin_reminder(False)
    assert await reminder_shown(store) is None


async def test_r_on_the_check_in_turns_the_reminder_off_and_on(store, clock):
    store.checkins.add((3, 3, 3, 3, 3), at=clock.now - timedelta(days=30))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_checkin(pilot)
        await pilot.press("r")
        assert "No more reminders" in await notifications(pilot)
        assert store.settings.checkin_reminder is False
        await pilot.press("r")
        await pilot.pause()
        assert store.settings.checkin_reminder is True


async def test_taking_the_check_in_clears_the_reminder(store, clock):
    add(store, "an entry")
    store.checkins.add((3, 3, 3, 3, 3), at=clock.now - timedelta(days=20))
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await fully_shown(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen.query(f"#{REMINDER_ID}")
        await pilot.press("w", "4", "4", "4", "4", "4", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, JournalScreen)
        assert not pilot.app.screen.query(f"#{REMINDER_ID}")
        assert "20 days ago" not in screen_text(pilot.app)


async def test_a_check_in_taken_while_another_program_writes_lands_when_it_is_free(db_path, clock):
    import sqlite3

    with Store.open(db_path, clock=clock) as store:
        other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_checkin(pilot)
            other.execute("BEGIN IMMEDIATE")  # `journal add` elsewhere, holding the lock
            await pilot.press("3", "3", "3", "3", "3")
            assert "60 of 100" in screen_text(app)  # the result at once
            assert "saving…" in screen_text(app)
            assert app.writes.pending == 1
            await pilot.press("escape")  # leaving does not lose it
            other.execute("COMMIT")
            await app.workers.wait_for_complete()
            await pilot.pause()
        other.close()
        assert [c.score for c in store.checkins.all()] == [60]
