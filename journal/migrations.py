"""The schema's history: each release's changes, applied in order by sqlite-utils."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "wellbeing-journal"

# Stemming lets "sleeping" find "slept"/"sleep"; diacritics are folded so "cafe"
# finds "café".
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"


def m001_entries(db: Database) -> None:
    db["entries"].create(
        {
            "id": int,
            "uuid": str,
            # The moment in UTC, the writer's offset then, and the day they lived
            # it (derived from the two, kept for date filters and daily charts).
            "created_utc": str,
            "utc_offset": int,
            "local_date": str,
            "mood": int,
            "stress": int,
            "body": str,
            "updated_utc": str,
        },
        pk="id",
        not_null={"uuid", "created_utc", "utc_offset", "local_date", "body"},
        defaults={"body": ""},
        strict=True,
    )
    db["entries"].create_index(["uuid"], unique=True)
    db["entries"].create_index(["created_utc"])
    db["entries"].create_index(["local_date"])
    db["entry_tags"].create(
        {"entry_id": int, "tag": str},
        pk=("entry_id", "tag"),
        foreign_keys=[("entry_id", "entries", "id")],
        not_null={"entry_id", "tag"},
        strict=True,
    )
    db["entry_tags"].create_index(["tag", "entry_id"])
    enable_entry_search(db)


def enable_entry_search(db: Database) -> None:
    """Full-text search over entry bodies, kept in sync by triggers.

    `table.transform()` drops triggers: a migration that transforms `entries` must
    call this again.
    """
    db["entries"].enable_fts(["body"], create_triggers=True, tokenize=FTS_TOKENIZER, replace=True)


def m002_drafts_and_settings(db: Database) -> None:
    db["drafts"].create(
        {
            # "new" for the one unsaved new entry, or "entry:<id>" for an edit.
            "key": str,
            "entry_id": int,
            "body": str,
            "mood": int,
            "stress": int,
            "tags": str,
            "saved_utc": str,
        },
        pk="key",
        foreign_keys=[("entry_id", "entries", "id")],
        not_null={"body", "tags", "saved_utc"},
        defaults={"body": "", "tags": ""},
        strict=True,
    )
    db["settings"].create({"key": str, "value": str}, pk="key", strict=True)


def m003_relaxation(db: Database) -> None:
    """Relaxation sessions and the person's own routines."""
    db["sessions"].create(
        {
            "id": int,
            "uuid": str,
            "routine": str,
            # The routine as it ran (groups and timings), as JSON: a routine can be
            # changed or deleted later, the record of the session must not change.
            "settings": str,
            "started_utc": str,
            "utc_offset": int,
            "local_date": str,
            # Updated at each group boundary, so a session cut short by a crash
            # still shows how far it got.
            "ended_utc": str,
            "seconds": int,
            "groups_done": int,
            "groups_planned": int,
            "completed": int,
            "stress_before": int,
            "stress_after": int,
            "note": str,
        },
        pk="id",
        not_null={
            "uuid",
            "routine",
            "settings",
            "started_utc",
            "utc_offset",
            "local_date",
            "seconds",
            "groups_done",
            "groups_planned",
            "completed",
        },
        defaults={"seconds": 0, "groups_done": 0, "completed": 0},
        strict=True,
    )
    db["sessions"].create_index(["uuid"], unique=True)
    db["sessions"].create_index(["started_utc"])
    db["sessions"].create_index(["local_date"])
    db["routines"].create(
        {"id": int, "uuid": str, "name": str, "definition": str, "updated_utc": str},
        pk="id",
        not_null={"uuid", "name", "definition", "updated_utc"},
        strict=True,
    )
    db["routines"].create_index(["name"], unique=True)
    db["routines"].create_index(["uuid"], unique=True)


# The schema's history, oldest first. Append; never edit or reorder a step that
# has been released.
STEPS = (m001_entries, m002_drafts_and_settings, m003_relaxation)


def known_names() -> list[str]:
    """Every migration this release knows, in order."""
    return [step.__name__ for step in STEPS]


@cache
def migrations() -> Migrations:
    """The steps as a sqlite-utils migration set (imported only when needed:
    reading a journal that is up to date does not need sqlite-utils at all)."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in STEPS:
        steps()(step)
    return steps
