"""Where the journal lives on disk: the default path, --db and JOURNAL_DB."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "wellbeing-journal"
DB_FILENAME = "journal.db"
ENV_VAR = "JOURNAL_DB"


def default_db_path() -> Path:
    """The journal file in the user's data folder (nothing is created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def resolve_db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then JOURNAL_DB, then the default."""
    if option:
        return Path(option).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()


def ensure_private_folder(folder: Path) -> list[Path]:
    """Create the folder (and missing parents) readable only by its owner; returns
    the folders made, outermost first.

    An existing folder is left as the user set it up: --db may point into /tmp.
    """
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    made = []
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another program made it meanwhile
        made.append(new)
        # mkdir's mode is filtered through the umask; say what we mean.
        new.chmod(0o700)
    return made
