"""Sample journals: a made-up writer's seeded months or years, for the demo and the bench."""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from journal.models import EntryInput, offset_minutes, to_utc_text

if TYPE_CHECKING:
    from journal.store import Store

# `journal --demo`: about four months, a couple of entries on most days.
DEMO_DAYS = 122
DEMO_ENTRIES = 250
DEMO_SEED = 2026

# The writer lives in Central European time: UTC+1, UTC+2 in summer (EU rules).
HOME_OFFSET = 60
_TRIPS = (("Lisbon", 0), ("New York", -240), ("Pune", 330), ("Tokyo", 540))


@dataclass(frozen=True)
class SampleEntry:
    """One entry as its writer would have saved it, at `at` (aware, their offset)."""

    at: datetime
    entry: EntryInput


@dataclass(frozen=True)
class _Day:
    """What one local day was like; entries (and later PMR sessions) are drawn from it."""

    day: date
    place: str | None  # None at home, else the city of a trip
    offset: int | None  # a trip's fixed offset; None: home, with summer time
    wellbeing: float  # about -1.5 (a bad stretch) to +1.5 (a good one)
    deadline: bool  # a work deadline this week
    weight: float  # how much gets written; 0 is a day off from the journal


def sample_entries(
    *, entries: int, days: int, end: datetime, seed: int, home_offset: int = HOME_OFFSET
) -> list[SampleEntry]:
    """`entries` entries over the `days` local days that end on `end`'s day, oldest first.

    Nothing is later than `end` (aware). The same arguments give the same entries,
    to the byte.
    """
    if entries < 0 or days < 1:
        raise ValueError("entries must be 0 or more and days 1 or more")
    if end.utcoffset() is None:
        raise ValueError("end needs its UTC offset")
    rng = random.Random(seed)
    plan = _plan_days(rng, days, end.date())
    counts = [0] * len(plan)
    for i in rng.choices(range(len(plan)), [d.weight for d in plan], k=entries):
        counts[i] += 1
    samples = []
    for day, count in zip(plan, counts, strict=True):
        for seconds in sorted(_time_of_day(rng, day) for _ in range(count)):
            at = _moment(day, seconds, home_offset)
            if at > end:
                # The last day is written only up to `end`: move the entry to a
                # little before it, on the same day.
                since_midnight = end - end.replace(hour=0, minute=0, second=0, microsecond=0)
                back = rng.randint(0, int(min(since_midnight, timedelta(hours=3)).total_seconds()))
                at = (end - timedelta(seconds=back)).astimezone(at.tzinfo)
            samples.append(SampleEntry(at, _write_entry(rng, day, at)))
    samples.sort(key=lambda s: s.at)
    return samples


def generate(
    store: Store,
    *,
    entries: int,
    days: int,
    end: datetime,
    seed: int,
    home_offset: int = HOME_OFFSET,
) -> int:
    """Add a sample journal to `store` in one transaction; returns how many entries."""
    samples = sample_entries(
        entries=entries, days=days, end=end, seed=seed, home_offset=home_offset
    )
    written = write_entries(store, samples, seed=seed)
    # PMR sessions go here once the store has them: drawn from the same days
    # (_plan_days), more often on stressful ones, lowering stress by a point or two.
    return written


def write_entries(store: Store, samples: Iterable[SampleEntry], *, seed: int) -> int:
    """Write entries in bulk, with the columns Store.add_entry writes.

    One transaction and batched inserts: 100,000 entries in seconds, where
    add_entry (a transaction each) would take minutes. The FTS triggers index the
    bodies as they go in. uuids come from `seed` and the first new id, so a sample
    file is reproducible and a second sample in the same journal gets other uuids.
    """
    entry_rows: list[dict] = []
    tag_rows: list[dict] = []
    with store.write() as db:
        first_id = db.execute("select coalesce(max(id), 0) + 1 from entries").fetchone()[0]
        uuids = random.Random(f"uuids:{seed}:{first_id}")
        for entry_id, sample in enumerate(samples, start=first_id):
            utc = to_utc_text(sample.at)
            entry_rows.append(
                {
                    "id": entry_id,
                    "uuid": str(uuid.UUID(int=uuids.getrandbits(128), version=4)),
                    "created_utc": utc,
                    "utc_offset": offset_minutes(sample.at),
                    "local_date": sample.at.date().isoformat(),
                    "mood": sample.entry.mood,
                    "stress": sample.entry.stress,
                    "body": sample.entry.body,
                    "updated_utc": utc,
                }
            )
            tag_rows.extend({"entry_id": entry_id, "tag": tag} for tag in sample.entry.tags)
        db["entries"].insert_all(entry_rows)
        db["entry_tags"].insert_all(tag_rows)
    return len(entry_rows)


