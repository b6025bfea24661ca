"""Sample journals' words: an entry's prose, from templates and word lists."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.sample.days import Day


class _Words(dict):
    """Fills {slots} in a template, drawing each from the seeded generator."""

    def __init__(self, rng: random.Random, **fixed: str) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        return self.rng.choice(_FILL[key])


def write_body(
    rng: random.Random,
    kind: str,
    themes: list[tuple[str, bool]],
    mood: int,
    day: Day,
    hour: int,
) -> str:
    """An entry's text: a line, a paragraph, or a longer piece with lists and notes,
    about `themes` (theme, went well) and in keeping with the mood."""
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

# -- relaxation sessions -----------------------------------------------------------

# The one-line notes a person leaves after a session, now and then.
SESSION_NOTES = (
    "Hands warm afterwards.",
    "Shoulders still tight, the rest helped.",
    "Nearly fell asleep in the rest.",
    "Jaw was the hardest to let go.",
    "Calmer, and my breathing slowed right down.",
    "Easier to notice the difference this time.",
    "Did it lying on the floor, better than the chair.",
    "Feet cramped a bit: gentler next time.",
    "Noisy neighbours, still worth it.",
    "Headache eased.",
)
STOPPED_NOTES = (
    "Phone rang.",
    "Couldn't settle, stopped.",
    "Interrupted, will try again tonight.",
    "Too restless today.",
    "Fell asleep.",
)
