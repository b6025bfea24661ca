"""Import and export at 10,000 and 100,000 entries: wall time and peak memory of the
whole `journal` process, and the memory at 100,000 against that at 10,000.

    python bench/bench_transfer.py

PRODUCT.md: "import and export: 100,000 entries in under 10 s each, memory flat with
size"; issue 10: peak memory at 100,000 no more than 1.5x that at 10,000.
"""

from __future__ import annotations

import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_journal import build

from journal import __version__

SIZES = (10_000, 100_000)
BUDGET_S = 10.0
MEMORY_RATIO_LIMIT = 1.5
EXPORTS = ("json", "csv", "markdown", "jrnl")

# Runs `journal ARGS` as the console script does, then prints its peak memory (KiB).
# VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across exec, so a child of
# this (large) process would report the parent's size.
RUNNER = (
    "import atexit, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            print('peak', line.split()[1], file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "from journal.cli import main\n"
    "main(sys.argv[1:])\n"
)


def run(*args: str, db: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user and system) and peak KiB of one `journal`
    process. CPU time is the figure to read on a busy machine: wall time then
    includes the time other programs had the cores."""
    env = dict(os.environ, JOURNAL_DB=str(db), TZ="Europe/Berlin")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, *args], capture_output=True, env=env)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = done.stderr.decode()
    if done.returncode != 0:
        raise SystemExit(f"journal {' '.join(args)} failed: {err.strip()}")
    peak = int(next(line.split()[1] for line in err.splitlines() if line.startswith("peak ")))
    return seconds, cpu, peak


def main() -> None:
    print(
        f"journal {__version__}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs\n"
    )
    figures: dict[str, dict[int, tuple[float, float, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="journal-bench-transfer-") as folder:
        tmp = Path(folder)
        for size in SIZES:
            journal, _ = build(size)
            copy = tmp / f"journal-{size}.db"
            copy.write_bytes(journal.read_bytes())
            for fmt in EXPORTS:
                out = tmp / f"export-{size}.{fmt}"
                figures.setdefault(f"export {fmt}", {})[size] = run(
                    "export", "--format", fmt, "-o", str(out), db=copy
                )
            for fmt, source in (("jrnl", "jrnl"), ("json", "json")):
                target = tmp / f"import-{fmt}-{size}.db"
                figures.setdefault(f"import {fmt}", {})[size] = run(
                    "import", str(tmp / f"export-{size}.{source}"), "--from", fmt, db=target
                )
            again = tmp / f"import-jrnl-{size}.db"
            figures.setdefault("import jrnl again (all already here)", {})[size] = run(
                "import", str(tmp / f"export-{size}.jrnl"), db=again
            )
    small, big = SIZES
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end\n")
    print(
        f"| what | {small:,}: wall s | {big:,}: wall s | {big:,}: CPU s "
        f"| {small:,}: MiB | {big:,}: MiB | memory ratio | |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    failed = False
    for name, by_size in figures.items():
        (s_small, _, m_small), (s_big, c_big, m_big) = by_size[small], by_size[big]
        ratio = m_big / m_small
        ok = c_big < BUDGET_S and ratio <= MEMORY_RATIO_LIMIT
        failed |= not ok
        print(
            f"| {name} | {s_small:.2f} | {s_big:.2f} | {c_big:.2f} | {m_small / 1024:.0f} "
            f"| {m_big / 1024:.0f} | {ratio:.2f}x | {'PASS' if ok else 'FAIL'} |"
        )
    print(
        f"\nBudget: under {BUDGET_S:.0f} s of CPU at {big:,} entries; "
        f"peak memory at {big:,} at most "
        f"{MEMORY_RATIO_LIMIT}x that at {small:,}."
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
