"""Entries, search, tags, drafts and settings in the store."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.models import EntryInput
from journal.store import EntryNotFound, EntryQuery, Store, fts_expression


def add(store: Store, body: str = "", *, at: datetime | None = None, **fields) -> int:
    return store.entries.add(EntryInput.make(body=body, **fields), at=at).id


def ids(entries) -> list[int]:
    return [e.id for e in entries]


def test_an_added_entry_reads_back_exactly(store, clock):
    body = "Slept well, calm morning #sleep\n\n[bold]x[/] \x1b[31m 日本 🙂 مرحبا"
    entry = store.entries.add(EntryInput.make(mood=4, stress=2, body=body, tags=["walk"]))
    again = store.entries.get(entry.id)
    assert again == entry
    assert (again.mood, again.stress, again.body) == (4, 2, body)
    assert again.tags == ["sleep", "walk"]
    assert again.created_at == clock.now and again.created_at.utcoffset() == timedelta(hours=1)
    assert len(again.uuid) == 36


def test_every_entry_gets_its_own_uuid(store):
    uuids = {store.entries.get(add(store, mood=3)).uuid for _ in range(20)}
    assert len(uuids) == 20


def test_the_writers_offset_is_kept_so_the_day_is_the_one_they_lived(store):
    # 00:30 on 2 March in Tokyo is still 1 March in UTC.
    tokyo = datetime(2026, 3, 2, 0, 30, tzinfo=timezone(timedelta(hours=9)))
    entry_id = add(store, "landed", at=tokyo)
    stored = store.entries.get(entry_id)
    assert stored.created_at == tokyo
    assert stored.created_at.isoformat() == "2026-03-02T00:30:00+09:00"
    assert ids(store.entries.find(EntryQuery(since=date(2026, 3, 2), until=date(2026, 3, 2)))) == [
        entry_id
    ]
    assert ids(store.entries.find(EntryQuery(until=date(2026, 3, 1)))) == []


def test_entries_come_newest_first_by_the_moment_not_the_insert_order(store, clock):
    older = add(store, "written later about last week", at=clock.now - timedelta(days=7))
    newer = add(store, "today")
    middle = add(store, "yesterday", at=clock.now - timedelta(days=1))
    assert ids(store.entries.find()) == [newer, middle, older]


def test_pages_continue_where_the_last_one_ended_without_repeats(store, clock):
    created = []
    for n in range(25):
        # Several entries share a second: the id breaks the tie.
        created.append(add(store, f"entry {n}", at=clock.now - timedelta(minutes=n // 3)))
    seen = []
    page = store.entries.find(limit=10)
    while page:
        seen += ids(page)
        page = store.entries.find(limit=10, after=page[-1])
    assert sorted(seen) == sorted(created) and len(seen) == len(set(seen)) == 25
    assert ids(store.entries.find(limit=None)) == seen


def test_update_changes_fields_tags_and_search(store, clock):
    entry_id = add(store, "rainy walk #outdoors", mood=2, tags=["walk"])
    clock.advance(hours=2)
    store.entries.update(entry_id, EntryInput.make(body="sunny swim", mood=5, tags=["swim"]))
    entry = store.entries.get(entry_id)
    assert (entry.body, entry.mood, entry.tags) == ("sunny swim", 5, ["swim"])
    shown = entry.to_json()
    assert shown["updated_at"] == clock.now.isoformat(timespec="seconds")
    assert shown["created_at"] == (clock.now - timedelta(hours=2)).isoformat(timespec="seconds")
    assert ids(store.entries.find(EntryQuery(text="sunny"))) == [entry_id]
    assert store.entries.find(EntryQuery(text="rainy")) == []
    assert store.entries.tag_counts() == [("swim", 1)]


def test_delete_removes_entry_tags_search_and_draft(store):
    keep = add(store, "keep me #a")
    gone = add(store, "delete me #a #b")
    store.drafts.save(gone, body="half edited", mood=None, stress=None, tags="")
    store.entries.delete(gone)
    assert ids(store.entries.find()) == [keep]
    assert store.entries.find(EntryQuery(text="delete")) == []
    assert store.entries.tag_counts() == [("a", 1)]
    assert store.drafts.get(gone) is None
    with pytest.raises(EntryNotFound, match="no entry"):
        store.entries.get(gone)
    with pytest.raises(EntryNotFound):
        store.entries.delete(gone)
    with pytest.raises(EntryNotFound):
        store.entries.update(gone, EntryInput.make(mood=3))


@pytest.mark.parametrize(
    ("search", "finds"),
    [
        ("calm", [1]),
        ("CALM", [1]),
        ("sleeping", []),  # not stemmed: a prefix of a word as written
        ("slee", [1]),  # half typed
        ("Cal mor", [1]),  # every word half typed
        ("sle", [1]),  # a prefix, as typed in a search box
        ("cafe", [2]),  # diacritics folded
        ("work deadline", [3]),  # every word must match
        ('"deadline work"', []),  # a phrase keeps its order
        ('"work deadline"', [3]),
        # FTS5 syntax is searched for as words, never run as a query.
        ("NEAR(work deadline)", []),
        ("work AND", []),
        ("body:work", []),
        ("* ^ ( ) : -", []),
        ('"', []),
    ],
)
def test_full_text_search(store, clock, search, finds):
    add(store, "Calm morning, good sleep", at=clock.now - timedelta(hours=3))
    add(store, "Coffee at the café", at=clock.now - timedelta(hours=2))
    add(store, "Work deadline stress", at=clock.now - timedelta(hours=1))
    assert ids(store.entries.find(EntryQuery(text=search))) == finds[::-1]


def test_search_results_are_newest_first_and_counted(store, clock):
    for n in range(30):
        add(store, f"walked the dog, day {n}", at=clock.now - timedelta(days=n))
    add(store, "no match here")
    found = store.entries.find(EntryQuery(text="dog"), limit=5)
    assert [e.created_at for e in found] == sorted((e.created_at for e in found), reverse=True)
    assert store.entries.count(EntryQuery(text="dog")) == 30


def test_hash_words_in_a_search_filter_by_tag(store):
    both = add(store, "tired after work #sleep", tags=["work"])
    add(store, "tired #sleep")
    add(store, "work again", tags=["work"])
    query = EntryQuery.from_search("#work #Sleep tired")
    assert query.tag_prefixes == ("work", "sleep") and query.text == "tired"
    assert ids(store.entries.find(query)) == [both]
    # Typed a letter at a time: a tag half typed finds the tags that start so.
    assert ids(store.entries.find(EntryQuery.from_search("#wo #sle tir"))) == [both]


def test_tag_filter_and_counts(store):
    add(store, "a", tags=["work", "sleep"])
    add(store, "b", tags=["work"])
    add(store, "c #sleep #work #family")
    assert store.entries.tag_counts() == [("work", 3), ("sleep", 2), ("family", 1)]
    assert len(store.entries.find(EntryQuery(tags=("work",)))) == 3
    assert len(store.entries.find(EntryQuery(tags=("work", "family")))) == 1
    assert store.entries.find(EntryQuery(tags=("nope",))) == []


def test_since_and_until_are_inclusive_local_days(store, clock):
    days = {d: add(store, f"day {d}", at=clock.now - timedelta(days=d)) for d in range(5)}
    today = clock.now.date()
    query = EntryQuery(since=today - timedelta(days=3), until=today - timedelta(days=1))
    assert ids(store.entries.find(query)) == [days[1], days[2], days[3]]
    moment = EntryQuery(since_moment=clock.now - timedelta(days=1, minutes=1))
    assert ids(store.entries.find(moment)) == [days[0], days[1]]


def test_one_draft_for_new_and_one_per_edited_entry(store):
    assert store.drafts.get(None) is None
    store.drafts.save(None, body="first words", mood=3, stress=None, tags="sleep")
    store.drafts.save(None, body="first words, more", mood=3, stress=4, tags="sleep")
    draft = store.drafts.get(None)
    assert (draft.body, draft.mood, draft.stress, draft.tags) == (
        "first words, more",
        3,
        4,
        "sleep",
    )
    entry_id = store.entries.add(EntryInput.make(body="saved"), ends_draft=True).id
    assert store.drafts.get(None) is None  # saving a new entry ends its draft
    store.drafts.save(entry_id, body="saved, edited", mood=None, stress=None, tags="")
    assert store.drafts.get(entry_id).body == "saved, edited"
    assert store.drafts.get(None) is None
    store.drafts.discard(entry_id)
    assert store.drafts.get(entry_id) is None


def test_settings_round_trip_through_their_typed_accessors(store):
    assert (store.settings.theme, store.settings.bell, store.settings.safety_seen) == (
        None,
        True,
        False,
    )
    store.settings.set_theme("nord")
    store.settings.set_bell(False)
    store.settings.set_safety_seen()
    assert (store.settings.theme, store.settings.bell, store.settings.safety_seen) == (
        "nord",
        False,
        True,
    )


def test_a_setting_of_the_wrong_type_reads_as_its_default(store):
    with store.write() as db:
        db["settings"].upsert({"key": "theme", "value": "42"}, pk="key")
        db["settings"].upsert({"key": "bell", "value": '"no"'}, pk="key")
    assert (store.settings.theme, store.settings.bell) == (None, True)


def test_a_failed_write_leaves_nothing_behind(store):
    add(store, "before")
    with pytest.raises(RuntimeError), store.write() as db:
        db["entries"].insert(
            {
                "uuid": "x",
                "created_utc": "2026-01-01 00:00:00",
                "utc_offset": 0,
                "local_date": "2026-01-01",
                "body": "half written",
            }
        )
        raise RuntimeError("power cut")
    assert [e.body for e in store.entries.find()] == ["before"]
    assert store.entries.find(EntryQuery(text="half")) == []


@pytest.mark.parametrize(
    ("typed", "expression"),
    [("sleep well", '"sleep"* "well"*'), ('"a b" c', '"a b" "c"*'), ('x"y', '"xy"*'), ("--", "")],
)
def test_typed_words_become_a_quoted_fts_query(typed, expression):
    assert fts_expression(typed) == expression


def test_an_id_is_never_given_twice(store):
    first = add(store, "one")
    newest = add(store, "two")
    store.entries.delete(newest)
    assert add(store, "three") == newest + 1 != first