# -- the days ----------------------------------------------------------------------


def _plan_days(rng: random.Random, days: int, last: date) -> list[_Day]:
    first = last - timedelta(days=days - 1)
    trips = _plan_trips(rng, days)
    plan: list[_Day] = []
    week_mood = rng.gauss(0, 0.5)
    day_mood = 0.0
    deadline = False
    gap = 0
    for n in range(days):
        day = first + timedelta(days=n)
        if n == 0 or day.weekday() == 0:
            # Weeks drift: good and bad stretches last a few weeks.
            week_mood = 0.7 * week_mood + rng.gauss(0, 0.3)
            deadline = rng.random() < 0.18
        day_mood = 0.5 * day_mood + rng.gauss(0, 0.3)
        trip = trips.get(n)
        wellbeing = week_mood + day_mood + _WEEKDAY_MOOD[day.weekday()]
        wellbeing += 0.3 if trip and trip[2] else -0.2 if deadline and day.weekday() < 5 else 0
        if gap == 0 and n < days - 2 and rng.random() < 0.05:
            gap = rng.choice((1, 1, 2, 2, 3, 4, 6))  # days without writing
        weight = 0.0 if gap else rng.lognormvariate(0, 0.5) * (0.6 if trip else 1.0)
        gap = max(gap - 1, 0)
        plan.append(
            _Day(
                day,
                trip[0] if trip else None,
                trip[1] if trip else None,
                wellbeing,
                deadline and not trip,
                weight,
            )
        )
    if not any(d.weight for d in plan):
        plan[-1] = replace(plan[-1], weight=1.0)
    return plan


def _plan_trips(rng: random.Random, days: int) -> dict[int, tuple[str, int, bool]]:
    """A trip abroad of about a week per year (one if the span is at least 3 weeks)."""
    trips: dict[int, tuple[str, int, bool]] = {}
    if days < 21:
        return trips
    for year in range(max(1, days // 365)):
        low, high = year * 365 + 7, min((year + 1) * 365, days) - 14
        if high <= low:
            continue
        start, length = rng.randrange(low, high), rng.randint(5, 9)
        city, offset = rng.choice(_TRIPS)
        for n in range(start, start + length):
            trips[n] = (city, offset, n != start)  # the travel day is no holiday
    return trips


def _moment(day: _Day, seconds: int, home_offset: int) -> datetime:
    local = datetime.combine(day.day, time()) + timedelta(seconds=seconds)
    offset = day.offset if day.offset is not None else _home_offset(local, home_offset)
    return local.replace(tzinfo=_zone(offset))


def _home_offset(local: datetime, standard: int) -> int:
    """EU summer time: from 01:00 UTC on March's last Sunday to October's."""
    utc = local - timedelta(minutes=standard)
    starts = datetime.combine(_last_sunday(local.year, 3), time(1))
    ends = datetime.combine(_last_sunday(local.year, 10), time(1))
    return standard + 60 if starts <= utc < ends else standard


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - 6) % 7)


_ZONES: dict[int, timezone] = {}


def _zone(offset: int) -> timezone:
    return _ZONES.setdefault(offset, timezone(timedelta(minutes=offset)))


def _time_of_day(rng: random.Random, day: _Day) -> int:
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


# -- one entry ---------------------------------------------------------------------

# Mondays are worse, weekends better.
_WEEKDAY_MOOD = (-0.3, -0.1, 0.0, 0.05, 0.15, 0.3, 0.2)

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


def _write_entry(rng: random.Random, day: _Day, at: datetime) -> EntryInput:
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
    body = _body(rng, kind, themes, mood, day, at.hour)
    if hashtags:
        marks = " ".join("#" + tag for tag in hashtags)
        body += ("\n\n" if rng.random() < 0.5 else " ") + marks
    return EntryInput.make(
        mood=mood if rng.random() < 0.9 else None,
        stress=stress if rng.random() < 0.8 else None,
        body=body,
        tags=tags,
    )


# -- prose -------------------------------------------------------------------------


class _Words(dict):
    """Fills {slots} in a template, drawing each from the seeded generator."""

    def __init__(self, rng: random.Random, **fixed: str) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        return self.rng.choice(_FILL[key])


