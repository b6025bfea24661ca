"""Command-line speed at 100,000 entries, each figure beside a baseline from the same run.

    python bench/bench_cli.py [--runs 9]

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_journal import build

from journal import __version__
from journal.store import EntryQuery, Store

BUDGET_MS = 50.0
ADD_RATIO_LIMIT = 1.10  # "no slower at 100,000 entries than at 100", less the noise
COMMON_WORD = "work"  # in about 1 entry in 6
VERY_COMMON_WORD = "the"  # in about 2 entries in 5: near the worst a search can be
RARE_WORD = "harmonica"
FORBIDDEN = ("textual", "plotext", "textual_plotext")  # never on the command-line path
ADD_ARGS = ["add", "Bench entry: slept badly, long day at work", "-m", "3", "-s", "6"]


class Failed(Exception):
    """A command that did not succeed; its first line of stderr says why."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (at least 7)")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    started = time.perf_counter()
    print(
        f"journal {__version__}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )
    big, big_seconds = build()
    small, _ = build(100, 60)
    built = "cached" if big_seconds is None else f"built in {big_seconds:.1f} s"
    print(f"100,000-entry journal: {big.name} ({built})\n")
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as folder:
        tmp = Path(folder)
        # Copies, so the bench never grows (or locks) the cached journals.
        copies = {name: tmp / f"{name}.db" for name in ("small", "big", "big-add")}
        for name, target in copies.items():
            shutil.copyfile(small if name == "small" else big, target)
        with Store.open(copies["big"]) as store:
            matches = {
                word: store.entries.count(EntryQuery(text=word))
                for word in (COMMON_WORD, VERY_COMMON_WORD, RARE_WORD)
            }
        bench_commands(copies, matches, runs)
        bench_queries(copies["big"], matches, runs * 3)
        bench_imports(copies["big"], runs)
    print(f"\nbench took {time.perf_counter() - started:.0f} s")


# -- commands -----------------------------------------------------------------------


def journal_command() -> list[str]:
    """The installed console script if it is beside this Python, else `python -m journal`."""
    script = Path(sys.executable).with_name("journal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "journal"]


def bench_commands(copies: dict[str, Path], matches: dict[str, int], runs: int) -> None:
    journal = journal_command()
    at = {name: ["--db", str(path)] for name, path in copies.items()}
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "journal --version": [*journal, "--version"],
        "journal add, 100 entries": [*journal, *at["small"], *ADD_ARGS],
        "journal add, 100,000 entries": [*journal, *at["big-add"], *ADD_ARGS],
        "journal list -n 20": [*journal, *at["big"], "list", "-n", "20"],
        f"journal list --search {COMMON_WORD} ({matches[COMMON_WORD]:,} matches)": [
            *journal,
            *at["big"],
            "list",
            "--search",
            COMMON_WORD,
        ],
        f"journal list --search {RARE_WORD} ({matches[RARE_WORD]:,} matches)": [
            *journal,
            *at["big"],
            "list",
            "--search",
            RARE_WORD,
        ],
    }
    medians = timed_commands(cases, runs)
    python, version = medians["python -c pass"], medians["journal --version"]
    print(f"Command line: wall time of one process, median of {runs} interleaved runs")
    rows = []
    for name, median in medians.items():
        rows.append(
            [
                name,
                ms(median),
                "" if median is None or name == "python -c pass" else plus(median, python),
                ""
                if median is None or "journal" not in name or "version" in name
                else plus(median, version),
            ]
        )
    table(["", "median", "over python -c pass", "over journal --version"], rows)
    small, large = medians["journal add, 100 entries"], medians["journal add, 100,000 entries"]
    if small is None or large is None:
        print("journal add at 100,000 vs 100 entries: FAIL (a command failed)")
    else:
        ratio = large / small
        verdict = "PASS" if ratio <= ADD_RATIO_LIMIT else "FAIL"
        print(
            f"journal add at 100,000 vs 100 entries: {ratio:.2f}x "
            f"({(large - small) * 1000:+.1f} ms) "
            f"{verdict} (at most {ADD_RATIO_LIMIT:.2f}x)"
        )


def timed_commands(cases: dict[str, list[str]], runs: int) -> dict[str, float | None]:
    """Median seconds per command; the commands take turns so drift hits all alike."""
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("JOURNAL_DB", None)
    times: dict[str, list[float]] = {name: [] for name in cases}
    broken: dict[str, str] = {}
    for run in range(runs + 1):
        for name, command in cases.items():
            if name in broken:
                continue
            try:
                seconds = run_once(command, env)
            except Failed as exc:
                broken[name] = str(exc)
                continue
            if run:  # the first round only warms the caches
                times[name].append(seconds)
    for name, why in broken.items():
        print(f"FAIL {name}: {why}")
    return {name: statistics.median(t) if t else None for name, t in times.items()}


def run_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip().splitlines()
        raise Failed(f"exit {done.returncode}: {why[-1] if why else 'no message'}")
    return seconds


# -- queries ------------------------------------------------------------------------


def bench_queries(path: Path, matches: dict[str, int], runs: int) -> None:
    common, work = EntryQuery(text=COMMON_WORD), EntryQuery(tags=("work",))
    with Store.open(path) as store:
        # Where the pages start: an Entry is plain data, usable with any Store.
        deep = store.entries.find(limit=5_000)[-1]
        first_hits = store.entries.find(common, limit=20)[-1]
        tenth_work_page = store.entries.find(work, limit=200)[-1]
    # A fresh connection for the timings: its cache starts cold, as in a new process.
    with Store.open(path) as store:
        queries: dict[str, Callable[[], object]] = {
            "newest 20, no filter (baseline)": lambda: store.entries.find(limit=20),
            f"search {COMMON_WORD!r} ({matches[COMMON_WORD]:,}), first 20": lambda: (
                store.entries.find(common, limit=20)
            ),
            f"search {VERY_COMMON_WORD!r} ({matches[VERY_COMMON_WORD]:,}), first 20": lambda: (
                store.entries.find(EntryQuery(text=VERY_COMMON_WORD), limit=20)
            ),
            f"search {RARE_WORD!r} ({matches[RARE_WORD]:,}), first 20": lambda: store.entries.find(
                EntryQuery(text=RARE_WORD), limit=20
            ),
            f"count search {COMMON_WORD!r}": lambda: store.entries.count(common),
            f"count search {VERY_COMMON_WORD!r}": lambda: store.entries.count(
                EntryQuery(text=VERY_COMMON_WORD)
            ),
            f"count search {RARE_WORD!r}": lambda: store.entries.count(EntryQuery(text=RARE_WORD)),
            "tag #work, first 20": lambda: store.entries.find(work, limit=20),
            "count tag #work": lambda: store.entries.count(work),
            f"search {COMMON_WORD!r} + tag #sleep, first 20": lambda: store.entries.find(
                EntryQuery(text=COMMON_WORD, tags=("sleep",)), limit=20
            ),
            "count all entries": lambda: store.entries.count(),
            "page after the 5,000th entry": lambda: store.entries.find(limit=20, after=deep),
            f"search {COMMON_WORD!r}, second page (after=)": lambda: store.entries.find(
                common, limit=20, after=first_hits
            ),
            "tag #work, 11th page (after=)": lambda: store.entries.find(
                work, limit=20, after=tenth_work_page
            ),
            "tag_counts()": store.entries.tag_counts,
        }
        results = {name: timed_call(query, runs) for name, query in queries.items()}
    baseline = results["newest 20, no filter (baseline)"]
    print(f"\nIn-process queries at 100,000 entries: median of {runs} (budget {BUDGET_MS:.0f} ms)")
    rows = []
    for name, result in results.items():
        if isinstance(result, str):
            rows.append([name, "error", "", "", f"FAIL {result}"])
            continue
        first, median = result
        ratio = (
            ""
            if isinstance(baseline, str) or result is baseline
            else (f"{median / baseline[1]:.1f}x")
        )
        verdict = "PASS" if median < BUDGET_MS / 1000 else "FAIL"
        rows.append([name, ms(first), ms(median), ratio, verdict])
    table(["", "first call", "median", "x baseline", f"< {BUDGET_MS:.0f} ms"], rows)


def timed_call(query: Callable[[], object], runs: int) -> tuple[float, float] | str:
    """(first call, median of the rest) in seconds, or what went wrong."""
    times = []
    try:
        for _ in range(runs + 1):
            start = time.perf_counter()
            query()
            times.append(time.perf_counter() - start)
    except Exception as exc:  # reported as FAIL on its line; the bench goes on
        return f"{type(exc).__name__}: {exc}"
    return times[0], statistics.median(times[1:])


# -- imports ------------------------------------------------------------------------

_PROBE = """
import json, sys
import journal.cli
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""

_LIST_PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})),
                              file=sys.stderr))
from journal.cli import main
main(["--db", sys.argv[1], "list", "-n", "20"])
"""


def bench_imports(path: Path, runs: int) -> None:
    print(f"\nImports of the command-line path, median of {runs}")
    cumulative, loaded = [], None
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", _PROBE],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"FAIL import journal.cli: {done.stderr.strip().splitlines()[-1:]}")
            return
        loaded = set(json.loads(done.stdout))
        for line in done.stderr.splitlines():
            if line.rstrip().endswith("| journal.cli"):
                cumulative.append(int(line.split("|")[1]) / 1e6)
    medians = timed_commands(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import journal.cli'": [sys.executable, "-c", "import journal.cli"],
        },
        runs,
    )
    python, cli = medians["python -c pass"], medians["python -c 'import journal.cli'"]
    table(
        ["", "median", "over python -c pass"],
        [
            [
                "python -X importtime: journal.cli cumulative",
                ms(statistics.median(cumulative)) if cumulative else "?",
                "",
            ],
            ["python -c pass", ms(python), ""],
            [
                "python -c 'import journal.cli'",
                ms(cli),
                plus(cli, python) if cli and python else "",
            ],
        ],
    )
    report_modules("import journal.cli", loaded or set())
    done = subprocess.run(
        [sys.executable, "-c", _LIST_PROBE, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stderr.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(f"FAIL journal list -n 20 (in one process): {lines[-1:] or done.returncode}")
        return
    report_modules("journal list -n 20, whole run", set(json.loads(lines[-1])))


def report_modules(what: str, loaded: set[str]) -> None:
    bad = [name for name in FORBIDDEN if name in loaded]
    verdict = f"FAIL: {', '.join(bad)} imported" if bad else "PASS: no textual, plotext"
    rich = " (rich is imported)" if "rich" in loaded else ""
    print(f"{what}: {verdict}{rich}")


# -- output -------------------------------------------------------------------------


def ms(seconds: float | None) -> str:
    return "failed" if seconds is None else f"{seconds * 1000:.1f} ms"


def plus(value: float, baseline: float | None) -> str:
    if baseline is None:
        return ""
    return f"{(value - baseline) * 1000:+.1f} ms ({value / baseline:.2f}x)"


def table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [str(c).rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


if __name__ == "__main__":
    main()
