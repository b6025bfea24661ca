"""The read models behind Trends and `journal stats`: each series computed in SQL and
returned as the plain data of journal.stats."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from journal.stats import MIN_TAG_DAYS, ROLLING_DAYS, rolling_means
from journal.stats.figures import (
    Day,
    MoodDay,
    Practice,
    SessionStress,
    Streaks,
    StressChange,
    TagComparison,
    Trends,
    Week,
)

if TYPE_CHECKING:
    from journal.store.connection import JournalFile


# Each day's means from its figures (day_figures.py): what avg() over the day's
# entries gives, read from one row a day.
MOOD_AVG = "case when mood_count > 0 then cast(mood_sum as real) / mood_count end"
STRESS_AVG = "case when stress_count > 0 then cast(stress_sum as real) / stress_count end"


class TrendQueries:
    """`store.trends`: every Trends series for a range of local days (`since` None:
    from the journal's first day)."""

    def __init__(self, file: JournalFile) -> None:
        self._file = file

    def read(self, since: date | None, until: date) -> Trends:
        """Every series for one range, from one snapshot of the journal: another
        program's write cannot land between two of the charts. The range starts no
        earlier than the journal does: 365 days of a journal a month old are that
        month, not eleven months of empty axis and "5 of 365 days written"."""
        with self._file.snapshot() as conn:
            first = _first_day(conn)
            if since is not None and first is not None:
                since = max(since, first)
            return Trends(
                since=since,
                until=until,
                days=daily(conn, since, until),
                weeks=weekly_practice(conn, since, until),
                stress_change=stress_change(conn, since, until),
                practice=practice(conn, since, until),
                streaks=streaks(conn, until),
                year=year_of_moods(conn, until),
                tags=tag_comparison(conn, since, until),
            )

    def first_day(self) -> date | None:
        """The first local day with an entry, a session or a check-in; None in an empty
        journal."""
        with self._file.reading() as conn:
            return first_day(conn)

    def daily(self, since: date | None, until: date) -> list[Day]:
        with self._file.reading() as conn:
            return daily(conn, since, until)

    def weekly_practice(self, since: date | None, until: date) -> list[Week]:
        with self._file.reading() as conn:
            return weekly_practice(conn, since, until)

    def stress_change(self, since: date | None, until: date) -> StressChange:
        with self._file.reading() as conn:
            return stress_change(conn, since, until)

    def practice(self, since: date | None, until: date) -> Practice:
        with self._file.reading() as conn:
            return practice(conn, since, until)

    def streaks(self, until: date) -> Streaks:
        with self._file.reading() as conn:
            return streaks(conn, until)

    def year_of_moods(self, until: date) -> list[MoodDay]:
        with self._file.reading() as conn:
            return year_of_moods(conn, until)

    def tag_comparison(
        self, since: date | None, until: date, *, min_days: int = MIN_TAG_DAYS
    ) -> list[TagComparison]:
        with self._file.reading() as conn:
            return tag_comparison(conn, since, until, min_days=min_days)


# -- the series --------------------------------------------------------------------------


def daily(conn: sqlite3.Connection, since: date | None, until: date) -> list[Day]:
    """Every day from `since` (or the first day with data) to `until`, gaps included.

    A day without entries has 0 entries and None means: a gap, never a zero.
    The rolling means (journal.stats.rolling_means): on every day D whose window
    [D-6, D] holds a day with a value, the mean of those days' means (the days
    before `since` count too); None only where the whole window is empty, so the
    line runs on across a day or two without entries.
    """
    start = since or _first_day(conn)
    if start is None or start > until:
        return []
    window_start = start - timedelta(days=ROLLING_DAYS - 1)
    # Each day's figures, kept by triggers (m009): a row a day, not a row an entry.
    per_day = conn.execute(
        f"""
        select local_date, entries, {MOOD_AVG}, {STRESS_AVG}
        from day_figures where local_date between :from and :until
        """,
        {"from": window_start.isoformat(), "until": until.isoformat()},
    ).fetchall()
    found = {day: (n, mood, stress) for day, n, mood, stress in per_day}
    # From the window's start: the first days' means look back before `start`.
    every_day = list(_days(window_start, until))
    figures = [found.get(day.isoformat(), (0, None, None)) for day in every_day]
    mood_rolling = rolling_means([mood for _, mood, _ in figures], ROLLING_DAYS)
    stress_rolling = rolling_means([stress for _, _, stress in figures], ROLLING_DAYS)
    seconds_by_day = dict(
        conn.execute(
            "select local_date, sum(seconds) from sessions "
            "where local_date between ? and ? group by local_date",
            [start.isoformat(), until.isoformat()],
        ).fetchall()
    )
    skip = ROLLING_DAYS - 1
    return [
        Day(
            day,
            n,
            mood,
            stress,
            mood_mean,
            stress_mean,
            seconds_by_day.get(day.isoformat(), 0) / 60,
        )
        for day, (n, mood, stress), mood_mean, stress_mean in zip(
            every_day[skip:],
            figures[skip:],
            mood_rolling[skip:],
            stress_rolling[skip:],
            strict=True,
        )
    ]


def weekly_practice(conn: sqlite3.Connection, since: date | None, until: date) -> list[Week]:
    """Relaxation minutes and sessions per ISO week, every week from the one that
    holds `since` (or the first day with data) to the one that holds `until`.

    Weeks are counted whole, so the first bar of a range is not cut short by where
    the range began; the current week runs up to `until`. A week without sessions
    is a real 0 minutes.
    """
    start = since or _first_day(conn)
    if start is None or start > until:
        return []
    first_monday = _monday(start)
    rows = conn.execute(
        """
        select date(local_date, '-6 days', 'weekday 1') as monday,
               count(*), sum(completed), sum(seconds)
        from sessions where local_date between ? and ?
        group by monday
        """,
        [first_monday.isoformat(), until.isoformat()],
    ).fetchall()
    found = {monday: (n, done, seconds) for monday, n, done, seconds in rows}
    weeks = []
    monday = first_monday
    while monday <= until:
        n, done, seconds = found.get(monday.isoformat(), (0, 0, 0))
        weeks.append(Week(monday, n, done, seconds / 60))
        monday += timedelta(days=7)
    return weeks


def stress_change(conn: sqlite3.Connection, since: date | None, until: date) -> StressChange:
    """Stress before and after each session rated both times, and the mean change."""
    rows = conn.execute(
        """
        select id, local_date, stress_before, stress_after from sessions
        where local_date between ? and ?
          and stress_before is not null and stress_after is not null
        order by started_utc, id
        """,
        [_from(since), until.isoformat()],
    ).fetchall()
    sessions = [
        SessionStress(session_id, date.fromisoformat(day), before, after)
        for session_id, day, before, after in rows
    ]
    mean = sum(s.change for s in sessions) / len(sessions) if sessions else None
    return StressChange(sessions, mean)


def practice(conn: sqlite3.Connection, since: date | None, until: date) -> Practice:
    """How many sessions, how many completed, minutes, and the mean stress change."""
    n, done, seconds, rated, change = conn.execute(
        """
        select count(*), coalesce(sum(completed), 0), coalesce(sum(seconds), 0),
               count(stress_after - stress_before), avg(stress_after - stress_before)
        from sessions where local_date between ? and ?
        """,
        [_from(since), until.isoformat()],
    ).fetchone()
    return Practice(n, done, seconds / 60, rated, change)


def streaks(conn: sqlite3.Connection, until: date) -> Streaks:
    """The current and the longest run of days with an entry, up to `until`.

    A streak is about the whole journal, so it takes no start: a 40-day run is 40
    days in the 7-day view too. The current run ends today, or yesterday while
    today has no entry yet: in the morning, before writing, it is not broken.
    """
    # Consecutive days minus their rank is the same number along a run.
    runs = conn.execute(
        """
        with days as (select local_date from day_figures where local_date <= ?)
        select count(*), max(local_date) from (
            select local_date,
                   julianday(local_date) - row_number() over (order by local_date) as run
            from days
        )
        group by run
        """,
        [until.isoformat()],
    ).fetchall()
    ends = {date.fromisoformat(last): length for length, last in runs}
    today_written = until in ends
    current = ends.get(until) or ends.get(until - timedelta(days=1), 0)
    longest, longest_end = max(((length, end) for end, length in ends.items()), default=(0, None))
    return Streaks(current, longest, longest_end, today_written)


def year_of_moods(conn: sqlite3.Connection, until: date) -> list[MoodDay]:
    """The 365 days (366 across a 29 February) ending on `until`, for a year in pixels."""
    start = _year_before(until) + timedelta(days=1)
    rows = conn.execute(
        f"select local_date, {MOOD_AVG}, entries from day_figures where local_date between ? and ?",
        [start.isoformat(), until.isoformat()],
    ).fetchall()
    found = {day: (mood, n) for day, mood, n in rows}
    return [MoodDay(day, *found.get(day.isoformat(), (None, 0))) for day in _days(start, until)]


def tag_comparison(
    conn: sqlite3.Connection, since: date | None, until: date, *, min_days: int = MIN_TAG_DAYS
) -> list[TagComparison]:
    """Each tag on at least `min_days` days, with at least `min_days` days without it.

    See TagComparison for what counts as a day with and without. Tags that go with
    a better mood come first.
    """
    # The first row holds the totals over all days; "without" is totals minus "with".
    # Aliases differ from the column names on purpose: in HAVING, SQLite reads a
    # name that is both a column and an alias as the column.
    rows = conn.execute(
        f"""
        with days as materialized (
            select local_date, {MOOD_AVG} as mood_avg, {STRESS_AVG} as stress_avg
            from day_figures where local_date between :from and :until
              and (mood_count > 0 or stress_count > 0)
        )
        select null, count(*), sum(mood_avg), count(mood_avg),
               sum(stress_avg), count(stress_avg)
        from days
        union all
        select t.tag, count(*), sum(d.mood_avg), count(d.mood_avg),
               sum(d.stress_avg), count(d.stress_avg)
        from days d join day_tags t on t.local_date = d.local_date
        group by t.tag
        """,
        {"from": _from(since), "until": until.isoformat()},
    ).fetchall()
    (_, all_days, mood_sum, mood_days, stress_sum, stress_days), *per_tag = rows
    found = []
    for tag, days, tag_mood_sum, tag_mood_days, tag_stress_sum, tag_stress_days in per_tag:
        if days < min_days or all_days - days < min_days:
            continue
        found.append(
            TagComparison(
                tag=tag,
                days_with=days,
                days_without=all_days - days,
                mood_with=_mean(tag_mood_sum, tag_mood_days),
                mood_without=_mean(
                    (mood_sum or 0) - (tag_mood_sum or 0), mood_days - tag_mood_days
                ),
                stress_with=_mean(tag_stress_sum, tag_stress_days),
                stress_without=_mean(
                    (stress_sum or 0) - (tag_stress_sum or 0), stress_days - tag_stress_days
                ),
            )
        )
    found.sort(key=lambda c: (c.mood_difference is None, -(c.mood_difference or 0), c.tag))
    return found


# -- helpers -----------------------------------------------------------------------------


def first_day(conn: sqlite3.Connection) -> date | None:
    """The first local day with an entry, a session or a check-in; None in an empty
    journal."""
    return _first_day(conn)


def _first_day(conn: sqlite3.Connection) -> date | None:
    # Each a min() on an index: a lookup, not a scan.
    first = conn.execute(
        "select min(d) from (select min(local_date) as d from entries "
        "union all select min(local_date) from sessions "
        "union all select min(local_date) from checkins)"
    ).fetchone()[0]
    return date.fromisoformat(first) if first else None


def _from(since: date | None) -> str:
    # '' sorts before every date: no lower bound.
    return since.isoformat() if since else ""


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: a year before is the 28th
        return day.replace(year=day.year - 1, day=28)


def _mean(total: float | None, count: int) -> float | None:
    return total / count if count and total is not None else None
