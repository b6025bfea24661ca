"""The relaxation timer's routines and session clock, on a fake clock."""

from __future__ import annotations

import pytest

from journal.pmr import (
    BUILTIN_ROUTINES,
    LIMITS,
    InvalidRoutine,
    Phase,
    make_user_routine,
)
from journal.pmr.clock import SessionClock

T0 = 1000.0  # any steady clock will do


def boundaries(routine) -> list[tuple[int, str, int | None, int]]:
    return [(s.start, s.phase.value, s.group, s.cycle) for s in routine.schedule().steps]


@pytest.mark.parametrize(
    ("name", "groups", "tense_phases", "minutes"),
    [
        ("full", 16, 16, 11.2),
        ("standard", 7, 7, 5.65),
        ("short", 4, 4, 3.8),
        ("full-release", 16, 0, 9.33),
        ("standard-release", 7, 0, 4.83),
        ("short-release", 4, 0, 3.33),
    ],
)
def test_builtin_routines_follow_pmr_md(name, groups, tense_phases, minutes):
    routine = BUILTIN_ROUTINES[name]
    steps = routine.schedule().steps
    assert len(routine.groups) == groups
    assert [s.phase for s in steps].count(Phase.TENSE) == tense_phases
    assert steps[0].phase is Phase.SETTLE and steps[-1].phase is Phase.REST
    assert round(routine.seconds / 60, 2) == minutes


@pytest.mark.parametrize("name", sorted(BUILTIN_ROUTINES))
def test_every_phase_boundary_falls_at_its_scheduled_second(name):
    routine = BUILTIN_ROUTINES[name]
    expected, at = [], 0
    expected.append((0, "settle", None, 0))
    at = routine.settle
    for group in range(len(routine.groups)):
        for cycle in range(1, routine.cycles + 1):
            if not routine.release_only:
                expected.append((at, "tense", group, cycle))
                at += routine.tense
            expected.append((at, "release", group, cycle))
            at += routine.release
    expected.append((at, "rest", None, 0))
    assert boundaries(routine) == expected
    clock = SessionClock(routine.schedule(), started=T0)
    for start, phase, group, _ in expected:
        before = clock.at(T0 + start - 0.001).step
        at_start = clock.at(T0 + start)
        assert at_start.step.phase.value == phase and at_start.step.group == group
        assert at_start.left_in_step == at_start.step.seconds
        if start:
            assert before is not at_start.step
    assert clock.at(T0 + routine.seconds).finished
    assert clock.at(T0 + routine.seconds - 0.001).step.phase is Phase.REST


def test_two_cycles_tense_and_release_each_group_twice():
    routine = BUILTIN_ROUTINES["short"].with_timings(cycles=2)
    steps = routine.schedule().steps
    assert [(s.phase.value, s.cycle) for s in steps if s.group == 0] == [
        ("tense", 1),
        ("release", 1),
        ("tense", 2),
        ("release", 2),
    ]
    assert routine.seconds == 20 + 4 * 2 * (7 + 30) + 60


def test_a_pause_of_37_5_s_shifts_everything_by_exactly_that():
    schedule = BUILTIN_ROUTINES["short"].schedule()
    clock = SessionClock(schedule, started=T0)
    clock.pause(T0 + 10)
    assert clock.at(T0 + 40).paused
    assert clock.at(T0 + 40).position == 10  # time stands still while paused
    clock.resume(T0 + 47.5)
    for step in schedule.steps:
        moment = clock.at(T0 + 37.5 + step.start)
        assert moment.step == step and moment.left_in_step == step.seconds
    assert clock.at(T0 + 37.5 + schedule.total).finished
    assert clock.at(T0 + 37.5 + schedule.total - 0.01).step.phase is Phase.REST


