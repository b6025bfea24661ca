"""Fuzz tests: any text, number or date given to the entry model or typed on the
command line ends in a value or a clear refusal, never in 'unexpected', and nothing
printed holds a raw control character or bidi override."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.models import (
    MOOD_MAX,
    MOOD_MIN,
    STRESS_MAX,
    STRESS_MIN,
    EntryInput,
    InvalidEntry,
    normalize_tag,
    parse_mood,
    parse_stress,
    parse_tags,
    to_utc_text,
)
from journal.when import parse_when

# No example database (.hypothesis/ in the working tree): a failure prints the
# example that failed and a @reproduce_failure line that replays it. The numbers of
# examples keep the whole file near 10 s.
FUZZ = settings(deadline=None, database=None, print_blob=True, max_examples=150)
# The command-line tests share one journal among their examples, on purpose: each
# command meets what the ones before it saved.
FUZZ_CLI = settings(
    FUZZ,
    max_examples=250,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
# Characters that have broken parsers and terminals: controls, overrides, digits of
# other scripts, lone surrogates (bytes of a command line that were not UTF-8),
# the separators the parsers split at, and Rich markup.
TRICKY = [
    *(chr(c) for c in range(0x20)),
    "\x7f",
    *C1,
    *BIDI,
    "\ud800",
    "\udcff",
    "\u2028",
    "٣",
    "３",
    "𝟑",
    "²",
    "#",
    ",",
    "-",
    "_",
    ":",
    " ",
    "[",
    "]",
    "/",
    '"',
    "*",
    "é",
    "日",
    "🙂",
]
# Built from a list: st.text() leaves lone surrogates out.
text = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(TRICKY),
        st.sampled_from(["\udcff", "\x1b", "\x9b", "\u202e", "\x00"]),
        st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")),
    ),
    max_size=30,
).map("".join)
number = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=-3, max_value=12).map(str),
    st.sampled_from(["0", "00", "+3", " 4 ", "1_0", "3.0", "1e1", "٣", "１０", "9" * 5000]),
)
typed_time = st.one_of(
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat(" ", "minutes")),
    st.builds(lambda n: f"{n} days ago", st.integers(min_value=0, max_value=99999)),
    st.sampled_from(["now", "today 25:00", "yesterday 7:45", "23:59:60", "0000-01-01"]),
)
value = st.one_of(text, number, typed_time)

UNSAFE_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# -- the entry model -----------------------------------------------------------------


@FUZZ
@given(st.one_of(st.none(), text, number, st.integers(), st.floats(), st.booleans()))
def test_mood_and_stress_are_in_range_or_refused(given_value):
    for parse, low, high in (
        (parse_mood, MOOD_MIN, MOOD_MAX),
        (parse_stress, STRESS_MIN, STRESS_MAX),
    ):
        try:
            parsed = parse(given_value)
        except InvalidEntry:
            continue
        assert parsed is None or (type(parsed) is int and low <= parsed <= high)


@FUZZ
@given(text)
def test_tags_are_words_or_refused(typed):
    try:
        tags = parse_tags(typed)
    except InvalidEntry as exc:
        assert not UNSAFE_OUTPUT.search(str(exc))
        return
    assert all(normalize_tag(tag) == tag for tag in tags)


@FUZZ
@given(
    mood=st.one_of(st.none(), number, text),
    stress=st.one_of(st.none(), number, text),
    body=text,
    tags=st.lists(text, max_size=3),
)
def test_an_entry_is_valid_or_refused(mood, stress, body, tags):
    try:
        entry = EntryInput.make(mood=mood, stress=stress, body=body, tags=tags)
    except InvalidEntry as exc:
        assert not UNSAFE_OUTPUT.search(str(exc))
        return
    assert entry.mood is not None or entry.stress is not None or entry.body
    assert "\x00" not in entry.body
    entry.body.encode("utf-8")
    assert all(normalize_tag(tag) == tag for tag in entry.tags)


@FUZZ
@given(st.one_of(text, typed_time), st.datetimes(min_value=datetime(1990, 1, 1)))
def test_a_typed_time_is_a_moment_that_can_be_stored_or_refused(typed, now):
    try:
        when = parse_when(typed, now.astimezone())
    except InvalidEntry as exc:
        assert not UNSAFE_OUTPUT.search(str(exc))
        return
    moment = when.moment()
    assert len(to_utc_text(moment)) == len("2026-11-24 09:30:00")


# -- the command line ----------------------------------------------------------------


def with_options(*names: str):
    """Each option at most once, with any value, in any order."""
    pairs = [st.lists(st.tuples(st.just(name), value), max_size=1) for name in names]
    return (
        st.tuples(*pairs)
        .flatmap(lambda chosen: st.permutations([pair for one in chosen for pair in one]))
        .map(lambda pairs: [arg for pair in pairs for arg in pair])
    )


ADD = st.builds(
    lambda words, opts: ["add", *words, *opts],
    st.lists(text, max_size=3),
    with_options("-m", "-s", "-t", "--at"),
)
LIST = st.builds(
    lambda json, opts: ["list", *json, *opts],
    st.sampled_from([[], ["--json"]]),
    with_options("--since", "--until", "-t", "--search", "-n"),
)
ONE_ENTRY = st.one_of(
    st.builds(lambda entry_id: ["show", entry_id], st.one_of(number, text, st.just("1"))),
    st.builds(lambda entry_id: ["show", "--json", entry_id], number),
    st.builds(
        lambda entry_id, opts: ["edit", entry_id, *opts],
        st.one_of(number, st.just("1")),
        with_options("-m", "-s", "-t", "--at", "--text"),
    ),
    st.builds(lambda entry_id: ["delete", entry_id, "--yes"], number),
)
RELAX = st.one_of(
    st.builds(lambda opts: ["sessions", *opts], with_options("-n")),
    st.builds(lambda opts: ["pmr", *opts], with_options("--routine", "--tense", "--cycles")),
)


@pytest.fixture
def cli(journal, monkeypatch):
    """The command line on a journal with an entry (show, edit, delete find one),
    shared by the examples; the app is not opened (`journal pmr`)."""
    from journal import launch

    monkeypatch.setattr(launch, "run_app", lambda store, **how: None)
    assert journal("add", "a first entry #tag", "-m", "3").code == 0
    return journal


def answers_clearly(cli, args: list[str], stdin: bytes | None = None) -> None:
    # An editor that closes at once without saving: `edit ID` alone opens it.
    result = cli(*args, input=stdin, env={"EDITOR": "true"})
    assert result.code in (0, 1, 2), (args, result)
    # The catch-all in journal.cli.main: "journal: unexpected <error>; run again with..."
    assert "JOURNAL_DEBUG" not in result.err, (args, result.err)
    assert not UNSAFE_OUTPUT.search(result.out + result.err), (args, result)
    if result.code:
        assert result.err.count("\n") == 1, (args, result.err)


@FUZZ_CLI
@given(args=ADD, stdin=st.one_of(st.none(), st.binary(max_size=20)))
def test_add_answers_every_input_clearly(cli, args, stdin):
    answers_clearly(cli, args, stdin)


@FUZZ_CLI
@given(args=LIST)
def test_list_answers_every_input_clearly(cli, args):
    answers_clearly(cli, args)


@FUZZ_CLI
@given(args=ONE_ENTRY)
def test_show_edit_delete_answer_every_input_clearly(cli, args):
    answers_clearly(cli, args)


@FUZZ_CLI
@given(args=RELAX)
def test_sessions_and_pmr_answer_every_input_clearly(cli, args):
    answers_clearly(cli, args)
