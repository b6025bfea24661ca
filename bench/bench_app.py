"""App start at 100,000 entries beside a bare Textual app, both in a real terminal.

    python bench/bench_app.py [--runs 9]

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import fcntl
import os
import platform
import re
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bench_cli import journal_command, ms, table
from make_journal import build

from journal import __version__
from journal.models import mood_word
from journal.store import Store

LIMIT = 1.5  # PRODUCT.md: at most 1.5x the bare app's first paint, and its memory
COLUMNS, ROWS = 100, 30
TIMEOUT = 30.0  # seconds from spawn to the marker on screen; then the run is a FAIL
QUIT_TIMEOUT = 10.0  # seconds from `q` to the process gone; then it is killed
TOP_IMPORTS = 8
BASELINE = "bare Textual app (baseline)"
BARE_MARKER = "Bare Textual app"
# The first line of the Journal screen's greeting (journal/screens/journal.py, WELCOME).
WELCOME_MARKER = "Welcome to your journal"
# A marker is a prefix of a title made of these only: text one style run long, so
# Textual writes it in one piece, never split by an escape sequence.
_PLAIN = re.compile(r"[\w ,.'-]+")
MARKER_CHARS = 15
# What a terminal would take as a control sequence rather than text: CSI, OSC, DCS /
# APC / PM / SOS strings, charset choices, other two-byte escapes; then C0 controls.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^X][^\x1b]*\x1b\\"
    r"|\x1b[()*+][ -~]"
    r"|\x1b[ -',-OQ-WYZ\\`-~]"  # not the first byte of the longer ones above
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

BARE_APP = """
import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(sys.argv[1])


Bare().run()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (at least 7)")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    started = time.perf_counter()
    # Not `import textual`: the bench's own memory would count in its children's
    # ru_maxrss (see `floor` below).
    print(
        f"journal {__version__}, Textual {metadata.version('textual')}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"terminal {COLUMNS}x{ROWS} TERM=xterm-256color"
    )
    big, big_seconds = build()
    small, _ = build(100, 60)
    built = "cached" if big_seconds is None else f"built in {big_seconds:.1f} s"
    print(f"100,000-entry journal: {big.name} ({built})\n")
    with tempfile.TemporaryDirectory(prefix="journal-bench-app-") as folder:
        tmp = Path(folder)
        # Copies, so the app never writes (settings, WAL) to the cached journals.
        copies = {
            "journal, 100,000 entries": tmp / "big.db",
            "journal, 100 entries": tmp / "small.db",
            "journal, empty": tmp / "empty.db",
        }
        shutil.copyfile(big, copies["journal, 100,000 entries"])
        shutil.copyfile(small, copies["journal, 100 entries"])
        Store.open(copies["journal, empty"]).close()  # a new journal: schema, no entries
        bare = tmp / "bare_app.py"
        bare.write_text(BARE_APP)
        journal = journal_command()
        cases = {BASELINE: ([sys.executable, str(bare), BARE_MARKER], Marker.text(BARE_MARKER))}
        for name, path in copies.items():
            marker = marker_for(path)
            cases[name] = ([*journal, "--db", str(path)], marker)
            print(f"{name}: until {marker.what}")
        print()
        bench_start(cases, runs)
    print()
    bench_imports(runs)
    print(f"\nbench took {time.perf_counter() - started:.0f} s")


@dataclass
class Marker:
    """What to wait for on screen: a pattern over the text, and its description."""

    pattern: re.Pattern[str]
    what: str

    @classmethod
    def text(cls, text: str, what: str = "") -> Marker:
        return cls(re.compile(re.escape(text)), what or repr(text))


def marker_for(path: Path) -> Marker:
    """The newest entry's row in the list: its day and time, then its mood.

    The detail pane writes the date out in full, so only the row matches.
    """
    with Store.open(path) as store:
        newest = store.entries.find(limit=1)
    if not newest:
        return Marker.text(WELCOME_MARKER, f"{WELCOME_MARKER!r}, the empty journal's greeting")
    entry = newest[0]
    moment = entry.created_at
    # As widgets/entry_list.py writes a row; "Today" should the bench run that day.
    when = f"(?:{moment:%a %d}|Today) {moment:%H:%M}"
    mood = mood_word(entry.mood) or "·"
    return Marker(
        re.compile(rf"{when} +{re.escape(mood)}"),
        f"the row of the newest entry: '{moment:%a %d %H:%M} {mood}'",
    )