def _body(
    rng: random.Random,
    kind: str,
    themes: list[tuple[str, bool]],
    mood: int,
    day: _Day,
    hour: int,
) -> str:
    words = _Words(rng, city=day.place or "town")
    # "~" marks a sentence about a day that is mostly over: not for a morning entry.
    late = hour >= 15 or hour < 5
    used: set[str] = set()

    def say(options: tuple[str, ...], *, again: bool = False) -> str:
        """A sentence not used yet in this entry; "" if `again` and none is left."""
        fitting = [o for o in options if o not in used and (late or o[0] != "~")]
        if not fitting and again:
            return ""
        choice = rng.choice(fitting or options)
        used.add(choice)
        return choice.lstrip("~").format_map(words)

    def about(theme: str, good: bool, *, again: bool = False) -> str:
        pair = _PROSE[theme]
        # Some themes are only ever good (gratitude) or bad (headache).
        return say(pair[not good] or pair[good], again=again)

    openers = _OPENERS[mood] if late else _MORNING_OPENERS[mood]
    if kind == "line":
        return about(*themes[0]) if themes else say(openers)
    sentences = [say(openers)] if rng.random() < 0.6 or not themes else []
    for theme, good in themes:
        sentences.append(about(theme, good))
        if kind == "long" and rng.random() < 0.5 and (more := about(theme, good, again=True)):
            sentences.append(more)
    if rng.random() < 0.002:
        sentences.append("Dug out the old harmonica and played badly for half an hour.")
    if kind == "long":
        sentences += [say(_REFLECTIONS) for _ in range(rng.randint(1, 3))]
    if late and rng.random() < 0.3:
        sentences.append(say(_CLOSERS[mood >= 3]))
    if kind == "paragraph":
        parts = [" ".join(sentences)]
    else:
        cuts = sorted(rng.sample(range(1, len(sentences)), min(len(sentences) - 1, 3)))
        parts = [" ".join(sentences[a:b]) for a, b in zip([0, *cuts], [*cuts, None], strict=True)]
        if rng.random() < 0.35:
            heading, items = _LISTS[mood >= 3]
            listed = "\n".join("- " + item.format_map(words) for item in rng.sample(items, 3))
            parts.insert(rng.randint(1, len(parts)), f"{heading}\n\n{listed}")
    if rng.random() < 0.15:
        parts.append(f"**Note to self:** {say(_NOTES)}")
    return "\n\n".join(parts)


_FILL: dict[str, tuple[str, ...]] = {
    "friend": ("Maya", "Tom", "Priya", "Jonas", "Elena", "Sam", "Kofi", "Lina"),
    "relative": ("Mum", "Dad", "my sister", "my brother", "Grandma", "my aunt"),
    "colleague": ("Anna", "Ben", "Marco", "the new manager", "Sofia", "Raj"),
    "project": ("quarterly report", "migration", "budget review", "client pitch", "release"),
    "km": ("3", "4", "5", "6", "8", "10"),
    "hours": ("seven", "eight", "nearly nine", "seven and a half"),
    "few": ("four", "five", "three"),
    "night": ("3am", "4", "half past four", "2:30"),
    "place": ("the river", "the canal", "the park", "the old railway path", "the harbour"),
    "dish": ("lentil soup", "a mushroom risotto", "tacos", "a big salad", "dal", "pancakes"),
    "book": (
        "the novel Elena lent me",
        "a book about trees",
        "the detective series",
        "a biography of Darwin",
        "a collection of short stories",
    ),
}

