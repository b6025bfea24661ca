"""Trends series at 100,000 entries and 5,000 sessions, each against the 50 ms budget.

    python bench/bench_stats.py [--runs 15]

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench_cli import ms, table
from make_journal import END, build

from journal import __version__, stats
from journal.store import Store

BUDGET_MS = 50.0
SESSIONS_WANTED = 5_000
REPORT_WIDTH = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (at least 7)")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    started = time.perf_counter()
    print(
        f"journal {__version__}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )
    big, seconds = build()
    built = "cached" if seconds is None else f"built in {seconds:.1f} s"
    print(f"journal: {big.name} ({built})")
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as folder:
        # A copy: opening a journal may write beside it (-wal, -shm), never the cache.
        copy = Path(folder) / "big.db"
        shutil.copyfile(big, copy)
        with Store.open(copy) as store:
            describe(store)
        # A fresh connection for the timings: its page cache starts cold, as in a
        # new process. "Today" is the journal's last day: 365 days are a full year.
        with Store.open(copy, clock=lambda: END) as store:
            until = store.clock().date()
            bench_series(store, until, runs)
            bench_report(store, until, runs)
    print(f"\nbench took {time.perf_counter() - started:.0f} s")


def describe(store: Store) -> None:
    entries = store.entries.count()
    sessions = store.conn.execute("select count(*) from sessions").fetchone()[0]
    note = "" if sessions >= SESSIONS_WANTED else f"  NOTE: fewer than {SESSIONS_WANTED:,}"
    print(f"{entries:,} entries, {sessions:,} sessions, today = {END.date()}{note}")


# -- the series ---------------------------------------------------------------------------


def series_calls(store: Store, since: date | None, until: date) -> dict[str, Callable[[], object]]:
    return {
        "daily (means, rolling means, minutes)": lambda: store.trends.daily(since, until),
        "weekly_practice": lambda: store.trends.weekly_practice(since, until),
        "stress_change (each session)": lambda: store.trends.stress_change(since, until),
        "practice (pmr totals)": lambda: store.trends.practice(since, until),
        "streaks (all time)": lambda: store.trends.streaks(until),
        "year_of_moods (365 days)": lambda: store.trends.year_of_moods(until),
        "tag_comparison": lambda: store.trends.tag_comparison(since, until),
        "first_day": lambda: store.trends.first_day(),
    }


def bench_series(store: Store, until: date, runs: int) -> None:
    year = stats.range_start(365, until)
    baseline = timed_call(lambda: store.entries.find(limit=20), runs)
    results = {
        name: (timed_call(year_call, runs), timed_call(all_call, runs))
        for (name, year_call), all_call in zip(
            series_calls(store, year, until).items(),
            series_calls(store, None, until).values(),
            strict=True,
        )
    }
    bundle = (
        timed_call(lambda: store.trends.read(year, until), runs),
        timed_call(lambda: store.trends.read(None, until), runs),
    )
    print(
        f"\nSeries, in process: first call and median of {runs} "
        f"(budget {BUDGET_MS:.0f} ms each; baseline: newest 20 entries, "
        f"median {ms(baseline[1])})"
    )
    rows = []
    failed = 0
    for name, (in_year, in_all) in results.items():
        verdicts = [verdict(r) for r in (in_year, in_all)]
        failed += verdicts.count("FAIL")
        rows.append([name, *cells(in_year), *cells(in_all), " ".join(sorted(set(verdicts)))])
    rows.append(["trends(): all of the above (info)", *cells(bundle[0]), *cells(bundle[1]), ""])
    table(
        ["", "365 d first", "365 d median", "all first", "all median", f"< {BUDGET_MS:.0f} ms"],
        rows,
    )
    print("every series under the budget: " + ("PASS" if not failed else f"FAIL ({failed})"))


def bench_report(store: Store, until: date, runs: int) -> None:
    """What `journal stats` adds on top: plotext drawing the charts (information)."""
    from journal.cli.report import report

    print(f"\n`journal stats` text at {REPORT_WIDTH} columns (plotext), median of {runs}")
    rows = []
    for label, since in (("365 days", stats.range_start(365, until)), ("all time", None)):
        trends = store.trends.read(since, until)
        first, median = timed_call(lambda t=trends: report(t, REPORT_WIDTH), runs)
        rows.append([f"report(), {label}, {len(trends.days):,} days", ms(first), ms(median)])
    table(["", "first call", "median"], rows)


# -- timing and output -------------------------------------------------------------------


def timed_call(call: Callable[[], object], runs: int) -> tuple[float, float]:
    """(first call, median of the `runs` after it) in seconds."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def verdict(result: tuple[float, float]) -> str:
    return "PASS" if result[1] * 1000 < BUDGET_MS else "FAIL"


def cells(result: tuple[float, float]) -> list[str]:
    return [ms(result[0]), ms(result[1])]


if __name__ == "__main__":
    sys.exit(main())
