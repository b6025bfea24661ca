"""Chart series: daily and rolling means, practice per week, streaks, tags; by hand."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from journal import stats
from journal.models import EntryInput
from journal.pmr import BUILTIN_ROUTINES
from journal.store import Store
from tests.conftest import FROZEN, FakeClock

CET = timezone(timedelta(hours=1))
TODAY = FROZEN.date()  # 2026-11-24, a Tuesday


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(day: str, hour: int = 12, minute: int = 0, tz=CET, fold: int = 0) -> datetime:
    return datetime.combine(d(day), datetime.min.time(), tz).replace(
        hour=hour, minute=minute, fold=fold
    )


def add(store: Store, when: datetime, *, body: str = "", **fields) -> int:
    return store.entries.add(EntryInput.make(body=body, **fields), at=when).id


def practise(
    store: Store,
    clock: FakeClock,
    when: datetime,
    seconds: int,
    *,
    before: int | None = None,
    after: int | None = None,
    completed: bool = True,
) -> None:
    """A relaxation session that started at `when` (sessions take the store's clock)."""
    clock.now = when
    session = store.sessions.start(BUILTIN_ROUTINES["short"], stress_before=before)
    store.sessions.record_progress(
        session.id, seconds=seconds, groups_done=4 if completed else 1, completed=completed
    )
    if after is not None:
        store.sessions.rate(session.id, stress_after=after)
    clock.now = FROZEN


def by_day(series) -> dict[str, object]:
    return {item.day.isoformat(): item for item in series}


# -- ranges ------------------------------------------------------------------------------


def test_the_range_keys_are_7_30_90_365_days_and_all():
    assert stats.RANGES == {"1": 7, "2": 30, "3": 90, "4": 365, "5": None}
    assert stats.range_start(7, TODAY) == d("2026-11-18")
    assert stats.range_start(1, TODAY) == TODAY
    assert stats.range_start(None, TODAY) is None
    with pytest.raises(ValueError):
        stats.range_start(0, TODAY)


def test_today_comes_from_the_stores_clock(store):
    assert store.clock().date() == d("2026-11-24")


# -- per day -----------------------------------------------------------------------------


def test_daily_counts_entries_and_averages_only_the_values_given(store, clock):
    add(store, at("2026-11-20", 8), mood=4, stress=2)
    add(store, at("2026-11-20", 13), mood=2)
    add(store, at("2026-11-20", 22), stress=6, body="late")
    add(store, at("2026-11-22"), body="only words today")
    practise(store, clock, at("2026-11-22", 7), 300)
    practise(store, clock, at("2026-11-22", 21), 90, completed=False)
    days = store.trends.daily(d("2026-11-20"), TODAY)
    assert [day.day for day in days] == [d(f"2026-11-{n}") for n in range(20, 25)]
    got = [(day.entries, day.mood, day.stress, day.pmr_minutes) for day in days]
    assert got == [
        (3, 3.0, 4.0, 0),  # mood (4+2)/2, stress (2+6)/2
        (0, None, None, 0),  # a gap: no entries, no means (never zeros)
        (1, None, None, 6.5),  # text only; 300 s + 90 s of practice
        (0, None, None, 0),
        (0, None, None, 0),
    ]


def test_daily_json_has_exactly_the_products_keys(store):
    add(store, at("2026-11-24", 8), mood=4, stress=3)
    add(store, at("2026-11-24", 9), mood=3, stress=3)
    (day,) = store.trends.daily(TODAY, TODAY)
    assert day.to_json() == {
        "date": "2026-11-24",
        "entries": 2,
        "mood_avg": 3.5,
        "stress_avg": 3.0,
        "pmr_minutes": 0,
    }


def test_all_time_starts_at_the_first_day_with_an_entry_or_a_session(store, clock):
    assert store.trends.daily(None, TODAY) == []
    assert store.trends.first_day() is None
    practise(store, clock, at("2026-11-21", 7), 60)
    add(store, at("2026-11-22"), mood=3)
    assert store.trends.first_day() == d("2026-11-21")
    assert store.trends.daily(None, TODAY)[0].day == d("2026-11-21")
    # Entries after `until` are outside the range.
    assert store.trends.daily(None, d("2026-11-21"))[-1].entries == 0


def test_rolling_means_are_of_daily_means_over_the_last_7_days_on_every_day_they_reach(store):
    add(store, at("2026-11-01"), mood=2)
    # Two entries make one day: its mean (4) counts once in the rolling mean.
    add(store, at("2026-11-02", 9), mood=5)
    add(store, at("2026-11-02", 18), mood=3)
    add(store, at("2026-11-03"), stress=6)
    add(store, at("2026-11-05"), mood=3)
    add(store, at("2026-11-12"), mood=5)
    add(store, at("2026-11-13"), mood=1, stress=2)
    days = by_day(store.trends.daily(d("2026-11-01"), d("2026-11-13")))
    rolling = {day: item.mood_rolling for day, item in days.items()}
    assert rolling == {
        "2026-11-01": 2.0,
        "2026-11-02": 3.0,  # (2 + 4) / 2, not (2 + 5 + 3) / 3
        # Days without a mood of their own: the line runs on over them (PRODUCT.md:
        # defined on every day whose 7-day window holds one).
        "2026-11-03": 3.0,
        "2026-11-04": 3.0,
        "2026-11-05": 3.0,  # (2 + 4 + 3) / 3
        "2026-11-06": 3.0,
        "2026-11-07": 3.0,
        "2026-11-08": 3.5,  # 1 November has left the window [2, 8]: (4 + 3) / 2
        "2026-11-09": 3.0,
        "2026-11-10": 3.0,
        "2026-11-11": 3.0,  # [5, 11]: only the 5th
        "2026-11-12": 5.0,  # [6, 12]: the 5th is 7 days back, outside
        "2026-11-13": 3.0,  # [7, 13]: (5 + 1) / 2
    }
    assert days["2026-11-03"].stress_rolling == 6.0
    assert days["2026-11-09"].stress_rolling == 6.0  # [3, 9]
    assert days["2026-11-10"].stress_rolling is None  # [4, 10] holds no stress: a gap
    assert days["2026-11-13"].stress_rolling == 2.0  # 3 November is outside [7, 13]
    # Days before the range still count toward its first rolling means.
    (first, *_) = store.trends.daily(d("2026-11-05"), d("2026-11-13"))
    assert (first.day, first.mood, first.mood_rolling) == (d("2026-11-05"), 3.0, 3.0)


# -- relaxation --------------------------------------------------------------------------


def test_practice_per_iso_week_counts_whole_weeks_across_new_year(store, clock):
    practise(store, clock, at("2025-12-28", 20), 600)  # Sunday of 2025-W52
    practise(store, clock, at("2025-12-29", 7), 300)  # Monday of 2026-W01
    practise(store, clock, at("2026-01-01", 7), 420, completed=False)
    practise(store, clock, at("2026-01-04", 23, 50), 180)  # Sunday, late: still W01
    practise(store, clock, at("2026-01-12", 8), 60)  # after the range
    until = d("2026-01-11")
    weeks = store.trends.weekly_practice(d("2025-12-30"), until)
    got = [(w.label, w.monday, w.sessions, w.completed, w.minutes) for w in weeks]
    assert got == [
        # The range began on a Tuesday; its week is counted whole, from Monday.
        ("2026-W01", d("2025-12-29"), 3, 2, 15.0),
        ("2026-W02", d("2026-01-05"), 0, 0, 0.0),  # no practice: a real 0
    ]
    weeks = store.trends.weekly_practice(d("2025-12-28"), until)
    assert [(w.label, w.minutes) for w in weeks] == [
        ("2025-W52", 10.0),
        ("2026-W01", 15.0),
        ("2026-W02", 0.0),
    ]
    assert weeks[0].to_json() == {
        "week": "2025-W52",
        "monday": "2025-12-22",
        "sessions": 1,
        "completed": 1,
        "minutes": 10.0,
    }
    assert store.trends.weekly_practice(None, until)[0].label == "2025-W52"


def test_stress_change_uses_only_sessions_rated_before_and_after(store, clock):
    practise(store, clock, at("2026-11-20", 7), 228, before=7, after=3)
    practise(store, clock, at("2026-11-21", 7), 228, before=5, after=5)
    practise(store, clock, at("2026-11-21", 21), 100, before=8, completed=False)
    practise(store, clock, at("2026-11-22", 7), 228, after=2)
    practise(store, clock, at("2026-11-23", 7), 228, before=6, after=4)
    change = store.trends.stress_change(None, TODAY)
    assert [(s.day, s.before, s.after, s.change) for s in change.sessions] == [
        (d("2026-11-20"), 7, 3, -4),
        (d("2026-11-21"), 5, 5, 0),
        (d("2026-11-23"), 6, 4, -2),
    ]
    assert change.mean_change == -2.0  # (-4 + 0 - 2) / 3
    summary = store.trends.practice(None, TODAY)
    assert (summary.sessions, summary.completed, summary.rated) == (5, 4, 3)
    assert summary.avg_stress_change == -2.0
    assert summary.minutes == pytest.approx((4 * 228 + 100) / 60)
    assert set(summary.to_json()) >= {"sessions", "completed", "avg_stress_change"}
    later = store.trends.stress_change(d("2026-11-21"), d("2026-11-22"))
    assert [s.change for s in later.sessions] == [0] and later.mean_change == 0.0
    nothing = store.trends.stress_change(TODAY, TODAY)
    assert (nothing.sessions, nothing.mean_change) == ([], None)
    assert store.trends.practice(TODAY, TODAY) == stats.Practice(0, 0, 0.0, 0, None)


# -- streaks -----------------------------------------------------------------------------


def test_no_entries_no_streaks(store):
    assert store.trends.streaks(TODAY) == stats.Streaks(0, 0, None, False)


def test_the_current_streak_lives_through_a_morning_without_an_entry(store):
    for day in ("2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-15"):
        add(store, at(day), mood=3)
    for day in ("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"):
        add(store, at(day, 8), mood=3)
        add(store, at(day, 20), body="two entries, one day")
    # Nothing yet today (09:30): the run that ended yesterday still counts.
    assert store.trends.streaks(TODAY) == stats.Streaks(4, 4, d("2026-11-23"), False)
    add(store, at("2026-11-24", 9), mood=4)
    assert store.trends.streaks(TODAY) == stats.Streaks(5, 5, d("2026-11-24"), True)
    # Looking back from 14 November: the 10-13 run ended the day before.
    assert store.trends.streaks(d("2026-11-14")) == stats.Streaks(4, 4, d("2026-11-13"), False)


def test_a_day_missed_before_yesterday_ends_the_current_streak(store):
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        add(store, at(day), mood=3)
    assert store.trends.streaks(TODAY) == stats.Streaks(0, 3, d("2026-11-22"), False)


# -- year in pixels ----------------------------------------------------------------------


def test_a_year_of_moods_is_the_365_days_ending_today(store):
    add(store, at("2025-11-24"), mood=1)  # a year ago today: one day too early
    add(store, at("2025-11-25", 8), mood=2)
    add(store, at("2025-11-25", 20), mood=5)
    add(store, at("2026-11-24"), stress=4)
    year = store.trends.year_of_moods(TODAY)
    assert len(year) == 365
    assert (year[0].day, year[0].mood, year[0].entries) == (d("2025-11-25"), 3.5, 2)
    assert (year[-1].day, year[-1].mood, year[-1].entries) == (TODAY, None, 1)
    assert sum(1 for item in year if item.mood is not None) == 1


@pytest.mark.parametrize(
    ("until", "first", "length"),
    [
        ("2028-03-01", "2027-03-02", 366),  # holds 29 February 2028
        ("2028-02-29", "2027-03-01", 366),
        ("2027-02-28", "2026-03-01", 365),
    ],
)
def test_a_year_across_a_leap_day_has_366_days(store, until, first, length):
    year = store.trends.year_of_moods(d(until))
    assert (year[0].day, year[-1].day, len(year)) == (d(first), d(until), length)


# -- tags --------------------------------------------------------------------------------


def tagged_days(store: Store) -> None:
    add(store, at("2026-11-01"), mood=4, stress=2, tags=["walk", "work"])
    add(store, at("2026-11-02", 9), mood=5, tags=["walk"])
    add(store, at("2026-11-02", 18), mood=3)
    add(store, at("2026-11-03"), mood=2, stress=6, tags=["work"])
    add(store, at("2026-11-04"), mood=1, stress=8, tags=["work"])
    add(store, at("2026-11-05"), mood=3, stress=4, tags=["work"])
    # Words only: a day without mood or stress compares nothing.
    add(store, at("2026-11-06"), body="a long walk #walk")


def test_a_tag_on_two_days_is_not_compared(store):
    tagged_days(store)
    # walk: 1 and 2 November (6 November has no values); work: 4 days with it
    # but only 1 without. Neither has enough.
    assert store.trends.tag_comparison(None, TODAY) == []


def test_a_tag_on_three_days_against_three_without_is_compared(store):
    tagged_days(store)
    add(store, at("2026-11-07"), mood=5, stress=1, tags=["walk"])
    (walk,) = store.trends.tag_comparison(None, TODAY)
    assert (walk.tag, walk.days_with, walk.days_without) == ("walk", 3, 3)
    # With: 1, 2 (mean of 5 and 3) and 7 November; without: 3, 4 and 5 November.
    assert walk.mood_with == pytest.approx((4 + 4 + 5) / 3)
    assert walk.mood_without == pytest.approx((2 + 1 + 3) / 3)
    assert walk.stress_with == pytest.approx((2 + 1) / 2)  # 2 November has no stress
    assert walk.stress_without == pytest.approx((6 + 8 + 4) / 3)
    assert walk.mood_difference == pytest.approx(13 / 3 - 2)
    assert walk.stress_difference == pytest.approx(1.5 - 6)
    assert walk.to_json()["mood_with"] == 4.33
    # The range decides which days count: from 3 November walk has one day.
    assert store.trends.tag_comparison(d("2026-11-03"), TODAY) == []


def test_tags_come_with_the_better_mood_first_and_the_threshold_can_change(store):
    tagged_days(store)
    add(store, at("2026-11-07"), mood=5, stress=1, tags=["walk"])
    found = store.trends.tag_comparison(None, TODAY, min_days=2)
    # work: 4 days with it, 2 without (too few at the default of 3).
    assert [c.tag for c in found] == ["walk", "work"]
    work = found[1]
    assert (work.days_with, work.days_without) == (4, 2)
    assert work.mood_with == pytest.approx((4 + 2 + 1 + 3) / 4)
    assert work.mood_without == pytest.approx((4 + 5) / 2)


# -- the day a person lived --------------------------------------------------------------


def test_entries_near_midnight_count_on_the_writers_own_day(store, clock):
    tokyo = timezone(timedelta(hours=9))
    new_york = timezone(timedelta(hours=-5))
    add(store, at("2026-03-02", 0, 30, tz=tokyo), mood=5)  # UTC: 1 March 15:30
    add(store, at("2026-03-01", 23, 30, tz=new_york), mood=1)  # UTC: 2 March 04:30
    practise(store, clock, at("2026-03-01", 23, 50, tz=new_york), 600)  # UTC: 2 March
    days = by_day(store.trends.daily(d("2026-03-01"), d("2026-03-02")))
    assert (days["2026-03-01"].entries, days["2026-03-01"].mood) == (1, 1.0)
    assert days["2026-03-01"].pmr_minutes == 10.0
    assert (days["2026-03-02"].entries, days["2026-03-02"].mood) == (1, 5.0)
    assert days["2026-03-02"].pmr_minutes == 0


def test_the_local_day_holds_across_daylight_saving_changes(store):
    london = ZoneInfo("Europe/London")
    # Clocks go forward at 01:00 GMT on 29 March 2026, back at 01:00 GMT on 25 October.
    add(store, at("2026-03-28", 23, 30, tz=london), mood=1)  # GMT
    add(store, at("2026-03-29", 0, 30, tz=london), mood=2)  # still GMT
    add(store, at("2026-03-29", 23, 30, tz=london), mood=3)  # BST: 22:30 UTC
    add(store, at("2026-10-24", 23, 30, tz=london), mood=4)  # BST: 22:30 UTC
    add(store, at("2026-10-25", 0, 30, tz=london), mood=5)  # BST: 24 October 23:30 UTC
    add(store, at("2026-10-25", 1, 30, tz=london, fold=1), mood=1)  # the second 01:30, GMT
    spring = by_day(store.trends.daily(d("2026-03-28"), d("2026-03-30")))
    assert [(s.entries, s.mood) for s in spring.values()] == [(1, 1.0), (2, 2.5), (0, None)]
    autumn = by_day(store.trends.daily(d("2026-10-24"), d("2026-10-25")))
    assert [(s.entries, s.mood) for s in autumn.values()] == [(1, 4.0), (2, 3.0)]
    assert store.trends.streaks(d("2026-03-30")) == stats.Streaks(2, 2, d("2026-03-29"), False)


# -- kept in step --------------------------------------------------------------------------


def day_tags(store: Store) -> list[tuple]:
    return store.conn.execute(
        "select local_date, tag, entries from day_tags order by 1, 2"
    ).fetchall()


def recomputed(store: Store) -> list[tuple]:
    return store.conn.execute(
        "select e.local_date, t.tag, count(*) from entry_tags t "
        "join entries e on e.id = t.entry_id group by 1, 2 order by 1, 2"
    ).fetchall()


def test_the_days_tags_follow_every_add_edit_move_and_delete(store):
    first = add(store, at("2026-11-01", 8), mood=3, tags=["walk", "sleep"])
    second = add(store, at("2026-11-01", 20), mood=4, tags=["walk"])
    assert day_tags(store) == [("2026-11-01", "sleep", 1), ("2026-11-01", "walk", 2)]
    store.entries.update(first, EntryInput.make(mood=3, tags=["sleep", "swim"]))
    assert day_tags(store) == recomputed(store)
    assert day_tags(store) == [
        ("2026-11-01", "sleep", 1),
        ("2026-11-01", "swim", 1),
        ("2026-11-01", "walk", 1),
    ]
    # Moved to another day with new tags, as `journal edit --at` does.
    store.entries.update(
        second, EntryInput.make(mood=4, tags=["walk", "rain"]), at=at("2026-11-03")
    )
    assert day_tags(store) == recomputed(store)
    assert ("2026-11-01", "walk", 1) not in day_tags(store)
    store.entries.delete(first)
    assert (
        day_tags(store)
        == recomputed(store)
        == [
            ("2026-11-03", "rain", 1),
            ("2026-11-03", "walk", 1),
        ]
    )
    store.entries.delete(second)
    assert day_tags(store) == []


# -- all of it ---------------------------------------------------------------------------


def test_trends_bundles_every_series_for_one_range(store, clock):
    tagged_days(store)
    practise(store, clock, at("2026-11-20", 7), 228, before=6, after=3)
    # The range starts where the journal does (1 November), not 30 days back.
    since = store.trends.first_day()
    assert since == d("2026-11-01") > stats.range_start(30, TODAY)
    trends = store.trends.read(stats.range_start(30, TODAY), TODAY)
    assert trends.since == since
    assert trends.days == store.trends.daily(since, TODAY)
    assert trends.weeks == store.trends.weekly_practice(since, TODAY)
    assert trends.stress_change == store.trends.stress_change(since, TODAY)
    assert trends.practice == store.trends.practice(since, TODAY)
    assert trends.streaks == store.trends.streaks(TODAY)
    assert trends.year == store.trends.year_of_moods(TODAY)
    assert trends.tags == store.trends.tag_comparison(since, TODAY)
    assert len(trends.days) == 24 and not trends.is_empty  # 1 to 24 November
    assert store.trends.read(TODAY, TODAY).is_empty
    # Its read transaction is over: the store writes as before.
    assert not store.conn.in_transaction
    add(store, at("2026-11-24", 9), mood=4)
    assert store.trends.read(TODAY, TODAY).days[0].mood == 4.0


def test_an_empty_journal_gives_gaps_and_zeros_never_errors(store):
    trends = store.trends.read(stats.range_start(7, TODAY), TODAY)
    assert trends.is_empty
    assert [(x.entries, x.mood, x.pmr_minutes) for x in trends.days] == [(0, None, 0)] * 7
    assert [w.sessions for w in trends.weeks] == [0, 0]  # 18-24 November: two ISO weeks
    assert trends.tags == [] and trends.stress_change.mean_change is None
    assert len(trends.year) == 365 and all(x.mood is None for x in trends.year)
    everything = store.trends.read(None, TODAY)
    assert everything.days == [] and everything.weeks == []


def test_stats_imports_no_textual_rich_or_plotext():
    check = (
        "import sys, journal.stats; "
        "print(sorted(m for m in ('textual', 'rich', 'plotext', 'widgets') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
