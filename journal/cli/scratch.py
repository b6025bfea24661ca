"""Plain text the command line keeps outside the journal for a while: the $EDITOR
file, in a private folder beside the journal, and the --demo journal, in the temp
folder. Each is named after the process that made it, so that what a killed
process left behind is removed at the next start, and nothing still in use is."""

from __future__ import annotations

import os
import re
import shutil
import socket
import stat
import tempfile
import time
from pathlib import Path

import click

EDITING_FOLDER = ".editing"
DEMO_PREFIX = "journal-demo-"
# A demo folder not named after its process (made by an earlier release) is left
# for this long: one still in use by such a release is not pulled from under it.
UNNAMED_DEMO_KEPT_SECONDS = 24 * 3600


def process_is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: running
    except (OverflowError, ValueError):
        return False  # no process can have that id
    return True


def _machine() -> str:
    # The journal's folder may be shared between machines (a synced folder): a
    # process id means something only on the machine that wrote it.
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "_"


def editor_file_prefix() -> str:
    return f"edit-{_machine()}-{os.getpid()}-"


# -- the $EDITOR file --------------------------------------------------------------


def edit_in_editor(journal: Path, text: str) -> str | None:
    """`text` edited in $VISUAL or $EDITOR, or None when the editor did not save.

    The file is made in `<journal's folder>/.editing/` (mode 0700, the file 0600)
    and removed afterwards; files there of edits that were killed go first.
    """
    folder = _editing_folder(journal.parent / EDITING_FOLDER)
    remove_stale_edits(folder)
    fd, name = tempfile.mkstemp(prefix=editor_file_prefix(), suffix=".md", dir=folder)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write((text if not text or text.endswith("\n") else text + "\n").encode())
        # As click.edit does: an editor that closes within the file system's time
        # resolution must still be seen to have saved.
        os.utime(name, (os.path.getatime(name), os.path.getmtime(name) - 2))
        before = os.path.getmtime(name)
        click.edit(filename=name)
        if os.path.getmtime(name) == before:
            return None
        with open(name, "rb") as file:
            return file.read().decode("utf-8-sig").replace("\r\n", "\n")
    finally:
        Path(name).unlink(missing_ok=True)


def _editing_folder(folder: Path) -> Path:
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            if stat.S_IMODE(info.st_mode) != 0o700:
                folder.chmod(0o700)
            return folder
        reason = "it is not a folder of yours"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    raise click.ClickException(
        f"cannot use {folder} for the editor's file ({reason}); fix or remove it and try again"
    )


_EDITOR_FILE = re.compile(r"edit-(?P<machine>[A-Za-z0-9._]+)-(?P<pid>[0-9]+)-")


def remove_stale_edits(folder: Path) -> None:
    """Remove the files there of this machine's edits whose process is gone."""
    for path in folder.iterdir():
        match = _EDITOR_FILE.match(path.name)
        if match and match["machine"] == _machine() and not process_is_running(int(match["pid"])):
            path.unlink(missing_ok=True)


# -- the demo journal --------------------------------------------------------------


def make_demo_folder() -> Path:
    """A private temp folder for a demo journal, named after this process."""
    return Path(tempfile.mkdtemp(prefix=f"{DEMO_PREFIX}{os.getpid()}-"))


_DEMO_FOLDER = re.compile(rf"{DEMO_PREFIX}(?:(?P<pid>[0-9]+)-)?")


def remove_stale_demos() -> None:
    """Remove this user's demo folders whose process is gone (a killed demo)."""
    top = Path(tempfile.gettempdir())
    for path in top.glob(f"{DEMO_PREFIX}*"):
        try:
            info = path.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        match = _DEMO_FOLDER.match(path.name)
        pid = match["pid"] if match else None
        if pid is not None and int(pid) != os.getpid():
            stale = not process_is_running(int(pid))
        else:
            stale = pid is None and time.time() - info.st_mtime > UNNAMED_DEMO_KEPT_SECONDS
        if stale:
            shutil.rmtree(path, ignore_errors=True)
