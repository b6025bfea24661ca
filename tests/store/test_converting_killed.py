"""kill -9 at any moment of a conversion: the journal opens afterwards, with the old
passphrase or the new, and nothing of it is lost."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from journal.models import EntryInput
from journal.store import EntryRecord, Store
from journal.store.cipher import Key, is_encrypted, new_key
from journal.store.converting import convert

ENTRIES = 400
# The first bytes of a rollback journal SQLite would play back.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

# Told its keys (derived once by the test: the derivation is not what is being
# tested), says it is ready, then converts when told: the test kills it at a random
# moment of the conversion itself.
CONVERTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from journal.store.cipher import Key
    from journal.store.converting import convert

    def key(text):
        return Key(bytes.fromhex(text[:64]), bytes.fromhex(text[64:])) if text else None

    path, old, new = Path(sys.argv[1]), key(sys.argv[2]), key(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()
    convert(path, old, new)
    print("done", flush=True)
    """
)


def hex_key(key: Key | None) -> str:
    return key.secret.hex() + key.salt.hex() if key else ""


def start_converter(path, old: Key | None, new: Key) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CONVERTER, str(path), hex_key(old), hex_key(new)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize(
    ("old_passphrase", "trials"), [("", 12), ("old words", 4)], ids=["encrypt", "passphrase"]
)
def test_kill_9_at_random_moments_of_a_conversion_leaves_the_old_or_new_journal_whole(
    tmp_path, old_passphrase, trials
):
    template = tmp_path / "template.db"
    with Store.open(template) as store:
        store.entries.add_many(
            EntryRecord(store.clock(), EntryInput.make(body=f"entry {n} " + "words " * 40, mood=3))
            for n in range(ENTRIES)
        )
        store.drafts.save(None, body="a draft", mood=None, stress=None, tags="")
    old = new_key(old_passphrase) if old_passphrase else None
    if old:
        convert(template, None, old)
    new = new_key("new words")
    paths = [tmp_path / f"journal{n}.db" for n in range(trials + 1)]
    for path in paths:
        shutil.copyfile(template, path)
    converters = [start_converter(path, old, new) for path in paths]
    for converter in converters:
        assert converter.stdout.readline() == b"ready\n", converter.stderr.read().decode()
    rng = random.Random(11)
    span = 0.0
    opened_with = []
    for n, (path, converter) in enumerate(zip(paths, converters, strict=True)):
        started = time.monotonic()
        converter.stdin.write(b"go\n")
        converter.stdin.flush()
        if n == 0:
            # The first finishes: how long a conversion takes, to spread the kills over.
            assert converter.stdout.readline() == b"done\n", converter.stderr.read().decode()
            span = time.monotonic() - started
        else:
            # Spread from the start to well past the end, each at a random point
            # of its own stretch; the first within its first tenth, so that one
            # kill falls before the rename even when a loaded machine makes the
            # measured conversion look short.
            stretch = span * 2 * (n - 1 + rng.random()) / (len(paths) - 1)
            time.sleep(stretch / 5 if n == 1 else stretch)
            os.kill(converter.pid, signal.SIGKILL)
        converter.wait()
        # Whichever it is now, the old journal or the new, it is whole.
        key = None
        if is_encrypted(path):
            key = new if path.read_bytes()[:16] == new.salt else old
        with Store.open(path, key=key) as store:
            assert store.entries.count() == ENTRIES
            assert store.drafts.get(None).body == "a draft"
            assert store.entries.add(EntryInput.make(body="after", mood=3)).id == ENTRIES + 1
        opened_with.append("new" if key is new else "old")
        leftovers = {p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)}
        # A kill while the journal left WAL mode may leave SQLite's own -journal of
        # that step, cut before it held anything (not hot: SQLite never plays it).
        stale = path.with_name(f"{path.name}-journal")
        if stale.name in leftovers:
            assert stale.read_bytes()[:8] != JOURNAL_MAGIC, "a hot journal beside the journal"
            leftovers.discard(stale.name)
        assert leftovers <= {path.name, f"{path.name}.converting"}, leftovers
    assert opened_with[0] == "new"
    # Kills fell before the rename (and, unless the machine is very busy, after it).
    assert "old" in opened_with[1:], opened_with
