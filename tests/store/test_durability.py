"""Data is sacred: killed writers lose nothing saved; concurrent writers all land."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from journal.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    from journal.models import EntryInput
    from journal.store import Store

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for n in range(count):
        # Open per entry, as `journal add` does.
        with Store.open(path) as store:
            entry = store.entries.add(EntryInput.make(body=f"{name} {n} " + "words " * 50, mood=3))
        print(entry.id, flush=True)
    """
)


def start_writer(path, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def integrity(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("after_ids", [1, 25, 60])
def test_kill_9_while_writing_loses_no_saved_entry(db_path, after_ids):
    Store.open(db_path).close()
    writer = start_writer(db_path, "killed", 10_000)
    printed = []
    deadline = time.monotonic() + 60
    while len(printed) < after_ids and time.monotonic() < deadline:
        printed.append(int(writer.stdout.readline()))
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    # The pipe may hold ids printed after our last read: those were saved too.
    printed += [int(line) for line in writer.stdout.read().split()]
    assert len(printed) >= after_ids
    assert integrity(db_path) == "ok"
    with Store.open(db_path) as store:
        stored = {e.id for e in store.entries.find(limit=None)}
        assert set(printed) <= stored
        assert store.entries.find(limit=1)[0].body.startswith("killed")


def test_four_processes_adding_200_entries_each_all_land(db_path):
    # The journal does not exist yet: the first openers also race to create it.
    writers = [start_writer(db_path, f"writer{w}", 200) for w in range(4)]
    outcomes = [w.communicate(timeout=240) for w in writers]
    for writer, (_, err) in zip(writers, outcomes, strict=False):
        assert writer.returncode == 0, err.decode()[-2000:]
    printed = [int(line) for out, _ in outcomes for line in out.split()]
    assert len(printed) == len(set(printed)) == 800
    assert integrity(db_path) == "ok"
    with Store.open(db_path) as store:
        assert store.entries.count() == 800
        for w in range(4):
            assert (
                len([e for e in store.entries.find(limit=None) if e.body.startswith(f"writer{w} ")])
                == 200
            )
