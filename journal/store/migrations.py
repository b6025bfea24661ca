"""The schema's history: each release's changes, applied in order by sqlite-utils."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from journal.store.day_figures import m009_day_figures
from journal.store.search_index import m008_search_as_typed

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "wellbeing-journal"

# m001's index: stemming let "sleeping" find "slept"/"sleep"; diacritics are
# folded so "cafe" finds "café". m008 (search_index.py) replaced it.
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
    db.table("entries").create_index(["uuid"], unique=True)
    db.table("entries").create_index(["created_utc"])
    db.table("entries").create_index(["local_date"])
    db.table("entry_tags").create(
        {"entry_id": int, "tag": str},
        pk=("entry_id", "tag"),
        foreign_keys=[("entry_id", "entries", "id")],
        not_null={"entry_id", "tag"},
        strict=True,
    )
    db.table("entry_tags").create_index(["tag", "entry_id"])
    enable_entry_search(db)


def enable_entry_search(db: Database) -> None:
    """Full-text search over entry bodies, kept in sync by triggers.

    `table.transform()` drops triggers: a migration that transforms `entries` must
    call this again.
    """
    db.table("entries").enable_fts(
        ["body"], create_triggers=True, tokenize=FTS_TOKENIZER, replace=True
    )


def m002_drafts_and_settings(db: Database) -> None:
    db.table("drafts").create(
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
    db.table("settings").create({"key": str, "value": str}, pk="key", strict=True)


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
    db.table("sessions").create_index(["uuid"], unique=True)
    db.table("sessions").create_index(["started_utc"])
    db.table("sessions").create_index(["local_date"])
    db.table("routines").create(
        {"id": int, "uuid": str, "name": str, "definition": str, "updated_utc": str},
        pk="id",
        not_null={"uuid", "name", "definition", "updated_utc"},
        strict=True,
    )
    db.table("routines").create_index(["name"], unique=True)
    db.table("routines").create_index(["uuid"], unique=True)


def m004_trends(db: Database) -> None:
    """What the Trends charts read: entries' mood and stress by day, and each
    day's tags."""
    # Daily means read from an index that holds mood and stress, not from the
    # table's rows: 27 -> 11 ms over 100,000 entries. idx_entries_local_date stays
    # for the store's queries; this one only adds columns after it.
    db.table("entries").create_index(["local_date", "mood", "stress"])
    # Comparing days with a tag against days without needs the distinct (day, tag)
    # pairs. Worked out from entry_tags joined to entries, that is a join and a
    # sort of every tag row: about 60 ms at 100,000 entries, over the 50 ms budget.
    # Kept here by triggers, it is a few thousand rows read in index order.
    # `entries`: how many of the day's entries carry the tag, so a delete knows
    # when the last one is gone.
    db.execute(
        """
        create table day_tags (
            local_date text not null,
            tag text not null,
            entries integer not null,
            primary key (local_date, tag)
        ) strict, without rowid
        """
    )
    db.execute(
        """
        insert into day_tags (local_date, tag, entries)
        select e.local_date, t.tag, count(*) from entry_tags t join entries e on e.id = t.entry_id
        group by e.local_date, t.tag
        """
    )
    enable_day_tags(db)


def enable_day_tags(db: Database) -> None:
    """The triggers that keep day_tags in step with entry_tags and entries.

    `table.transform()` drops triggers: a migration that transforms `entries` or
    `entry_tags` must call this again.
    """
    # An upsert's SELECT needs its WHERE, or SQLite reads ON CONFLICT as a join's ON.
    add_one = """
        insert into day_tags (local_date, tag, entries)
        select local_date, {tag}, 1 from entries where id = {entry_id}
        on conflict (local_date, tag) do update set entries = entries + 1;
    """
    take_one = """
        update day_tags set entries = entries - 1
        where local_date = (select local_date from entries where id = {entry_id})
          and tag = {tag};
        delete from day_tags
        where local_date = (select local_date from entries where id = {entry_id})
          and tag = {tag} and entries <= 0;
    """
    db.execute(
        "create trigger if not exists entry_tags_day_ai after insert on entry_tags begin"
        + add_one.format(tag="new.tag", entry_id="new.entry_id")
        + "end"
    )
    db.execute(
        "create trigger if not exists entry_tags_day_ad after delete on entry_tags begin"
        + take_one.format(tag="old.tag", entry_id="old.entry_id")
        + "end"
    )
    db.execute(
        "create trigger if not exists entry_tags_day_au after update on entry_tags begin"
        + take_one.format(tag="old.tag", entry_id="old.entry_id")
        + add_one.format(tag="new.tag", entry_id="new.entry_id")
        + "end"
    )
    # An entry moved to another day (`journal edit --at`) takes its tags along.
    db.execute(
        """
        create trigger if not exists entries_day_tags_au after update of local_date on entries
        when old.local_date is not new.local_date begin
            update day_tags set entries = entries - 1
            where local_date = old.local_date
              and tag in (select tag from entry_tags where entry_id = new.id);
            delete from day_tags where local_date = old.local_date and entries <= 0;
            insert into day_tags (local_date, tag, entries)
            select new.local_date, tag, 1 from entry_tags where entry_id = new.id
            on conflict (local_date, tag) do update set entries = entries + 1;
        end
        """
    )


