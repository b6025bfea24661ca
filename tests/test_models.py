"""Validation shared by the command line and the app."""

from __future__ import annotations

import pytest

from journal.models import (
    MAX_BODY_CHARS,
    EntryInput,
    InvalidEntry,
    normalize_tag,
    parse_mood,
    parse_stress,
    parse_tags,
    tags_in_body,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [(1, 1), (5, 5), ("3", 3), (" 4 ", 4), ("great", 5), ("Awful", 1), (None, None), ("", None)],
)
def test_mood_accepts_1_to_5_or_its_word(given, expected):
    assert parse_mood(given) == expected


@pytest.mark.parametrize(
    "given", [0, 6, -1, "6", "4.5", "four", "1e1", True, 3.0, "99999", "٣", "３", "𝟑", "²"]
)
def test_mood_outside_1_to_5_is_refused_with_the_range(given):
    with pytest.raises(InvalidEntry, match="1 to 5") as caught:
        parse_mood(given)
    assert caught.value.field == "mood"


@pytest.mark.parametrize(("given", "expected"), [(0, 0), ("10", 10), ("7", 7), (None, None)])
def test_stress_accepts_0_to_10(given, expected):
    assert parse_stress(given) == expected


@pytest.mark.parametrize("given", [-1, 11, "11", "calm", "5.5", "x", 2.5, "٣", "３", "1_0"])
def test_stress_outside_0_to_10_is_refused_with_the_range(given):
    with pytest.raises(InvalidEntry, match=r"0 \(calm\) to 10"):
        parse_stress(given)


def test_an_entry_needs_a_mood_a_stress_or_text():
    with pytest.raises(InvalidEntry, match="nothing to save"):
        EntryInput.make(body="   \n\t ")
    assert EntryInput.make(stress=0).stress == 0  # 0 is a value, not "nothing"
    assert EntryInput.make(mood=1).mood == 1
    assert EntryInput.make(body="x").body == "x"


def test_body_limits():
    assert EntryInput.make(body="a" * MAX_BODY_CHARS).body == "a" * MAX_BODY_CHARS
    with pytest.raises(InvalidEntry, match="1,000,000"):
        EntryInput.make(body="a" * (MAX_BODY_CHARS + 1))
    with pytest.raises(InvalidEntry, match="NUL"):
        EntryInput.make(body="before\x00after")
    with pytest.raises(InvalidEntry, match="UTF-8"):
        EntryInput.make(body="half a pair \udcff")


def test_body_is_trimmed_but_otherwise_kept_literally():
    body = "  [bold]x[/] \x1b[31m 日本 🙂  \n"
    assert EntryInput.make(body=body).body == "[bold]x[/] \x1b[31m 日本 🙂"


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Slept well #sleep and ran #Running.", ["sleep", "running"]),
        ("# A heading\n## another", []),
        ("issue #12 and rank #1", []),
        ("a#b c/#d &#39;", []),
        ("#café #日本 #work-life #a_b", ["café", "日本", "work-life", "a_b"]),
        ("#sleep again #sleep", ["sleep"]),
        ("#trailing-", ["trailing"]),
    ],
)
def test_hash_words_in_the_body_are_tags(text, tags):
    assert tags_in_body(text) == tags


def test_tags_from_options_and_body_are_merged_lower_case_without_repeats():
    entry = EntryInput.make(body="walk #Outdoors", tags=["#Work", "outdoors", "work"])
    assert entry.tags == ["work", "outdoors"]


@pytest.mark.parametrize(
    "bad", ["two words", "semi;colon", "", "#", "-dash-first", "x" * 41, "a\x1b"]
)
def test_a_tag_must_be_a_word(bad):
    with pytest.raises(InvalidEntry, match="not a word"):
        normalize_tag(bad)


def test_tags_typed_in_a_field_split_on_spaces_and_commas():
    assert parse_tags("#sleep, work  Family") == ["sleep", "work", "family"]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("\n  ## Slept badly \r\nthen coffee", "Slept badly"),
        # Python's splitlines() ends lines at these too; a title keeps them, to show.
        ("one\x85two\x0bthree\x1cfour\u2028five\nsix", "one\x85two\x0bthree\x1cfour\u2028five"),
    ],
)
def test_the_title_is_the_first_line_up_to_a_line_feed(body, title):
    from datetime import UTC, datetime

    from journal.models import Entry

    entry = Entry(id=1, uuid="u", created_at=datetime.now(UTC), mood=None, stress=None, body=body)
    assert entry.title == title
