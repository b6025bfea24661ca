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
    # AUTOINCREMENT: an id is never given twice, even after the newest entry is
    # deleted, so `journal show 12` in a script or a shell history cannot come to
    # mean another entry. (sqlite-utils' create() cannot say this.)
    # created_utc, utc_offset: the moment in UTC and the writer's offset then;
    # local_date: the day they lived it, kept for date filters and daily charts.
    db.execute(
        """
        create table entries (
            id integer primary key autoincrement,
            uuid text not null,
            created_utc text not null,
            utc_offset integer not null,
            local_date text not null,
            mood integer,
            stress integer,
            body text not null default '',
            updated_utc text
        ) strict
        """
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
    # settings: the routine as it ran (groups, timings) as JSON, since a routine
    # can change later; ended_utc, seconds, groups_done: updated at each group
    # boundary, so a session cut short by a crash still shows how far it got.
    db.execute(
        """
        create table sessions (
            id integer primary key autoincrement,
            uuid text not null,
            routine text not null,
            settings text not null,
            started_utc text not null,
            utc_offset integer not null,
            local_date text not null,
            ended_utc text,
            seconds integer not null default 0,
            groups_done integer not null default 0,
            groups_planned integer not null,
            completed integer not null default 0,
            stress_before integer,
            stress_after integer,
            note text
        ) strict
        """
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
