"""The Trends screen in a real terminal at 100,000 entries and 5,000 sessions: time
from a key press until the charts are drawn, beside the time `?` takes to show help.

    python bench/bench_trends.py [--runs 5]

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from bench_cli import journal_command
from bench_relax import Terminal
from make_journal import build

from journal import stats
from journal.store import Store

HELP_MARKER = "escape closes"


def range_marker(store: Store, days: int | None) -> str:
    """The header's date span for that range, as the screen writes it with the
    charts (journal/screens/trends.py, _draw)."""
    until = store.clock().date()
    figures = store.trends.read(stats.range_start(days, until), until)
    first, last = figures.days[0].day, figures.days[-1].day
    return f"{first:%d %b %Y} – {last:%d %b %Y}"


def one_run(path: Path, env: dict[str, str], markers: dict[str, str]) -> dict[str, float]:
    term = Terminal([*journal_command(), "--db", str(path)], env)
    times: dict[str, float] = {}
    try:
        term.wait_for("Search", timeout=60)  # the footer: the list is on screen
        term.idle(1.0)  # the footer, the detail pane, the warm-up
        pressed = term.send("?")
        times["? (help, baseline)"] = term.wait_for(HELP_MARKER) - pressed
        term.send("\x1b")
        term.idle(0.5)
        pressed = term.send("t")
        times["t (Trends, 30 days)"] = term.wait_for(markers["t"]) - pressed
        term.idle(0.5)
        for key, label in (("4", "4 (365 days)"), ("5", "5 (all time)")):
            pressed = term.send(key)
            # The header's dates are drawn in the same refresh as the charts.
            times[label] = term.wait_for(markers[key]) - pressed
            term.idle(0.5)
    finally:
        term.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    big, _ = build()
    with tempfile.TemporaryDirectory(prefix="bench-trends-") as folder:
        copy = Path(folder) / "big.db"
        shutil.copyfile(big, copy)
        with Store.open(copy) as store:
            markers = {
                "t": range_marker(store, 30),
                "4": range_marker(store, 365),
                "5": range_marker(store, None),
            }
            entries, sessions = store.entries.count(), len(store.sessions.recent(limit=None))
        env = {**os.environ, "TERM": "xterm-256color", "HOME": folder}
        runs = [one_run(copy, env, markers) for _ in range(args.runs)]
    print(f"Trends at {entries:,} entries and {sessions:,} sessions, {args.runs} runs, 100x30")
    print("key pressed until drawn (median, min-max):")
    baseline = statistics.median(r["? (help, baseline)"] for r in runs)
    for label in runs[0]:
        values = [r[label] for r in runs]
        median = statistics.median(values)
        print(
            f"  {label:<22} {median * 1000:7.1f} ms  ({min(values) * 1000:.0f}-"
            f"{max(values) * 1000:.0f})  {median / baseline:5.2f}x help"
        )


if __name__ == "__main__":
    main()
