"""Remember a journal file that passed its page check, so that the next command
need not read every page again while the file is as it was.

`PRAGMA quick_check` reads every page: about 120 ms at 100,000 entries, a second at a
million, where a `journal add` is otherwise 1 ms of SQLite. PRODUCT.md asks both for
an `add` no slower at a million entries than at a hundred, and for a damaged file to
be refused. So a command checks the file only when it is not the one the last
command left: the file's identity (device, inode, size, modification time) and its
write-ahead log's are kept in the user's cache folder after

- a check that passed, when the file had not changed for a second before it (a file
  time is only as fine as the kernel's clock tick, a few ms: a change made within
  the same tick as the last one could otherwise look like no change), and
- a command that wrote to a file it had checked (or found as remembered), through
  SQLite, which keeps the file whole. It then sets the files' modification times to
  the current nanosecond, which no later write can give them: writes take the
  tick's time. On a file system that keeps coarser times the record is not made.

What this cannot see: bytes changed without changing the file's times (a disk that
rots in place, `touch -d` after an edit). SQLite still refuses the damaged pages a
command reads; the app checks every page on each start, and `journal backup` runs a
full integrity check.

The app never records its own writes: it may run for hours, and damage done to the
file meanwhile would be vouched for. The next command checks the file again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from journal.store.paths import APP_NAME

# A check's record is trusted only if the file was last changed this long before
# the check began: much longer than any kernel's clock tick.
SETTLED_NS = 1_000_000_000

State = list[list[int] | None]


def unchanged(path: Path) -> bool:
    """Whether the file is exactly as a command that checked it (or wrote to it
    after finding it so) left it."""
    try:
        remembered = json.loads(_record_path(path).read_text())
    except (OSError, ValueError):
        return False
    return remembered == _state(path)


def remember_checked(path: Path, state: State) -> None:
    """Record `state`, taken before a check that passed, if the file had settled."""
    now = time.time_ns()
    if all(part is None or now - part[3] >= SETTLED_NS for part in state):
        _write_record(path, state)


def remember_written(path: Path) -> None:
    """Record the file as this command's writes left it (after its connection is
    closed), stamping its times with the current nanosecond first."""
    stamp = time.time_ns()
    files = [path, _wal(path)]
    try:
        for file in files:
            if file.exists():
                os.utime(file, ns=(stamp, stamp))
    except OSError:
        return  # not ours to stamp: the next command checks
    state = _state(path)
    if state[0] is None or any(part is not None and part[3] != stamp for part in state):
        return  # the file system keeps coarser times, or another program wrote
    _write_record(path, state)


def forget(path: Path) -> None:
    """Drop the record: the next command checks every page."""
    with contextlib.suppress(OSError):
        _record_path(path).unlink()


def state_of(path: Path) -> State:
    """The identity of the file and its write-ahead log, to pass to remember_checked."""
    return _state(path)


def _state(path: Path) -> State:
    wal = _identity(_wal(path))
    # An empty log holds nothing: the same as none (an open connection makes one).
    return [_identity(path), wal if wal is not None and wal[2] > 0 else None]


def _identity(file: Path) -> list[int] | None:
    try:
        info = os.stat(file)
    except OSError:
        return None
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _record_path(path: Path) -> Path:
    key = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
    return _cache_folder() / key


def _cache_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "checked"


def _write_record(path: Path, state: State) -> None:
    """Write the record atomically, readable only by its owner; a cache folder that
    cannot be written only means the next command checks again."""
    record = _record_path(path)
    temporary = record.with_name(f".{record.name}.{os.getpid()}")
    try:
        record.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(state, out)
        os.replace(temporary, record)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
