"""Progressive Muscle Relaxation: routines, and a session clock computed from time.

Pure Python: no clock is read here. The caller passes the time in, so the clock
never drifts (it is not a tick counter) and tests run on a fake clock.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from enum import StrEnum

# -- muscle groups (PMR.md) ------------------------------------------------------------
# "{dom}" / "{non}" are filled with the person's dominant and other side.


@dataclass(frozen=True)
class MuscleGroup:
    name: str
    instruction: str

    def sided(self, dominant: str) -> MuscleGroup:
        other = "left" if dominant == "right" else "right"
        return MuscleGroup(
            self.name.format(dom=dominant, non=other),
            self.instruction.format(dom=dominant, non=other),
        )


FULL_GROUPS = (
    MuscleGroup("{dom} hand and forearm", "Make a tight fist with your {dom} hand."),
    MuscleGroup(
        "{dom} upper arm",
        "Push your {dom} elbow down and in, tightening the biceps; keep the hand still.",
    ),
    MuscleGroup("{non} hand and forearm", "Make a tight fist with your {non} hand."),
    MuscleGroup(
        "{non} upper arm",
        "Push your {non} elbow down and in, tightening the biceps; keep the hand still.",
    ),
    MuscleGroup("forehead", "Raise your eyebrows as high as they go."),
    MuscleGroup("eyes and nose", "Squint your eyes and wrinkle your nose."),
    MuscleGroup("jaw and lower face", "Bite down and pull the corners of your mouth back."),
    MuscleGroup("neck and throat", "Pull your chin toward your chest, and resist it."),
    MuscleGroup(
        "chest, shoulders and upper back",
        "Breathe in, hold, and pull your shoulder blades together.",
    ),
    MuscleGroup("abdomen", "Make your stomach hard, as if bracing for a push."),
    MuscleGroup("{dom} thigh", "Press the muscles of your {dom} thigh, top against bottom."),
    MuscleGroup("{dom} calf", "Pull the toes of your {dom} foot up toward your face."),
    MuscleGroup("{dom} foot", "Curl the toes of your {dom} foot gently downward."),
    MuscleGroup("{non} thigh", "Press the muscles of your {non} thigh, top against bottom."),
    MuscleGroup("{non} calf", "Pull the toes of your {non} foot up toward your face."),
    MuscleGroup("{non} foot", "Curl the toes of your {non} foot gently downward."),
)

STANDARD_GROUPS = (
    MuscleGroup(
        "{dom} arm", "Make a fist and push the {dom} elbow down and in: hand, forearm, upper arm."
    ),
    MuscleGroup(
        "{non} arm", "Make a fist and push the {non} elbow down and in: hand, forearm, upper arm."
    ),
    MuscleGroup("face", "Raise your eyebrows, squint, wrinkle your nose and bite down."),
    MuscleGroup("neck and throat", "Pull your chin toward your chest, and resist it."),
    MuscleGroup(
        "chest, shoulders, upper back and abdomen",
        "Breathe in, hold, pull your shoulder blades together and make your stomach hard.",
    ),
    MuscleGroup(
        "{dom} leg", "Press the {dom} thigh, pull the toes up, then curl them gently down."
    ),
    MuscleGroup(
        "{non} leg", "Press the {non} thigh, pull the toes up, then curl them gently down."
    ),
)

SHORT_GROUPS = (
    MuscleGroup("both arms and hands", "Make two fists and push both elbows down and in."),
    MuscleGroup("face and neck", "Scrunch your whole face and pull your chin toward your chest."),
    MuscleGroup(
        "chest, shoulders, back and abdomen",
        "Breathe in, hold, pull your shoulders back and make your stomach hard.",
    ),
    MuscleGroup("both legs and feet", "Press your thighs, pull your toes up toward your face."),
)

RELEASE_TEXT = "Let it go, all at once. Notice the difference between tense and loose."
RELEASE_ONLY_TEXT = "Notice any tension here, and let it go."
SETTLE_TEXT = "Sit or lie comfortably. Breathe slowly; close your eyes if that feels right."
REST_TEXT = "Breathe, scan your body from head to toe, and stay still."

# Shown before the first session ever, and in help (PMR.md).
# One line a point: the screen wraps them to its width.
SAFETY_TEXT = "\n".join(
    (
        "- Tense firmly but never to the point of pain; skip any area that is injured or sore.",
        "- If you have a history of back, neck or muscle injury, or of seizures, "
        "ask a clinician first.",
        "- Stop if you feel dizzy; breathe normally rather than holding your breath for long.",
        "- This is a self-care tool, not treatment. If you are in crisis, contact local "
        "emergency services or a crisis line.",
    )
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
        checked = {k: check_timing(k, v) for k, v in timings.items() if v is not None}
        return replace(self, **checked)

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
    checked = {k: check_timing(k, v) for k, v in timings.items() if v is not None}
    return replace(
        source,
        name=clean,
        title=f"{clean} (own, from {base})",
        groups=tuple(source.groups[i] for i in indexes),
        dominant=dominant,
        builtin=False,
        base=base,
        kept=indexes,
        **checked,
    )


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


# -- the session clock -----------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """What the screen shows at one instant."""

    step: Step | None  # None: the session is over
    index: int | None
    left_in_step: float
    position: float  # seconds into the schedule (skips move it forward)
    practised: float  # seconds actually practised (pauses and skips excluded)
    left_overall: float
    next_step: Step | None
    paused: bool
    groups_done: int

    @property
    def finished(self) -> bool:
        return self.step is None

    @property
    def progress(self) -> float:
        return (
            1.0 if self.step is None else self.position / max(self.left_overall + self.position, 1)
        )


class SessionClock:
    """Where a session is, computed from its start, its pauses and its skips.

    Every method takes `now` (seconds on any steady clock); nothing is counted by
    ticks, so a busy machine or a late timer never makes it drift.
    """

    def __init__(self, schedule: Schedule, started: float) -> None:
        self.schedule = schedule
        self.started = started
        self.paused_total = 0.0
        self.paused_since: float | None = None
        self.skipped = 0.0  # schedule seconds jumped over by "next group"
        # Groups left by "next group" before their last phase ended: not done.
        self.skipped_groups: set[int] = set()
        self.stopped_at: float | None = None

    def _active(self, now: float) -> float:
        """Seconds of practice: time since the start, less every pause."""
        end = self.stopped_at if self.stopped_at is not None else now
        paused = self.paused_total
        if self.paused_since is not None:
            paused += end - self.paused_since
        return max(end - self.started - paused, 0.0)

    def position(self, now: float) -> float:
        return self._active(now) + self.skipped

    def at(self, now: float) -> Moment:
        schedule = self.schedule
        position = min(self.position(now), schedule.total)
        index = None if self.stopped_at is not None else schedule.index_at(position)
        step = schedule.steps[index] if index is not None else None
        next_step = (
            schedule.steps[index + 1]
            if index is not None and index + 1 < len(schedule.steps)
            else None
        )
        practised = min(self._active(now), schedule.total)
        return Moment(
            step=step,
            index=index,
            left_in_step=(step.end - position) if step else 0.0,
            position=position,
            practised=practised,
            left_overall=max(schedule.total - position, 0.0),
            next_step=next_step,
            paused=self.paused_since is not None,
            groups_done=schedule.groups_done(position) - len(self.skipped_groups),
        )

    def pause(self, now: float) -> None:
        if self.paused_since is None and self.stopped_at is None:
            self.paused_since = now

    def resume(self, now: float) -> None:
        if self.paused_since is not None:
            self.paused_total += now - self.paused_since
            self.paused_since = None

    def toggle_pause(self, now: float) -> None:
        if self.paused_since is None:
            self.pause(now)
        else:
            self.resume(now)

    def next_group(self, now: float) -> None:
        """Jump to the first phase of the next group (or the closing rest)."""
        moment = self.at(now)
        if moment.step is None:
            return
        steps = self.schedule.steps
        current = moment.step.group
        target = next(
            (
                s.start
                for s in steps[moment.index + 1 :]
                if s.group is not None and s.group != current
            ),
            None,
        )
        if target is None:
            target = steps[-1].start  # the closing rest
        if moment.step.phase is Phase.REST:
            return
        if current is not None:
            self.skipped_groups.add(current)
        self.skipped += target - moment.position

    def stop(self, now: float) -> float:
        """End the session now; returns the seconds practised."""
        if self.stopped_at is None:
            self.resume(now)
            self.stopped_at = now
        return self.at(now).practised
