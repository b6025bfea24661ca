"""Upgrading an older journal while other programs open it too, or while being
killed: one of them upgrades, under the write lock; the others wait and see the
upgraded file; nothing is lost and the backup is whole."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from sqlite_utils import Database

from journal.store import Store
from journal.store import migrations as schema
from tests.store.test_migrations import NAMES, write_old_journal

OPENER = textwrap.dedent(
    """
    import sys, time
    from journal.models import EntryInput
    from journal.store import Store

    path, name, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    # All start together, as far as a machine can make them.
    time.sleep(max(0.0, start - time.time()))
    with Store.open(path) as store:
        print(store.entries.add(EntryInput.make(body=name + " after the upgrade", mood=3)).id)
    """
)

# Stops an upgrade half way and waits to be killed: while copying the backup (half
# of the copy written) or after the last migration ran, before its commit.
PAUSED_UPGRADE = textwrap.dedent(
    """
    import functools, os, sys, time
    from journal.store import Store, opening
    from journal.store import migrations as schema

    path, where = sys.argv[1], sys.argv[2]

    def pause():
        print("paused", flush=True)
        time.sleep(120)

    if where == "backup":
        copy = opening._copy_into

        def half_copy(conn, target, *key):
            copy(conn, target, *key)
            os.truncate(target, os.path.getsize(target) // 2)
            pause()

        opening._copy_into = half_copy
    else:
        last = schema.STEPS[-1]

        @functools.wraps(last)
        def then_pause(db):
            last(db)
            pause()

        schema.STEPS = (*schema.STEPS[:-1], then_pause)
    Store.open(path)
    """
)


def backups(db_path) -> list:
    return sorted(db_path.parent.glob(f"{db_path.name}.before-*.bak"))


def check(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_six_programs_opening_an_old_journal_at_once_all_save(db_path):
    write_old_journal(db_path, NAMES[1])
    start = time.time() + 2
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(db_path), f"opener{n}", str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(6)
    ]
    outcomes = [opener.communicate(timeout=120) for opener in openers]
    for opener, (_, err) in zip(openers, outcomes, strict=True):
        assert opener.returncode == 0, err.decode()[-2000:]
    with Store.open(db_path) as store:
        assert [m.name for m in schema.migrations().applied(store.db)] == NAMES
        bodies = sorted(e.body for e in store.entries.find(limit=None))
    saved = [f"opener{n} after the upgrade" for n in range(6)]
    assert bodies == sorted([*saved, "written by an old release about otters"])
    # One of them upgraded, so one backup: the journal as it was.
    [backup] = backups(db_path)
    copy = Database(backup)
    assert [m.name for m in schema.migrations().applied(copy)] == NAMES[:1]
    assert copy["entries"].count == 1
    copy.close()


@pytest.mark.parametrize("where", ["backup", "migrating"])
def test_killed_half_way_through_an_upgrade_the_next_open_upgrades(db_path, where):
    write_old_journal(db_path, NAMES[1])
    upgrade = subprocess.Popen(
        [sys.executable, "-c", PAUSED_UPGRADE, str(db_path), where],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert upgrade.stdout.readline() == b"paused\n", upgrade.stderr.read().decode()
    finally:
        os.kill(upgrade.pid, signal.SIGKILL)
        upgrade.communicate()
    # At once, in the same second as the killed one's backup name.
    with Store.open(db_path) as store:
        assert [m.name for m in schema.migrations().applied(store.db)] == NAMES
        assert [e.body for e in store.entries.find()] == ["written by an old release about otters"]
    assert check(db_path) == "ok"
    # Every backup left is the whole journal as it was; a half copy is not kept.
    assert backups(db_path)
    for backup in backups(db_path):
        assert check(backup) == "ok"
        copy = Database(backup)
        assert [m.name for m in schema.migrations().applied(copy)] == NAMES[:1]
        copy.close()
    assert sorted(p.name for p in db_path.parent.iterdir() if "before" in p.name) == [
        p.name for p in backups(db_path)
    ]
