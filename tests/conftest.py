"""Fixtures that keep the machine out of the tests: data dir, time zone, clock."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.store import Store

# A fixed moment for tests that depend on "now": 09:30 in Berlin (UTC+1 in winter).
FROZEN = datetime(2026, 11, 24, 9, 30, tzinfo=timezone(timedelta(hours=1)))

# Tests against the wall clock: the real app in a terminal killed after so many
# seconds, writer processes racing for the file, the app held off the journal for
# 12 s and timed to answer every key within one. Side by side on a two-core machine
# each starves the others' time windows, so pytest-xdist runs them one after another
# on one worker (`--dist loadgroup` in pyproject.toml); other tests run beside them.
WALL_CLOCK_MODULES = (
    "tests/app/test_crash.py",
    "tests/app/test_store_faults.py",
    "tests/store/test_durability.py",
    "tests/store/test_converting_killed.py",
    # Not timed, but Chromium and two apps take both cores for seconds: kept out of
    # the timed ones' windows.
    "tests/browser/test_browser.py",
)


def pytest_configure(config: pytest.Config) -> None:
    # Registered here too, so that `pytest -p no:xdist` does not warn about it.
    config.addinivalue_line("markers", "xdist_group(name): run the group on one worker")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.split("::")[0] in WALL_CLOCK_MODULES:
            item.add_marker(pytest.mark.xdist_group("wall_clock"))


@pytest.fixture(autouse=True)
def private_machine(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test sees the real data folder, JOURNAL_DB, editor or time zone."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("JOURNAL_DB", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    set_timezone(monkeypatch, "UTC")


def set_timezone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


@pytest.fixture(autouse=True)
def _restore_timezone() -> Iterator[None]:
    yield
    time.tzset()


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime = FROZEN) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> Iterator[Store]:
    with Store.in_memory(clock=clock) as store:
        yield store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def file_store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(db_path, clock=clock) as store:
        yield store


def run_journal(
    *args: str,
    db: Path | None = None,
    input: bytes | str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
):
    """Run the real `journal` command in a subprocess, as a user's shell would.

    It runs on the machine's clock: a test through it must not depend on today's date
    (use the `journal` fixture, on the test clock, for anything about "now")."""
    import subprocess

    full_env = dict(os.environ, **(env or {}))
    if db is not None:
        full_env["JOURNAL_DB"] = str(db)
    if isinstance(input, str):
        input = input.encode()
    return subprocess.run(
        [sys.executable, "-m", "journal", *args],
        input=input if input is not None else b"",
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def journal(db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch):
    """Run `journal ARGS` in this process, exactly as the console script does, on the
    test clock: "now", "yesterday" and `stats`' today are the clock's, not the machine's."""
    from click.testing import CliRunner

    from journal import launch
    from journal.cli import main

    def no_app(store: Store, **how: object) -> None:
        # Without a terminal the app would wait for keys forever and hang the run.
        pytest.fail("journal(...) opened the app: patch journal.launch.run_app in the test")

    monkeypatch.setattr(launch, "run_app", no_app)

    def run(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Result:
        runner = CliRunner()
        isolation = runner.isolation(input=input, env={"JOURNAL_DB": str(db_path), **(env or {})})
        with isolation as (out, err, _):
            try:
                main(list(args), clock=clock)
                code = 0
            except SystemExit as exc:
                code = exc.code
        return Result(code, out.getvalue().decode(), err.getvalue().decode())

    return run
