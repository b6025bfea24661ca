"""The full-text index of entry bodies (migration m008), kept in time order.

Search matches every word as a prefix of a word as written (`relaxa` finds
"relaxation", `runn` finds "running"): no stemmer, which stemmed the half-typed
word and found nothing while someone typed. Case and diacritics still do not
matter ("cafe" finds "café").

The index's rowid is not the entry's id but its *time key*: the second the entry
was written (UTC, counted from 1900) in the high bits and its id in the low 28.
FTS5 walks a match set in rowid order and can stop early, so the newest 20 of
400,000 matches are read without reading the other 399,980 (at 1,000,000 entries:
90 -> 0.1 ms for `the`). Two entries in the same second may be out of order in
the index (their ids, not their times, order them); the page query in entries.py
reads that one second whole and sorts it exactly.

Prefix indexes of 1, 2 and 3 characters make a short typed word (`t`, `th`,
`the`) one term to walk instead of a merge of every word it begins (`the*` at
1,000,000 entries: 90 -> 0.1 ms), at the cost of about 2.5x the index's size.
"""

from __future__ import annotations

import calendar
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

SEARCH_TABLE = "entries_search"
TOKENIZER = "unicode61 remove_diacritics 2"
PREFIXES = "1 2 3"

ID_BITS = 28
ID_MASK = (1 << ID_BITS) - 1
# Seconds from 1900-01-01 (the first day a time may be typed on) to 1970-01-01.
EPOCH_1900 = 2_208_988_800
# 34 bits of seconds reach the year 2444; earlier or later times share the first
# or the last second (still in order: the page query sorts a second whole).
LAST_SECOND = (1 << 34) - 1


def time_key_sql(row: str) -> str:
    """The SQL of a row's time key (`row` is `new`, `old` or a table's alias).

    Ids stay below 2**28 (268 million entries ever written), so the key is
    unique and its low bits give the id back.
    """
    seconds = f"cast(strftime('%s', {row}.created_utc) as integer) + {EPOCH_1900}"
    return f"((max(0, min({seconds}, {LAST_SECOND})) << {ID_BITS}) | ({row}.id & {ID_MASK}))"


def second_of(key: int) -> int:
    """The lowest time key of the second `key` is in."""
    return key >> ID_BITS << ID_BITS


def key_bound(utc_text: str, *, after: bool = False) -> int:
    """The lowest time key of the second `utc_text` (stored form), or with `after`
    the lowest key of the second after it: bounds that let FTS5 stop early."""
    moment = calendar.timegm(time.strptime(utc_text, "%Y-%m-%d %H:%M:%S"))
    seconds = min(max(moment + EPOCH_1900, 0), LAST_SECOND) + (1 if after else 0)
    return seconds << ID_BITS


def m008_search_as_typed(db: Database) -> None:
    """The search index without the stemmer, with prefix indexes, in time order.

    The old index (sqlite-utils' entries_fts, rowid = id, porter stemmer) and its
    triggers go; the new one is contentless (the bodies are in `entries`) and is
    filled from the rows here.
    """
    for trigger in ("entries_ai", "entries_ad", "entries_au"):
        db.execute(f"drop trigger if exists [{trigger}]")
    db.execute("drop table if exists entries_fts")
    db.execute(
        f"create virtual table {SEARCH_TABLE} using fts5("
        f"body, content='', tokenize='{TOKENIZER}', prefix='{PREFIXES}')"
    )
    db.execute(
        f"insert into {SEARCH_TABLE} (rowid, body) select {time_key_sql('e')}, e.body "
        "from entries e where e.body != ''"
    )
    enable_search_triggers(db)


def enable_search_triggers(db: Database) -> None:
    """The triggers that keep the index in step with `entries`. A contentless index
    forgets a row only when told its old text. `table.transform()` drops triggers:
    a migration that transforms `entries` must call this again."""
    forget = (
        f"insert into {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, body) "
        f"select 'delete', {time_key_sql('old')}, old.body where old.body != '';"
    )
    learn = (
        f"insert into {SEARCH_TABLE} (rowid, body) "
        f"select {time_key_sql('new')}, new.body where new.body != '';"
    )
    create = "create trigger if not exists"
    db.execute(f"{create} entries_search_ai after insert on entries begin {learn} end")
    db.execute(f"{create} entries_search_ad after delete on entries begin {forget} end")
    db.execute(
        "create trigger if not exists entries_search_au "
        "after update of body, created_utc, id on entries "
        "when old.body is not new.body or old.created_utc is not new.created_utc "
        f"or old.id is not new.id begin {forget} {learn} end"
    )