# -- start-up in a terminal ---------------------------------------------------------


@dataclass
class Run:
    seconds: float | None  # spawn to marker on screen; None: never seen
    first_output: float | None  # spawn to the first byte written to the terminal
    max_rss_kib: int  # peak resident memory, from wait4's rusage
    hwm_kib: int | None  # VmHWM from /proc when the marker was seen
    problem: str = ""  # what went wrong, if anything


class ScreenText:
    """What a program wrote to its terminal, as text: escape sequences taken out."""

    LOOK_BACK = 200  # a match may start this far before the newest text

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._held = ""  # an escape sequence not yet complete
        self.text = ""
        self.received = 0  # bytes

    def feed(self, data: bytes) -> None:
        self.received += len(data)
        chunk = self._held + self._decoder.decode(data)
        self._held = ""
        last = chunk.rfind("\x1b")
        if last >= 0 and not _ESCAPE.match(chunk, last) and len(chunk) - last < 4096:
            chunk, self._held = chunk[:last], chunk[last:]
        self.text += _CONTROL.sub("", _ESCAPE.sub("", chunk))

    def shows(self, marker: Marker, since: int) -> bool:
        """Whether the marker is in the text; `since` is how long it was when last asked."""
        return marker.pattern.search(self.text, max(0, since - self.LOOK_BACK)) is not None

    def tail(self) -> str:
        return " ".join(self.text.split())[-300:]


def run_in_terminal(command: list[str], marker: Marker, env: dict[str, str]) -> Run:
    """Start the program in a pseudo-terminal, time it until the marker is on screen,

    press q, and collect its peak memory. The process never outlives this call.
    """
    screen = ScreenText()
    proc = None
    reaped = False
    start = time.perf_counter()
    proc, master = spawn_in_terminal(command, env)
    try:
        seconds = first_output = hwm = None
        deadline = start + TIMEOUT
        open_ = True
        while seconds is None and open_ and time.perf_counter() < deadline:
            since = len(screen.text)
            open_ = _read(master, screen, deadline)
            if first_output is None and screen.received:
                first_output = time.perf_counter() - start
            if screen.shows(marker, since):
                seconds = time.perf_counter() - start
                hwm = _high_water_mark(proc.pid)
        problem = ""
        if seconds is None:
            why = f"not on screen after {TIMEOUT:.0f} s" if open_ else "the program ended first"
            problem = f"timeout: {marker.what} {why}; last text: {screen.tail()!r}"
        if open_ and seconds is not None:
            with contextlib.suppress(OSError):  # it may be gone already
                os.write(master, b"q")
            # Read on until the program closes the terminal: it must not block on output.
            quit_deadline = time.perf_counter() + QUIT_TIMEOUT
            while open_ and time.perf_counter() < quit_deadline:
                open_ = _read(master, screen, quit_deadline)
        # After q, a moment to exit; a program that never showed its text is killed now.
        grace = 1.0 if seconds is not None else 0.0
        status, max_rss, killed = _reap(proc.pid, time.perf_counter() + grace)
        reaped = True
        proc.returncode = os.waitstatus_to_exitcode(status)
        if killed and seconds is not None:
            problem = f"did not quit within {QUIT_TIMEOUT:.0f} s of q: killed"
        elif proc.returncode != 0 and not problem:
            problem = f"exit {proc.returncode}: {screen.tail()!r}"
        return Run(seconds, first_output, max_rss, hwm, problem)
    finally:
        if proc is not None and not reaped:  # an exception on the way: leave nothing behind
            _kill(proc.pid)
            os.wait4(proc.pid, 0)
            proc.returncode = -signal.SIGKILL
        os.close(master)


