"""Sample journals: a made-up writer's seeded months or years, for the demo and the bench."""

from __future__ import annotations

import bisect
import math
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from journal.models import EntryInput
from journal.sample.checkins import sample_checkins, write_checkins
from journal.sample.days import HOME_OFFSET, Day, moment, plan_days
from journal.sample.relax import SampleSession, most_sessions, sample_sessions, write_sessions
from journal.sample.text import write_body
from journal.store import EntryRecord

if TYPE_CHECKING:
    from journal.store import Store

__all__ = [
    "DEMO_DAYS",
    "DEMO_ENTRIES",
    "DEMO_SEED",
    "DEMO_SESSIONS",
    "HOME_OFFSET",
    "SampleEntry",
    "SampleSession",
    "generate",
    "iter_sample_entries",
    "most_sessions",
    "sample_checkins",
    "sample_entries",
    "sample_sessions",
    "write_checkins",
    "write_entries",
    "write_sessions",
]

# `journal --demo`: about four months, a couple of entries on most days, and
# relaxation a few times a week (more in the first weeks).
DEMO_DAYS = 122
DEMO_ENTRIES = 250
DEMO_SESSIONS = 48
DEMO_SEED = 2026


@dataclass(frozen=True)
class SampleEntry:
    """One entry as its writer would have saved it, at `at` (aware, their offset)."""

    at: datetime
    entry: EntryInput


def sample_entries(
    *, entries: int, days: int, end: datetime, seed: int, home_offset: int = HOME_OFFSET
) -> list[SampleEntry]:
    """`entries` entries over the `days` local days that end on `end`'s day, oldest first.

    Nothing is later than `end` (aware). The same arguments give the same entries,
    to the byte.
    """
    return list(
        iter_sample_entries(entries=entries, days=days, end=end, seed=seed, home_offset=home_offset)
    )


def iter_sample_entries(
    *, entries: int, days: int, end: datetime, seed: int, home_offset: int = HOME_OFFSET
) -> Iterator[SampleEntry]:
    """sample_entries() one at a time, oldest first, holding about two days of them:
    1,000,000 entries in flat memory."""
    if entries < 0 or days < 1:
        raise ValueError("entries must be 0 or more and days 1 or more")
    if end.utcoffset() is None:
        raise ValueError("end needs its UTC offset")
    rng = random.Random(seed)
    plan = plan_days(rng, days, end.date())
    counts = [0] * len(plan)
    for i in rng.choices(range(len(plan)), [d.weight for d in plan], k=entries):
        counts[i] += 1
    waiting: list[SampleEntry] = []
    for day, count in zip(plan, counts, strict=True):
        for seconds in sorted(_time_of_day(rng, day) for _ in range(count)):
            at = moment(day, seconds, home_offset)
            if at > end:
                # The last day is written only up to `end`: move the entry to a
                # little before it, on the same day.
                since_midnight = end - end.replace(hour=0, minute=0, second=0, microsecond=0)
                back = rng.randint(0, int(min(since_midnight, timedelta(hours=3)).total_seconds()))
                at = (end - timedelta(seconds=back)).astimezone(at.tzinfo)
            waiting.append(SampleEntry(at, _write_entry(rng, day, at)))
        # Every later day starts after this day's midnight less 14 hours (the
        # furthest east a day begins): what is older than a day before it is in
        # its final order. sort() is stable, as the whole list's sort was.
        waiting.sort(key=lambda s: s.at)
        settled = datetime.combine(day.day, datetime.min.time(), tzinfo=UTC) - timedelta(days=1)
        ready = bisect.bisect_left(waiting, settled, key=lambda s: s.at)
        yield from waiting[:ready]
        del waiting[:ready]
    yield from waiting


def generate(
    store: Store,
    *,
    entries: int,
    days: int,
    end: datetime,
    seed: int,
    sessions: int | None = None,
    home_offset: int = HOME_OFFSET,
) -> int:
    """Add a sample journal to `store`: its entries in one transaction, then its
    relaxation sessions in another, then its fortnightly WHO-5 check-ins. Returns
    how many entries.

    `sessions` defaults to as many per day as the demo has (DEMO_SESSIONS in
    DEMO_DAYS), so `journal --demo` gets DEMO_SESSIONS.
    """
    if sessions is None:
        sessions = round(days * DEMO_SESSIONS / DEMO_DAYS)
    how: dict[str, Any] = {"days": days, "end": end, "seed": seed, "home_offset": home_offset}
    samples = iter_sample_entries(entries=entries, **how)
    practice = sample_sessions(sessions=sessions, **how)
    written = write_entries(store, samples, seed=seed)
    write_sessions(store, practice, seed=seed)
    write_checkins(store, sample_checkins(**how), seed=seed)
    return written


def write_entries(store: Store, samples: Iterable[SampleEntry], *, seed: int) -> int:
    """Write entries in bulk (store.entries.add_many): one transaction, 100,000
    entries in seconds. uuids come from `seed` and how many entries the journal
    already holds, so a sample file is reproducible and a second sample in the same
    journal gets other uuids."""
    uuids = random.Random(f"uuids:{seed}:{store.entries.count() + 1}")
    return store.entries.add_many(
        EntryRecord(
            at=sample.at,
            entry=sample.entry,
            uuid=str(uuid.UUID(int=uuids.getrandbits(128), version=4)),
        )
        for sample in samples
    )


