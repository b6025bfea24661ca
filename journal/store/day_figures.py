"""Each day's figures (migration m009): how many entries, and the sums and counts
of their moods and stresses, kept by triggers as `day_tags` keeps each day's tags.

Trends and `journal stats` read days, not entries: at 1,000,000 entries the daily
means of all time were a group-by over a million index rows (638 ms for
`journal stats`); here they are 2,191 rows. A mean is sum / count, which is what
avg() computes, to the bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# (column, what a row adds to it), for the triggers and the first filling.
_FIGURES = (
    ("entries", "1"),
    ("mood_sum", "coalesce({row}.mood, 0)"),
    ("mood_count", "({row}.mood is not null)"),
    ("stress_sum", "coalesce({row}.stress, 0)"),
    ("stress_count", "({row}.stress is not null)"),
)


def m009_day_figures(db: Database) -> None:
    db.execute(
        """
        create table day_figures (
            local_date text primary key,
            entries integer not null,
            mood_sum integer not null,
            mood_count integer not null,
            stress_sum integer not null,
            stress_count integer not null
        ) strict, without rowid
        """
    )
    db.execute(
        """
        insert into day_figures
        select local_date, count(*), coalesce(sum(mood), 0), count(mood),
               coalesce(sum(stress), 0), count(stress)
        from entries group by local_date
        """
    )
    enable_day_figures(db)


def enable_day_figures(db: Database) -> None:
    """The triggers that keep day_figures in step with `entries`.

    `table.transform()` drops triggers: a migration that transforms `entries`
    must call this again.
    """
    names = ", ".join(name for name, _ in _FIGURES)
    # An upsert's SELECT needs its WHERE, or SQLite reads ON CONFLICT as a join's ON.
    add = (
        f"insert into day_figures (local_date, {names}) "
        f"select new.local_date, {', '.join(v.format(row='new') for _, v in _FIGURES)} where 1 "
        "on conflict (local_date) do update set "
        + ", ".join(f"{name} = {name} + excluded.{name}" for name, _ in _FIGURES)
        + ";"
    )
    take = (
        "update day_figures set "
        + ", ".join(f"{name} = {name} - {v.format(row='old')}" for name, v in _FIGURES)
        + " where local_date = old.local_date;"
        " delete from day_figures where local_date = old.local_date and entries <= 0;"
    )
    create = "create trigger if not exists"
    db.execute(f"{create} entries_days_ai after insert on entries begin {add} end")
    db.execute(f"{create} entries_days_ad after delete on entries begin {take} end")
    db.execute(
        "create trigger if not exists entries_days_au "
        "after update of local_date, mood, stress on entries "
        "when old.local_date is not new.local_date or old.mood is not new.mood "
        f"or old.stress is not new.stress begin {take} {add} end"
    )