def spawn_in_terminal(
    command: list[str], env: dict[str, str], size: tuple[int, int] = (COLUMNS, ROWS)
) -> tuple[subprocess.Popen, int]:
    """Start `command` in a new pseudo-terminal of `size`; the process and the
    terminal's master end."""
    master, slave = os.openpty()
    try:
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        proc = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            # The terminal becomes the child's controlling terminal, as in a real one:
            # should the bench die, closing the terminal hangs the app up.
            preexec_fn=_take_terminal,
        )
    except BaseException:
        os.close(master)
        raise
    finally:
        os.close(slave)
    return proc, master


def _take_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _read(master: int, screen: ScreenText, deadline: float) -> bool:
    """Read what is there (waiting until the deadline at most); False once it is closed."""
    ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.perf_counter()))
    if not ready:
        return True
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: every copy of the terminal's other end is closed
        return False
    if not data:
        return False
    screen.feed(data)
    return True


def _high_water_mark(pid: int) -> int | None:
    """The process's peak resident memory so far (KiB), counted from its exec."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reap(pid: int, deadline: float) -> tuple[int, int, bool]:
    """(wait status, peak RSS in KiB, killed?): waits until the deadline, then kills."""
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage.ru_maxrss, False
        if time.perf_counter() >= deadline:
            _kill(pid)
            _, status, usage = os.wait4(pid, 0)
            return status, usage.ru_maxrss, True
        time.sleep(0.005)


def _kill(pid: int) -> None:
    # Its own session, so its process group is the child and whatever it started.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def bench_start(cases: dict[str, tuple[list[str], Marker]], runs: int) -> None:
    env = {**os.environ, "TERM": "xterm-256color"}
    for name in ("COLUMNS", "LINES", "JOURNAL_DB", "TEXTUAL"):
        env.pop(name, None)
    results: dict[str, list[Run]] = {name: [] for name in cases}
    problems: list[tuple[str, str]] = []
    for run in range(runs + 1):
        for name, (command, marker) in cases.items():
            result = run_in_terminal(command, marker, env)
            if result.problem:
                problems.append((name, result.problem))
            if run or result.seconds is None:  # the first round only warms the caches
                results[name].append(result)
    # A child's ru_maxrss starts at what it had when forked, before exec: a copy of
    # the bench's own resident memory. A tiny program started the same way shows it.
    floor = run_in_terminal(["sh", "-c", "echo ready"], Marker.text("ready"), env).max_rss_kib
    print(
        f"App start in a {COLUMNS}x{ROWS} pseudo-terminal: spawn until the text is on "
        f"screen, and peak memory; median of {runs} interleaved runs"
    )
    medians = {name: Figures.of(found) for name, found in results.items()}
    base = medians[BASELINE]
    rows = []
    for name, got in medians.items():
        baseline = name == BASELINE
        rows.append(
            [
                name,
                ms(got.first_output),
                ms(got.seconds),
                "" if baseline else ratio(got.seconds, base.seconds),
                "" if baseline else verdict(got.seconds, base.seconds),
                mib(got.memory),
                "" if baseline else ratio(got.memory, base.memory),
                "" if baseline else verdict(got.memory, base.memory),
                mib(got.hwm),
            ]
        )
    table(
        [
            "",
            "first output",
            "on screen",
            "x bare",
            f"<= {LIMIT}x",
            "peak memory",
            "x bare",
            f"<= {LIMIT}x",
            "VmHWM then",
        ],
        rows,
    )
    # Other benches (bench_encrypted.py) time other cases through bench_start.
    big, small = (
        getattr(medians.get("journal, 100,000 entries"), "seconds", None),
        getattr(medians.get("journal, 100 entries"), "seconds", None),
    )
    if big is not None and small is not None:
        print(
            f"journal at 100,000 vs 100 entries: {big / small:.2f}x "
            f"({(big - small) * 1000:+.1f} ms), for information"
        )
    low = min((got.memory for got in medians.values() if got.memory is not None), default=None)
    note = "" if low is None or low > floor * 1.2 else ": FAIL, too close to read"
    print(
        f"peak memory is wait4's ru_maxrss; its floor here, the bench's own memory "
        f"copied at fork, is {mib(floor)}{note}"
    )
    for name, problem in problems:
        print(f"FAIL {name}: {problem}")


@dataclass
class Figures:
    """Medians of a program's runs; a run that never showed its text fails `seconds`."""

    seconds: float | None
    first_output: float | None
    memory: float | None  # KiB
    hwm: float | None  # KiB

    @classmethod
    def of(cls, found: list[Run]) -> Figures:
        def median(values: list[float | int | None]) -> float | None:
            known = [v for v in values if v is not None]
            return statistics.median(known) if known else None

        timed_out = not found or any(r.seconds is None for r in found)
        return cls(
            None if timed_out else median([r.seconds for r in found]),
            median([r.first_output for r in found]),
            median([r.max_rss_kib for r in found]),
            median([r.hwm_kib for r in found]),
        )


