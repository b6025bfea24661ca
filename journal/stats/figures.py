"""What the Trends series are: plain dataclasses, each with its JSON for `journal stats`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal.rounding import half_up, whole


@dataclass(frozen=True)
class Day:
    """One local day: its entries' means (None on a day without values) and practice."""

    day: date
    entries: int
    mood: float | None
    stress: float | None
    mood_rolling: float | None
    stress_rolling: float | None
    pmr_minutes: float

    def to_json(self) -> dict:
        """PRODUCT.md's day object for `journal stats --json`."""
        return {
            "date": self.day.isoformat(),
            "entries": self.entries,
            "mood_avg": _rounded(self.mood, 2),
            "stress_avg": _rounded(self.stress, 2),
            "pmr_minutes": half_up(self.pmr_minutes, 1),
        }


@dataclass(frozen=True)
class Week:
    """Relaxation practice in one ISO week (Monday to Sunday)."""

    monday: date
    sessions: int
    completed: int
    minutes: float

    @property
    def label(self) -> str:
        """'2026-W01': the ISO year, which at New Year can differ from the Monday's."""
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    def to_json(self) -> dict:
        return {
            "week": self.label,
            "monday": self.monday.isoformat(),
            "sessions": self.sessions,
            "completed": self.completed,
            "minutes": half_up(self.minutes, 1),
        }


@dataclass(frozen=True)
class SessionStress:
    """One session rated both before and after."""

    session_id: int
    day: date  # the local day it was practised
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class StressChange:
    sessions: list[SessionStress]  # oldest first
    mean_change: float | None  # mean of after - before; negative: calmer after


@dataclass(frozen=True)
class Practice:
    """Relaxation sessions in a range, for `journal stats --json`'s "pmr"."""

    sessions: int
    completed: int
    minutes: float
    rated: int  # sessions with a stress rating both before and after
    avg_stress_change: float | None

    def to_json(self) -> dict:
        """Exactly PRODUCT.md's "pmr" object (minutes are in the weeks)."""
        return {
            "sessions": self.sessions,
            "completed": self.completed,
            "avg_stress_change": _rounded(self.avg_stress_change, 2),
        }


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive local days with at least one entry."""

    current: int  # the run ending today, or yesterday while today has no entry yet
    longest: int
    longest_end: date | None  # the last day of the longest run (the latest, on a tie)
    today_written: bool  # False: today still counts toward `current` once written

    def to_json(self) -> dict:
        return {
            "current": self.current,
            "longest": self.longest,
            "longest_end": self.longest_end.isoformat() if self.longest_end else None,
            "today_written": self.today_written,
        }


@dataclass(frozen=True)
class MoodDay:
    """A square of the year in pixels: the day's mean mood, None without one."""

    day: date
    mood: float | None
    entries: int


@dataclass(frozen=True)
class TagComparison:
    """Mean mood and stress on days with a tag against days without it.

    Only days with a mood or stress value count: a day with the tag is one where
    any entry carries it; a day without is any other such day in the range. The
    means are of the days' own means, so a day with many entries counts once.
    """

    tag: str
    days_with: int
    days_without: int
    mood_with: float | None
    mood_without: float | None
    stress_with: float | None
    stress_without: float | None

    @property
    def mood_difference(self) -> float | None:
        return _difference(self.mood_with, self.mood_without)

    @property
    def stress_difference(self) -> float | None:
        return _difference(self.stress_with, self.stress_without)

    def to_json(self) -> dict:
        return {
            "tag": self.tag,
            "days_with": self.days_with,
            "days_without": self.days_without,
            "mood_with": _rounded(self.mood_with, 2),
            "mood_without": _rounded(self.mood_without, 2),
            "stress_with": _rounded(self.stress_with, 2),
            "stress_without": _rounded(self.stress_without, 2),
        }


@dataclass(frozen=True)
class Headline:
    """The figures at the top of Trends for a range of days. A day counts once in
    the means (the mean of the days' own means, as in the charts and the tags), and
    a day is "at" the mood its mean rounds to, halves up (as its pixel is coloured)."""

    entries: int
    days: int
    days_written: int
    mood_mean: float | None
    stress_mean: float | None
    days_at_mood: dict[int, int]  # 1 awful ... 5 great -> days

    @classmethod
    def of(cls, days: list[Day]) -> Headline:
        moods = [d.mood for d in days if d.mood is not None]
        stresses = [d.stress for d in days if d.stress is not None]
        at_mood = dict.fromkeys(range(1, 6), 0)
        for mood in moods:
            at_mood[whole(mood)] += 1
        return cls(
            entries=sum(d.entries for d in days),
            days=len(days),
            days_written=sum(1 for d in days if d.entries),
            mood_mean=sum(moods) / len(moods) if moods else None,
            stress_mean=sum(stresses) / len(stresses) if stresses else None,
            days_at_mood=at_mood,
        )

    def to_json(self) -> dict:
        return {
            "entries": self.entries,
            "days": self.days,
            "days_written": self.days_written,
            "mood_mean": _rounded(self.mood_mean, 2),
            "stress_mean": _rounded(self.stress_mean, 2),
            "days_at_mood": {str(mood): n for mood, n in self.days_at_mood.items()},
        }


@dataclass(frozen=True)
class Trends:
    """Every series for one range, read together."""

    since: date | None
    until: date
    days: list[Day]
    weeks: list[Week]
    stress_change: StressChange
    practice: Practice
    streaks: Streaks
    year: list[MoodDay]
    tags: list[TagComparison]

    @property
    def is_empty(self) -> bool:
        """Nothing at all in the range to chart."""
        return not any(d.entries for d in self.days) and not self.practice.sessions

    @property
    def headline(self) -> Headline:
        return Headline.of(self.days)

    def to_json(self) -> dict:
        """`journal stats --json`: PRODUCT.md's "days" and "pmr", then what else
        the charts show. Keys are only ever added, never changed."""
        return {
            "days": [day.to_json() for day in self.days],
            "pmr": self.practice.to_json(),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat(),
            "streaks": self.streaks.to_json(),
            "weeks": [week.to_json() for week in self.weeks],
            "tags": [tag.to_json() for tag in self.tags],
            "summary": self.headline.to_json(),
        }


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else half_up(value, digits)
