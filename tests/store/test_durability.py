"""Data is sacred: killed writers lose nothing saved; concurrent writers all land."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from journal.store import Store
from journal.store.cipher import new_key
from journal.store.converting import convert

WRITER = textwrap.dedent(
    """
    import sys
    from journal.models import EntryInput
    from pathlib import Path
    from journal.store import Store
    from journal.store.cipher import key_for

    path, name, count, passphrase = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    # An encrypted journal's key is derived once, as the app does (a command
    # derives it once too, for its one open).
    key = key_for(Path(path), passphrase) if passphrase else None
    for n in range(count):
        # Open per entry, as `journal add` does.
        with Store.open(path, key=key) as store:
            entry = store.entries.add(EntryInput.make(body=f"{name} {n} " + "words " * 50, mood=3))
        print(entry.id, flush=True)
    """
)

# The tests here run on a plain and on an encrypted journal.
PASSPHRASE = "correct horse"


@pytest.fixture(params=["plain", "encrypted"])
def passphrase(request) -> str | None:
    return PASSPHRASE if request.param == "encrypted" else None


def new_journal(path, passphrase: str | None) -> None:
    Store.open(path).close()
    if passphrase:
        convert(path, None, new_key(passphrase))


def start_writer(path, name: str, count: int, passphrase: str | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(count), passphrase or ""],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def integrity(path, passphrase: str | None = None) -> str:
    with Store.open(path, passphrase=passphrase) as store, store.reading() as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize(
    ("after_ids", "passphrase"),
    [(1, None), (25, None), (60, None), (25, PASSPHRASE)],
    ids=["plain-1", "plain-25", "plain-60", "encrypted-25"],
)
def test_kill_9_while_writing_loses_no_saved_entry(db_path, after_ids, passphrase):
    new_journal(db_path, passphrase)
    writer = start_writer(db_path, "killed", 10_000, passphrase)
    printed = []
    deadline = time.monotonic() + 60
    while len(printed) < after_ids and time.monotonic() < deadline:
        printed.append(int(writer.stdout.readline()))
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    # The pipe may hold ids printed after our last read: those were saved too.
    printed += [int(line) for line in writer.stdout.read().split()]
    assert len(printed) >= after_ids
    assert integrity(db_path, passphrase) == "ok"
    with Store.open(db_path, passphrase=passphrase) as store:
        stored = {e.id for e in store.entries.find(limit=None)}
        assert set(printed) <= stored
        assert store.entries.find(limit=1)[0].body.startswith("killed")


def test_four_processes_adding_200_entries_each_all_land(db_path, passphrase):
    # A plain journal does not exist yet: the first openers also race to create it.
    if passphrase:
        new_journal(db_path, passphrase)
    writers = [start_writer(db_path, f"writer{w}", 200, passphrase) for w in range(4)]
    outcomes = [w.communicate(timeout=240) for w in writers]
    for writer, (_, err) in zip(writers, outcomes, strict=False):
        assert writer.returncode == 0, err.decode()[-2000:]
    printed = [int(line) for out, _ in outcomes for line in out.split()]
    assert len(printed) == len(set(printed)) == 800
    assert integrity(db_path, passphrase) == "ok"
    with Store.open(db_path, passphrase=passphrase) as store:
        assert store.entries.count() == 800
        for w in range(4):
            assert (
                len([e for e in store.entries.find(limit=None) if e.body.startswith(f"writer{w} ")])
                == 200
            )
