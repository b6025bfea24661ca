"""Search on a generated journal of 100,000 entries finds exactly what a
brute-force scan of the same rows finds: common and rare words, prefixes as
typed, phrases, diacritics, tags, and pages read one after another.

The journal is built once per session: 10,000 sample entries (journal/sample),
copied ten times into earlier years by SQL (so the triggers index every copy),
with some words given diacritics and one second holding many entries (the page
query reads a second whole: see search_index.py). About 6 s on two cores.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.models import EntryInput
from journal.sample import generate
from journal.store import EntryQuery, Store, fts_expression
from journal.store.entry_pages import page_ids

# One worker builds the journal once, not one per worker that gets a test.
pytestmark = pytest.mark.xdist_group("search_at_scale")

COPIES = 10
ORIGINALS = 10_000
END = datetime(2026, 3, 1, 21, 30, tzinfo=timezone(timedelta(hours=1)))
# Written with diacritics in some copies, so "cafe" must find "café" and back.
ACCENTED = {"coffee": "café", "morning": "Mörning", "tired": "tïred", "walk": "WÂLK"}
CROWDED_SECOND = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Row:
    id: int
    created: str
    local_date: str
    tokens: tuple[str, ...]
    token_set: frozenset[str]
    tags: frozenset[str]


def fold(text: str) -> str:
    """Case and diacritics folded, as the index's tokenizer does for these words."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", fold(text)))


@dataclass
class Journal:
    store: Store
    rows: list[Row]

    def scan(self, words: list[str], phrases: list[str] = (), tag_prefixes=()) -> list[Row]:
        """Brute force: every word a prefix of a token, every phrase a run of tokens."""
        vocabulary = {t for row in self.rows for t in row.token_set}
        # Each word as the set of tokens it is a prefix of (the same test, done once).
        starts = [{t for t in vocabulary if t.startswith(fold(w))} for w in words]
        found = []
        for row in self.rows:
            if not all(not row.token_set.isdisjoint(s) for s in starts):
                continue
            if not all(_has_run(row.tokens, tokens(p)) for p in phrases):
                continue
            if not all(any(tag.startswith(p) for tag in row.tags) for p in tag_prefixes):
                continue
            found.append(row)
        found.sort(key=lambda r: (r.created, r.id), reverse=True)
        return found


def _has_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


@pytest.fixture(scope="session")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    path: Path = tmp_path_factory.mktemp("scale") / "journal.db"
    with Store.open(path) as store:
        generate(store, entries=ORIGINALS, days=2191, end=END, seed=1, sessions=0)
        with store.write() as db:
            for copy in range(1, COPIES):
                body = "body"
                for plain, accented in ACCENTED.items():
                    if copy % 3 == 1:
                        body = f"replace({body}, '{plain}', '{accented}')"
                db.execute(
                    f"""
                    insert into entries (uuid, created_utc, utc_offset, local_date, mood,
                                         stress, body, updated_utc)
                    select uuid || '-{copy}', datetime(created_utc, '-{copy * 2200} days'),
                           utc_offset, date(local_date, '-{copy * 2200} days'), mood, stress,
                           {body}, updated_utc
                    from entries where id <= {ORIGINALS}
                    """
                )
                db.execute(
                    "insert into entry_tags (entry_id, tag) "
                    f"select entry_id + {copy * ORIGINALS}, tag "
                    f"from entry_tags where entry_id <= {ORIGINALS}"
                )
        # Many entries in one second, some written later than newer ones.
        for n in range(40):
            store.entries.add(
                EntryInput.make(body=f"the crowded second {n} harmonica", mood=3),
                at=CROWDED_SECOND,
            )
        with store.reading() as conn:
            rows = [
                Row(
                    i,
                    created,
                    day,
                    tokens(body),
                    frozenset(tokens(body)),
                    frozenset(tags.split(",") if tags else ()),
                )
                for i, created, day, body, tags in conn.execute(
                    "select id, created_utc, local_date, body, "
                    "(select group_concat(tag) from entry_tags where entry_id = e.id) "
                    "from entries e"
                )
            ]
        yield Journal(store, rows)


