"""Progressive Muscle Relaxation routines: their groups, timings and schedule.

Pure Python. The groups' words are in journal.pmr.groups; the clock that follows
a session through its schedule is journal.pmr.clock.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from journal.pmr.groups import (
    FULL_GROUPS,
    RELEASE_ONLY_TEXT,
    RELEASE_TEXT,
    REST_TEXT,
    SETTLE_TEXT,
    SHORT_GROUPS,
    STANDARD_GROUPS,
    MuscleGroup,
)

# -- timings -----------------------------------------------------------------------------

# Allowed ranges, in seconds (cycles: times per group). The command line and the
# routine form both check against these.
LIMITS = {
    "settle": (1, 600),
    "tense": (1, 60),
    "release": (1, 300),
    "rest": (1, 600),
    "cycles": (1, 5),
}


class InvalidRoutine(ValueError):
    """A routine setting out of range; the message gives the allowed range."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def check_timing(name: str, value: object) -> int:
    low, high = LIMITS[name]
    unit = "" if name == "cycles" else " s"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        value = str(value)
    number: int | None
    if isinstance(value, str) and not re.fullmatch(r"\s*[0-9]+\s*", value, re.ASCII):
        number = None  # int() would also read "٣" and "0_3"
    else:
        try:
            number = int(value)
        except ValueError:
            number = None
    if number is None or not low <= number <= high:
        raise InvalidRoutine(
            f"{name} must be a whole number from {low} to {high}{unit}", field=name
        )
    return number


@dataclass(frozen=True)
class Routine:
    """A PMR routine: which groups, in what order, for how long each phase."""

    name: str
    title: str
    groups: tuple[MuscleGroup, ...]
    settle: int = 20
    tense: int = 7
    release: int = 30
    rest: int = 60
    cycles: int = 1
    dominant: str = "right"
    release_only: bool = False
    builtin: bool = True
    # For a user's routine: the built-in it started from, and the groups kept.
    base: str | None = None
    kept: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        for name in LIMITS:
            check_timing(name, getattr(self, name))
        if self.dominant not in ("right", "left"):
            raise InvalidRoutine("dominant side must be 'right' or 'left'", "dominant")
        if not self.groups:
            raise InvalidRoutine("a routine needs at least one muscle group", "groups")

    def with_timings(self, **timings: object) -> Routine:
        """A copy with some timings changed (checked against LIMITS)."""
        return replace(self, **_checked(timings))

    @property
    def sided_groups(self) -> tuple[MuscleGroup, ...]:
        return tuple(group.sided(self.dominant) for group in self.groups)

    def schedule(self) -> Schedule:
        return Schedule.of(self)

    @property
    def seconds(self) -> int:
        return self.schedule().total

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "groups": [g.sided(self.dominant).name for g in self.groups],
            "settle": self.settle,
            "tense": 0 if self.release_only else self.tense,
            "release": self.release,
            "rest": self.rest,
            "cycles": self.cycles,
            "dominant": self.dominant,
            "release_only": self.release_only,
            "seconds": self.seconds,
        }


def _builtin(name: str, title: str, groups: tuple[MuscleGroup, ...], release_only: bool):
    return Routine(name, title, groups, release_only=release_only)


BUILTIN_ROUTINES: dict[str, Routine] = {
    r.name: r
    for r in (
        _builtin("full", "Full: 16 muscle groups", FULL_GROUPS, False),
        _builtin("standard", "Standard: 7 muscle groups", STANDARD_GROUPS, False),
        _builtin("short", "Short: 4 muscle groups", SHORT_GROUPS, False),
        _builtin("full-release", "Release only: 16 groups", FULL_GROUPS, True),
        _builtin("standard-release", "Release only: 7 groups", STANDARD_GROUPS, True),
        _builtin("short-release", "Release only: 4 groups", SHORT_GROUPS, True),
    )
}


