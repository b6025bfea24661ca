"""`journal serve`: from opening the page to the journal on screen, beside the same
app started in a terminal, both on the 100,000-entry journal, in the same run.

    python bench/bench_serve.py [--runs 5]

Needs /usr/bin/chromium and playwright (the test extra). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_app import Marker, marker_for, run_in_terminal
from bench_cli import journal_command, ms, table
from make_journal import build

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.serve.helpers import screen_text, serving

CHROMIUM = "/usr/bin/chromium"
TIMEOUT = 60.0
VIEWPORT = {"width": 1000, "height": 640}  # about 110x30 cells in textual-serve's font


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (at least 3)")
    runs = max(parser.parse_args().runs, 3)
    big, _ = build()
    with tempfile.TemporaryDirectory(prefix="journal-bench-serve-") as folder:
        copy = Path(folder) / "big.db"
        shutil.copyfile(big, copy)
        marker = marker_for(copy)
        print(f"100,000-entry journal; until {marker.what}; {os.cpu_count()} CPUs\n")
        terminal: list[float] = []
        browser: list[tuple[float, float, float]] = []
        from playwright.sync_api import sync_playwright

        with serving(copy) as served, sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM)
            page_in_browser(chromium, served.url, marker)  # warm-up: caches, the OS's too
            for _ in range(runs):  # taking turns: a slow moment hits both alike
                run = run_in_terminal([*journal_command(), "--db", str(copy)], marker, {})
                if run.seconds is None:
                    raise SystemExit(f"terminal: {run.problem}")
                terminal.append(run.seconds)
                browser.append(page_in_browser(chromium, served.url, marker))
            chromium.close()
    base = statistics.median(terminal)
    rows = [["app in a terminal: start to the newest entries (baseline)", ms(base), "1.00x"]]
    for i, what in enumerate(
        (
            "browser: opening the page to the page loaded",
            "browser: opening the page to the app's first byte",
            "browser: opening the page to the newest entries",
        )
    ):
        figure = statistics.median(run[i] for run in browser)
        rows.append([what, ms(figure), f"{figure / base:.2f}x"])
    table(["median of " + str(runs), "time", "x baseline"], rows)


def page_in_browser(chromium, url: str, marker: Marker) -> tuple[float, float, float]:
    """A new tab (no cookie yet): seconds to the page's load event, to the app's first
    frame and to the marker on screen. The tab's app ends with its context."""
    context = chromium.new_context(viewport=VIEWPORT)
    page = context.new_page()
    frames: list[bytes | str] = []
    first: list[float] = []

    def received(frame: bytes | str) -> None:
        if isinstance(frame, bytes) and not first:
            first.append(time.perf_counter())
        frames.append(frame)

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    start = time.perf_counter()
    page.goto(url)
    loaded = time.perf_counter() - start
    while not marker.pattern.search(screen_text(frames)):
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"browser: {marker.what} not on screen after {TIMEOUT:.0f} s")
        page.wait_for_timeout(10)
    shown = time.perf_counter() - start
    context.close()
    return loaded, first[0] - start, shown


if __name__ == "__main__":
    main()
