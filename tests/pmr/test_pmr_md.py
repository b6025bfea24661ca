"""PMR.md (docs/PMR.md, the facts the timer is built on) states the lengths of the
three routines with the default timings: the routines must compute the same."""

from __future__ import annotations

import re
from pathlib import Path

from journal.pmr import BUILTIN_ROUTINES
from journal.pmr.clock import SessionClock

PMR_MD = Path(__file__).parents[2] / "docs" / "PMR.md"


def stated_lengths() -> dict[int, int]:
    """{groups: seconds} from PMR.md's "Lengths with the defaults" sentence."""
    text = " ".join(PMR_MD.read_text(encoding="utf-8").split())
    sentence = re.search(r"Lengths with the defaults[^:]*:(.*?)\.", text)
    assert sentence, "PMR.md no longer states the routines' lengths"
    found = re.findall(r"(\d+) groups (\d+) min (\d+) s", sentence[1])
    return {int(groups): int(m) * 60 + int(s) for groups, m, s in found}


def test_pmr_md_states_the_three_lengths():
    assert set(stated_lengths()) == {16, 7, 4}


def test_the_routines_take_as_long_as_pmr_md_says():
    by_groups = {len(r.groups): r for n, r in BUILTIN_ROUTINES.items() if not r.release_only}
    for groups, seconds in stated_lengths().items():
        assert by_groups[groups].seconds == seconds, f"{groups} groups"


def test_practice_stops_counting_when_the_session_ends_after_a_skip():
    short = BUILTIN_ROUTINES["short"]
    clock = SessionClock(short.schedule(), started=0.0)
    clock.next_group(60.0)  # group 2 of 4, 3 s into its tense: 34 s jumped over
    assert clock.at(60.0).practised == 60.0
    assert clock.at(1000.0).finished
    assert clock.at(1000.0).practised == short.seconds - 34 == 194