# -- imports ------------------------------------------------------------------------


@dataclass
class Imported:
    name: str
    self_us: int
    cumulative_us: int
    parent: str  # the module whose import brought this one in


def importtime(statement: str) -> list[Imported]:
    """`python -X importtime -c statement`, parsed; raises on a failed import."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{statement}: {done.stderr.strip().splitlines()[-1:]}")
    lines = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|", 2)
        depth = (len(name) - len(name.lstrip())) // 2
        lines.append((name.strip(), int(own), int(cumulative), depth))
    # A module's line comes after those of the modules it imported, one level deeper.
    found, stack = [], []
    for name, own, cumulative, depth in reversed(lines):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        found.append(Imported(name, own, cumulative, stack[-1][1] if stack else ""))
        stack.append((depth, name))
    return found[::-1]


def bench_imports(runs: int) -> None:
    """Where the app's import time goes beyond what a bare Textual app imports."""
    try:
        textual_runs = [importtime("import textual.app") for _ in range(runs)]
        app_runs = [importtime("import journal.app") for _ in range(runs)]
    except RuntimeError as exc:
        print(f"FAIL imports: {exc}")
        return
    in_textual = {i.name for found in textual_runs for i in found}

    def total(found_runs: list[list[Imported]], name: str) -> float:
        return statistics.median(
            next((i.cumulative_us for i in found if i.name == name), 0) for found in found_runs
        )

    textual_total = total(textual_runs, "textual.app")
    app_total = total(app_runs, "journal.app")
    print(f"Imports, python -X importtime, median of {runs}")
    print(f"import textual.app: {textual_total / 1000:.1f} ms cumulative")
    print(
        f"import journal.app: {app_total / 1000:.1f} ms cumulative "
        f"({(app_total - textual_total) / 1000:+.1f} ms)"
    )
    extra: dict[str, list[Imported]] = {}
    for found in app_runs:
        for i in found:
            if i.name not in in_textual and i.name != "journal.app":
                extra.setdefault(i.name, []).append(i)
    ranked = sorted(
        extra.values(), key=lambda s: statistics.median(i.cumulative_us for i in s), reverse=True
    )
    print(
        f"The {TOP_IMPORTS} biggest imports under journal.app that import textual.app "
        f"does not make ({len(extra)} modules in all; a module's time includes those below it)"
    )
    table(
        ["module", "cumulative", "self", "imported by"],
        [
            [
                seen[0].name,
                f"{statistics.median(i.cumulative_us for i in seen) / 1000:.1f} ms",
                f"{statistics.median(i.self_us for i in seen) / 1000:.1f} ms",
                seen[0].parent,
            ]
            for seen in ranked[:TOP_IMPORTS]
        ],
    )


# -- output -------------------------------------------------------------------------


def mib(kib: float | None) -> str:
    return "failed" if kib is None else f"{kib / 1024:.1f} MiB"


def ratio(value: float | None, baseline: float | None) -> str:
    return "" if value is None or not baseline else f"{value / baseline:.2f}x"


def verdict(value: float | None, baseline: float | None) -> str:
    if value is None or not baseline:
        return "FAIL"
    return "PASS" if value / baseline <= LIMIT else "FAIL"


if __name__ == "__main__":
    main()