# theme: (sentences when it went well, when it went badly)
_PROSE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sleep": (
        (
            "Slept {hours} hours and woke up before the alarm.",
            "Good night's sleep for once.",
            "Went to bed early last night and it paid off.",
        ),
        (
            "Barely slept, maybe {few} hours.",
            "Woke at {night} and couldn't get back to sleep.",
            "~Tired all day after a bad night.",
            "Lay awake going over the same thoughts.",
        ),
    ),
    "work": (
        (
            "~Finished the {project} ahead of the deadline.",
            "Good meeting with {colleague} about the {project}.",
            "Clear plan for work today: the hard part of the {project} first.",
        ),
        (
            "The {project} is due Friday and I'm behind.",
            "~Back-to-back meetings from nine to four.",
            "{colleague} pushed the review again, so the {project} slips another week.",
            "~Answered emails all day and did no real work.",
            "Dreading work today.",
        ),
    ),
    "exercise": (
        (
            "~Ran {km} km along {place}.",
            "~Yoga class in the evening; my back thanks me.",
            "Cycled to work, legs tired but head clear.",
            "Swam thirty lengths before breakfast.",
        ),
        ("~Skipped the gym again.", "Meant to run this morning, stayed in bed instead."),
    ),
    "outdoors": (
        (
            "~Long walk along {place} at lunchtime.",
            "~Sat in the sun in the park for an hour.",
            "~Walked home the long way, through {place}.",
            "Early walk along {place}, nobody about.",
        ),
        ("~Hardly went outside today.",),
    ),
    "friends": (
        (
            "~Coffee with {friend}, we talked for two hours.",
            "~Board games at {friend}'s place.",
            "{friend} messaged out of the blue and made me laugh.",
        ),
        (
            "~Cancelled on {friend} again, I just didn't have it in me.",
            "~Felt a bit left out at {friend}'s party.",
            "Haven't seen {friend} in weeks.",
        ),
    ),
    "family": (
        ("~Called {relative}, a good long chat.", "~Dinner with {relative}, lots of laughing."),
        ("~Argued with {relative} on the phone.", "Worried about {relative}'s health."),
    ),
    "weather": (
        ("Bright cold morning, frost on the cars.", "~Warm evening, windows open."),
        ("~Rain all day.", "~Grey and dark by four.", "Rain again, and the forecast is worse."),
    ),
    "food": (
        (
            "~Made {dish} and it turned out well.",
            "~Cooked {dish} for dinner.",
            "Proper breakfast for once: eggs and toast.",
        ),
        ("~Ate crisps for dinner, standing up.", "Skipped breakfast again."),
    ),
    "anxiety": (
        (),
        (
            "Chest tight for no clear reason.",
            "Anxious about the {project} meeting.",
            "Kept checking my phone, couldn't settle.",
            "That familiar knot in my stomach again.",
        ),
    ),
    "gratitude": (
        (
            "Grateful for {friend}, honestly.",
            "Small thing, but the bakery had my favourite bread.",
            "~Thankful for a quiet evening at home.",
            "Grateful for a slow morning.",
        ),
        (),
    ),
    "reading": (
        ("Read a few chapters of {book}.", "~Finished {book}, loved the ending."),
        ("~Tried to read but kept losing my place.",),
    ),
    "headache": (
        (),
        (
            "~Headache since lunch.",
            "Woke up with a headache.",
            "~Screen headache by the afternoon.",
        ),
    ),
    "coffee": (
        ("First coffee on the balcony, watching the street wake up.",),
        (
            "~Third coffee by eleven, probably a mistake.",
            "~Too much coffee, jittery all afternoon.",
        ),
    ),
    "meditation": (
        (
            "Ten minutes of breathing before work.",
            "~Did the body scan before bed.",
            "Meditated for fifteen minutes and felt calmer.",
        ),
        ("Tried to meditate, mind all over the place.",),
    ),
    "travel": (
        (
            "~Walked around {city} all afternoon.",
            "~Found a tiny place for dinner in {city}.",
            "Slow morning in {city}, no plans at all.",
        ),
        (
            "Jet lag is brutal, wide awake at {night}.",
            "~Long day of trains and queues.",
            "~Missing home a bit tonight.",
        ),
    ),
}

_MORNING_OPENERS: dict[int, tuple[str, ...]] = {
    1: ("Woke up dreading the day.", "Bad start."),
    2: ("Heavy start to the day.", "Slow, grumpy morning."),
    3: ("Quiet morning.", "Ordinary start to the day."),
    4: ("Good start to the day.", "Up early, feeling fine."),
    5: ("Woke up in a great mood.", "Lovely morning."),
}
_OPENERS: dict[int, tuple[str, ...]] = {
    1: ("Awful day.", "Rough one.", "Everything felt heavy today."),
    2: ("Not a great day.", "Flat and tired today.", "Struggled today."),
    3: ("Okay day.", "Nothing special today.", "Middling sort of day."),
    4: ("Decent day.", "Pretty good day overall.", "Felt steady today."),
    5: ("Really good day.", "Felt light all day.", "One of the good ones."),
}
_CLOSERS = {
    False: ("Early night, I think.", "Glad this one is over.", "Tomorrow is another day."),
    True: ("More days like this, please.", "Going to read a bit before bed.", "Content."),
}
_REFLECTIONS = (
    "I keep noticing that the days I walk in the morning go better.",
    "Maybe I say yes to too many things.",
    "It helps to write this down, even when there is not much to say.",
    "I want to get back to a proper sleep routine.",
    "Looking back at last month, things are slowly getting easier.",
    "Not sure why everything feels so rushed lately.",
)
_LISTS = {
    True: (
        "Three good things:",
        (
            "a proper lunch break",
            "{friend}'s message",
            "a hot shower",
            "the walk along {place}",
            "the light in the evening",
            "getting the {project} moving",
        ),
    ),
    False: (
        "On my mind:",
        ("the {project}", "money", "{relative}", "sleep", "whether I'm doing enough"),
    ),
}
_NOTES = (
    "phone out of the bedroom.",
    "say no to the Thursday meeting.",
    "drink water before coffee.",
    "call {relative} this week.",
)