# -- one entry ---------------------------------------------------------------------


def _time_of_day(rng: random.Random, day: Day) -> int:
    """Seconds after midnight: mostly mornings and evenings, sometimes a bad night."""
    r = rng.random()
    if r < 0.40:
        hours = rng.gauss(7.6, 0.8)
    elif r < 0.50:
        hours = rng.gauss(12.8, 0.5)
    elif r < 0.58:
        hours = rng.uniform(9.5, 18.5)
    elif r < 0.97 - 0.04 * min(max(-day.wellbeing, 0), 1):
        hours = rng.gauss(21.4, 1.0)
    else:
        hours = rng.uniform(0.3, 3.5)
    return min(max(int(hours * 3600), 0), 86_399)


# theme: (chance on a weekday, on a weekend, leaning towards good, mood if good,
# mood if bad, stress if good, stress if bad)
_THEMES: dict[str, tuple[float, float, float, float, float, float, float]] = {
    "work": (0.45, 0.06, -0.2, 0.2, -0.5, -0.3, 1.3),
    "sleep": (0.22, 0.18, -0.4, 0.3, -0.7, -0.3, 0.8),
    "exercise": (0.16, 0.28, 1.5, 0.5, -0.1, -0.7, 0.2),
    "outdoors": (0.10, 0.30, 1.8, 0.45, 0.0, -0.6, 0.0),
    "friends": (0.08, 0.28, 1.5, 0.5, -0.2, -0.5, 0.5),
    "family": (0.10, 0.22, 0.6, 0.3, -0.4, -0.2, 0.8),
    "weather": (0.12, 0.12, 0.2, 0.15, -0.15, 0.0, 0.2),
    "food": (0.10, 0.16, 1.2, 0.15, 0.0, -0.2, 0.0),
    "anxiety": (0.06, 0.04, -9.0, 0.0, -0.8, 0.0, 2.0),
    "gratitude": (0.08, 0.12, 9.0, 0.35, 0.0, -0.4, 0.0),
    "reading": (0.08, 0.14, 2.0, 0.2, 0.0, -0.4, 0.0),
    "headache": (0.04, 0.03, -9.0, 0.0, -0.7, 0.0, 0.8),
    "coffee": (0.10, 0.08, 0.5, 0.05, -0.1, 0.0, 0.4),
    "meditation": (0.06, 0.07, 2.0, 0.25, 0.0, -0.8, 0.0),
}


def _write_entry(rng: random.Random, day: Day, at: datetime) -> EntryInput:
    weekend = day.day.weekday() >= 5
    themes: list[tuple[str, bool]] = []
    for theme, (weekday_p, weekend_p, lean, *_) in _THEMES.items():
        p = weekend_p if weekend else weekday_p
        if theme == "work" and day.deadline:
            p += 0.3
        elif theme in ("anxiety", "headache"):
            p += 0.12 * max(-day.wellbeing, 0) + (0.05 if day.deadline else 0)
        if rng.random() < p:
            good = rng.random() < 1 / (1 + math.exp(-(lean + 1.5 * day.wellbeing)))
            themes.append((theme, good))
    if day.place and rng.random() < 0.7:
        themes.insert(0, ("travel", day.wellbeing > -0.3 and rng.random() < 0.8))
    rng.shuffle(themes)
    kind = rng.choices(("check-in", "line", "paragraph", "long"), (35, 25, 27, 13))[0]
    themes = themes[: 2 if kind in ("check-in", "line") else 4]

    mood_at = 3.4 + day.wellbeing + rng.gauss(0, 0.5)
    stress_at = 4.0 + rng.gauss(0, 1.5) + (1.2 if day.deadline else 0)
    stress_at += 0.7 if day.day.weekday() == 0 else -0.6 if weekend else 0
    for theme, good in themes:
        effects = _THEMES.get(theme, (0, 0, 0, 0.3, -0.3, -0.3, 0.6))
        mood_at += effects[3] if good else effects[4]
        stress_at += effects[5] if good else effects[6]
    stress_at -= 0.8 * (mood_at - 3.4)  # a worse mood comes with more stress
    mood = min(max(round(mood_at), 1), 5)
    stress = min(max(round(stress_at), 0), 10)

    tags: list[str] = []
    hashtags: list[str] = []
    tag_chance = 0.35 if kind == "check-in" else 0.7  # a check-in is quick: fewer tags
    for theme, good in themes:
        if rng.random() < tag_chance:
            (hashtags if kind != "check-in" and rng.random() < 0.25 else tags).append(theme)
        if theme == "work" and not good and day.deadline and rng.random() < 0.5:
            tags.append("deadline")
        elif theme == "sleep" and not good and rng.random() < 0.2:
            tags.append("insomnia")
    if kind == "check-in":
        if rng.random() < 0.05:
            return EntryInput.make(stress=stress, tags=tags)
        return EntryInput.make(mood=mood, stress=stress if rng.random() < 0.9 else None, tags=tags)
    body = write_body(rng, kind, themes, mood, day, at.hour)
    if hashtags:
        marks = " ".join("#" + tag for tag in hashtags)
        body += ("\n\n" if rng.random() < 0.5 else " ") + marks
    return EntryInput.make(
        mood=mood if rng.random() < 0.9 else None,
        stress=stress if rng.random() < 0.8 else None,
        body=body,
        tags=tags,
    )