def test_the_journal_is_big(journal):
    assert len(journal.rows) == COPIES * ORIGINALS + 40
    with journal.store.reading() as conn:
        first, last = conn.execute(
            "select min(local_date), max(local_date) from entries"
        ).fetchone()
    assert first < "1970-01-01" < "2026-01-01" < last  # before the epoch too


CASES = [
    # (typed, words, phrases, tag prefixes)
    ("", [], [], []),  # the whole journal
    ("#wo", [], [], ["wo"]),  # a common tag
    ("the", ["the"], [], []),  # in nearly one entry in two
    ("work", ["work"], [], []),
    ("harmonica", ["harmonica"], [], []),  # rare
    ("t", ["t"], [], []),
    ("th", ["th"], [], []),
    ("wor", ["wor"], [], []),
    ("mornin", ["mornin"], [], []),
    ("the wor", ["the", "wor"], [], []),
    ('"cold morning"', [], ["cold morning"], []),
    ('"the day" good', ["good"], ["the day"], []),
    ("cafe", ["cafe"], [], []),  # finds café
    ("CAFÉ", ["café"], [], []),
    ("mörn walk", ["mörn", "walk"], [], []),
    ("tïr", ["tïr"], [], []),
    ("#wo the", ["the"], [], ["wo"]),
    ("#insomnia", [], [], ["insomnia"]),  # a rare tag
    ("#insomnia the", ["the"], [], ["insomnia"]),
    ("#s mor", ["mor"], [], ["s"]),
    ("zzzz", ["zzzz"], [], []),
]


@pytest.mark.parametrize(("typed", "words", "phrases", "tag_prefixes"), CASES)
def test_search_finds_what_a_scan_finds(journal, typed, words, phrases, tag_prefixes):
    expected = journal.scan(words, phrases, tag_prefixes)
    query = EntryQuery.from_search(typed)
    entries = journal.store.entries
    # Every match: the ids the page query picks with no limit (reading 90,000
    # whole entries would only slow the test), and whole entries when fewer.
    with journal.store.reading() as conn:
        every = page_ids(conn, query, fts_expression(query.text), limit=None)
    assert sorted(every) == sorted(r.id for r in expected)
    if len(expected) < 2_000:
        assert [e.id for e in entries.find(query, limit=None)] == [r.id for r in expected]
    # Page after page, as the list scrolls.
    after, seen = None, []
    for _ in range(3):
        page = entries.find(query, limit=20, after=after)
        seen += [e.id for e in page]
        if not page:
            break
        after = page[-1]
    assert seen == [r.id for r in expected[:60]]
    # `end`: the oldest page; and back up from the middle, as the list does.
    want = [r.id for r in expected]
    assert [e.id for e in entries.find(query, limit=20, oldest=True)] == want[-20:]
    if len(want) > 50:
        middle = entries.get(want[50])
        assert [e.id for e in entries.find(query, limit=20, before=middle)] == want[30:50]
    assert entries.count(query, cap=1_000) == min(len(expected), 1_000)


def test_pages_through_a_crowded_second_miss_nothing(journal):
    query = EntryQuery.from_search("harmonica")
    expected = [r.id for r in journal.scan(["harmonica"])]
    after, seen = None, []
    while True:
        page = journal.store.entries.find(query, limit=7, after=after)
        if not page:
            break
        seen += [e.id for e in page]
        after = page[-1]
    assert seen == expected
    crowded = [
        e for e in journal.store.entries.find(query, limit=None) if e.created_at == CROWDED_SECOND
    ]
    assert len(crowded) == 40


def test_dates_and_tags_with_words(journal):
    since, until = date(2020, 1, 1), date(2020, 3, 31)
    query = EntryQuery.from_search("the", since=since, until=until, tags=("work",))
    expected = [
        r.id
        for r in journal.scan(["the"])
        if "work" in r.tags and since.isoformat() <= r.local_date <= until.isoformat()
    ]
    assert expected
    assert [e.id for e in journal.store.entries.find(query, limit=None)] == expected
    assert [e.id for e in journal.store.entries.find(query, limit=20)] == expected[:20]
