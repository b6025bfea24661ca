"""The session clock: where a PMR session is, computed from its start, its pauses
and its skips. Pure Python: the caller passes the time in."""

from __future__ import annotations

from dataclasses import dataclass

from journal.pmr.routines import Phase, Schedule, Step


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
        # Skipped seconds were not practised, and time after the end is not practice:
        # the session ended when the schedule did, whenever the screen looks.
        practised = min(self._active(now), max(schedule.total - self.skipped, 0.0))
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
        if moment.step is None or moment.index is None:
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