def make_user_routine(
    name: str,
    *,
    base: str,
    kept: tuple[int, ...] | list[int],
    dominant: str = "right",
    **timings: object,
) -> Routine:
    """A person's own routine: a built-in's groups (some of them), own timings."""
    clean = name.strip().lower()
    if not clean or len(clean) > 40 or not all(c.isalnum() or c in "-_ " for c in clean):
        raise InvalidRoutine(
            "a routine's name is a word or two (letters, digits, '-', '_'; up to 40)", "name"
        )
    clean = "-".join(clean.split())
    if clean in BUILTIN_ROUTINES:
        raise InvalidRoutine(f"'{clean}' is a built-in routine; choose another name", "name")
    if base not in BUILTIN_ROUTINES:
        raise InvalidRoutine(f"unknown routine '{base}' to start from", "base")
    source = BUILTIN_ROUTINES[base]
    indexes = tuple(sorted(set(kept)))
    if not indexes or any(not 0 <= i < len(source.groups) for i in indexes):
        raise InvalidRoutine("choose at least one muscle group", "groups")
    return replace(
        source,
        name=clean,
        title=f"{clean} (own, from {base})",
        groups=tuple(source.groups[i] for i in indexes),
        dominant=dominant,
        builtin=False,
        base=base,
        kept=indexes,
        **_checked(timings),
    )


def _checked(timings: dict[str, object]) -> dict[str, Any]:
    """The timings given (None: left as they are), each checked against LIMITS."""
    return {k: check_timing(k, v) for k, v in timings.items() if v is not None}


# -- the schedule ------------------------------------------------------------------------


class Phase(StrEnum):
    SETTLE = "settle"
    TENSE = "tense"
    RELEASE = "release"
    REST = "rest"


@dataclass(frozen=True)
class Step:
    """One phase of a session, at its offset (seconds of practice) from the start."""

    phase: Phase
    start: int
    seconds: int
    group: int | None  # index into the routine's groups
    cycle: int  # 1-based; 0 for settle and rest
    title: str
    instruction: str

    @property
    def end(self) -> int:
        return self.start + self.seconds


@dataclass(frozen=True)
class Schedule:
    routine: Routine
    steps: tuple[Step, ...]
    starts: tuple[int, ...] = field(repr=False)

    @classmethod
    def of(cls, routine: Routine) -> Schedule:
        steps: list[Step] = []
        at = 0

        def add(phase: Phase, seconds: int, group: int | None, cycle: int, title: str, text: str):
            nonlocal at
            steps.append(Step(phase, at, seconds, group, cycle, title, text))
            at += seconds

        add(Phase.SETTLE, routine.settle, None, 0, "Settle", SETTLE_TEXT)
        for index, group in enumerate(routine.sided_groups):
            for cycle in range(1, routine.cycles + 1):
                if routine.release_only:
                    text = RELEASE_ONLY_TEXT.format(group=group.name)
                    add(Phase.RELEASE, routine.release, index, cycle, group.name, text)
                    continue
                add(Phase.TENSE, routine.tense, index, cycle, group.name, group.instruction)
                text = RELEASE_TEXT.format(group=group.name)
                add(Phase.RELEASE, routine.release, index, cycle, group.name, text)
        add(Phase.REST, routine.rest, None, 0, "Rest", REST_TEXT)
        return cls(routine, tuple(steps), tuple(s.start for s in steps))

    @property
    def total(self) -> int:
        return self.steps[-1].end

    def index_at(self, position: float) -> int | None:
        """The step running `position` seconds into the practice; None once over."""
        if position >= self.total:
            return None
        return max(bisect.bisect_right(self.starts, position) - 1, 0)

    def group_start(self, group: int) -> int | None:
        for step in self.steps:
            if step.group == group:
                return step.start
        return None

    def groups_done(self, position: float) -> int:
        """Groups whose every phase has ended by `position`."""
        done = 0
        for index in range(len(self.routine.groups)):
            last = max(s.end for s in self.steps if s.group == index)
            if position >= last:
                done += 1
        return done