def test_next_group_skips_to_that_groups_first_phase():
    schedule = BUILTIN_ROUTINES["standard"].schedule()
    clock = SessionClock(schedule, started=T0)
    clock.next_group(T0 + 5)  # during settle: to group 0's tense
    moment = clock.at(T0 + 5)
    assert (moment.step.phase, moment.step.group, moment.left_in_step) == (Phase.TENSE, 0, 7)
    clock.next_group(T0 + 8)  # in group 0's release: to group 1's tense
    moment = clock.at(T0 + 8)
    assert (moment.step.phase, moment.step.group) == (Phase.TENSE, 1)
    assert moment.practised == 8  # skipping is not practice
    for _ in range(10):
        clock.next_group(T0 + 9)
    assert clock.at(T0 + 9).step.phase is Phase.REST  # past the last group: the closing rest


def test_stop_records_the_seconds_practised_without_pauses():
    clock = SessionClock(BUILTIN_ROUTINES["short"].schedule(), started=T0)
    clock.pause(T0 + 30)
    clock.resume(T0 + 90)
    assert clock.stop(T0 + 100) == 40
    assert clock.at(T0 + 500).finished and clock.at(T0 + 500).practised == 40


def test_groups_done_counts_only_finished_groups():
    routine = BUILTIN_ROUTINES["short"]
    clock = SessionClock(routine.schedule(), started=T0)
    assert clock.at(T0 + 20 + 37 - 1).groups_done == 0
    assert clock.at(T0 + 20 + 37).groups_done == 1
    assert clock.at(T0 + routine.seconds).groups_done == 4


def test_a_skipped_group_is_not_counted_done():
    routine = BUILTIN_ROUTINES["short"]
    clock = SessionClock(routine.schedule(), started=T0)
    clock.next_group(T0 + 22)  # group 0's tense: on to group 1
    assert clock.at(T0 + 22).groups_done == 0
    clock.next_group(T0 + 23)  # and on past group 1
    end = T0 + 23 + routine.seconds
    assert clock.at(end - routine.rest - 1).groups_done == 2  # groups 2 and 3, in full


def test_release_only_has_no_tense_phase():
    routine = BUILTIN_ROUTINES["short-release"]
    steps = routine.schedule().steps
    assert Phase.TENSE not in {s.phase for s in steps}
    assert steps[1].title == "both arms and hands"
    assert "tense" not in steps[1].instruction.lower()


def test_dominant_side_is_mirrored_in_names_and_instructions():
    left = BUILTIN_ROUTINES["full"].with_timings()  # unchanged copy
    assert left.sided_groups[0].name == "right hand and forearm"
    mirrored = make_user_routine("lefty", base="full", kept=range(16), dominant="left")
    assert mirrored.sided_groups[0].name == "left hand and forearm"
    assert "left hand" in mirrored.sided_groups[0].instruction
    assert mirrored.sided_groups[2].name == "right hand and forearm"


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("tense", 0),
        ("tense", 61),
        ("release", 301),
        ("cycles", 6),
        ("settle", -1),
        ("rest", "x"),
        ("cycles", 2.5),
    ],
)
def test_timings_out_of_range_name_the_allowed_range(field, bad):
    low, high = LIMITS[field]
    with pytest.raises(InvalidRoutine, match=f"from {low} to {high}"):
        BUILTIN_ROUTINES["short"].with_timings(**{field: bad})


def test_a_users_routine_keeps_chosen_groups_and_timings():
    routine = make_user_routine(
        "Desk Break", base="standard", kept=[0, 1, 3], tense=5, release=20, cycles=2
    )
    assert routine.name == "desk-break" and not routine.builtin
    assert [g.name for g in routine.sided_groups] == ["right arm", "left arm", "neck and throat"]
    assert routine.seconds == 20 + 3 * 2 * (5 + 20) + 60
    with pytest.raises(InvalidRoutine, match="built-in"):
        make_user_routine("short", base="short", kept=[0])
    with pytest.raises(InvalidRoutine, match="at least one"):
        make_user_routine("none", base="short", kept=[])


@pytest.mark.parametrize("typed", ["٣", "0_3", "３", "1e1"])
def test_timings_take_ascii_digits_only(typed):
    with pytest.raises(InvalidRoutine, match="whole number"):
        BUILTIN_ROUTINES["short"].with_timings(tense=typed)