def m005_ids_never_reused(db: Database) -> None:
    """Journals made before m001 and m003 said AUTOINCREMENT (the first release
    created entries and sessions without it) would give a deleted newest id
    again: rebuild those tables with it, keeping every row's id, their indexes,
    triggers (search, the days' tags) and the rows that point at them."""
    for table in ("entries", "sessions"):
        _rebuild_with_autoincrement(db, table)


_INTEGER_ID = re.compile(r'((?:"id"|\[id\]|`id`|\bid)\s+integer\s+primary\s+key)\b', re.IGNORECASE)


def _rebuild_with_autoincrement(db: Database, table: str) -> None:
    sql = db.execute(
        "select sql from sqlite_master where type = 'table' and name = ?", [table]
    ).fetchone()[0]
    if "autoincrement" in sql.lower():
        return
    rebuilt, found = _INTEGER_ID.subn(r"\1 autoincrement", sql, count=1)
    if not found:
        raise ValueError(f"{table} has no integer id column to rebuild")
    # Indexes and triggers go with the table: made again from their own SQL, so
    # the search index (its own table, rowids unchanged) stays in step without
    # being rebuilt. Triggers on other tables that read this one (entry_tags'
    # day_tags triggers) are not dropped.
    attached = [
        row[0]
        for row in db.execute(
            "select sql from sqlite_master where tbl_name = ? and type in ('index', 'trigger') "
            "and sql is not null order by type = 'trigger'",
            [table],
        ).fetchall()
    ]
    # A table cannot be renamed while foreign keys point at it (the references
    # would follow it), and foreign_keys cannot be switched off in a transaction:
    # copy the rows aside, drop and re-create the table, and put them back. The
    # drop leaves entry_tags and drafts pointing nowhere until the rows are back,
    # so the foreign key checks wait for the commit.
    db.execute("PRAGMA defer_foreign_keys = ON")
    db.execute(f"create temp table _rebuilding as select * from main.[{table}]")
    db.execute(f"drop table main.[{table}]")
    db.execute(rebuilt)
    db.execute(f"insert into main.[{table}] select * from temp._rebuilding")
    db.execute("drop table temp._rebuilding")
    for statement in attached:
        db.execute(statement)
    # Never below the largest id in the table (the inserts above set it so;
    # said here for a table with no rows).
    db.execute(
        "insert into sqlite_sequence (name, seq) select ?, 0 "
        "where not exists (select 1 from sqlite_sequence where name = ?)",
        [table, table],
    )
    db.execute(
        f"update sqlite_sequence set seq = max(seq, (select coalesce(max(id), 0) from [{table}])) "
        "where name = ?",
        [table],
    )


def m006_tombstones(db: Database) -> None:
    """Deletions leave a tombstone: the record's uuid, its kind (entry, session,
    routine, checkin) and the moment it was deleted, so that merging an older copy
    of the journal never brings it back."""
    db.execute(
        """
        create table tombstones (
            uuid text primary key,
            kind text not null,
            deleted_utc text not null
        ) strict, without rowid
        """
    )


def m007_checkins(db: Database) -> None:
    """WHO-5 well-being check-ins: the moment, the five answers, raw and score.

    The checks keep every row a valid check-in whoever writes it (an import, a
    script): raw is the answers' sum, the score raw x 4."""
    db.execute(
        """
        create table checkins (
            id integer primary key autoincrement,
            uuid text not null,
            taken_utc text not null,
            utc_offset integer not null,
            local_date text not null,
            answer1 integer not null check (answer1 between 0 and 5),
            answer2 integer not null check (answer2 between 0 and 5),
            answer3 integer not null check (answer3 between 0 and 5),
            answer4 integer not null check (answer4 between 0 and 5),
            answer5 integer not null check (answer5 between 0 and 5),
            raw integer not null
                check (raw = answer1 + answer2 + answer3 + answer4 + answer5),
            score integer not null check (score = raw * 4)
        ) strict
        """
    )
    db.table("checkins").create_index(["uuid"], unique=True)
    db.table("checkins").create_index(["taken_utc"])
    db.table("checkins").create_index(["local_date"])


# The schema's history, oldest first. Append; never edit or reorder a step that
# has been released.
STEPS = (
    m001_entries,
    m002_drafts_and_settings,
    m003_relaxation,
    m004_trends,
    m005_ids_never_reused,
    m006_tombstones,
    m007_checkins,
    m008_search_as_typed,
    m009_day_figures,
)


def applied_names(conn: sqlite3.Connection, tables: set[str]) -> list[str]:
    """The migrations a file has had, in the order they ran (none if `tables`, its
    tables, has no migrations table: a new file or one that is not a journal)."""
    if "_sqlite_migrations" not in tables:
        return []
    return [
        row[0]
        for row in conn.execute(
            "select name from _sqlite_migrations where migration_set = ? order by rowid",
            [MIGRATION_SET],
        )
    ]


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
