"""The mood scale: 1 awful ... 5 great, each with its word and colour."""

from __future__ import annotations

from journal.models import MOODS
from widgets.scale_picker import ScalePicker

# Fixed colours, legible on dark and light themes; the word always goes with them.
# Red, purple, amber, green, sky blue: chosen so that each pair stays apart (a CIEDE2000
# difference of 16 or more) for people with each kind of colour blindness as well
# (tests/test_mood_colours.py), which red, orange and yellow side by side do not.
MOOD_COLOURS = {1: "#d4462e", 2: "#905ed5", 3: "#dea412", 4: "#36936e", 5: "#3fbcea"}


def mood_colour(mood: int | None) -> str:
    return MOOD_COLOURS.get(mood, "") if mood is not None else ""


class MoodPicker(ScalePicker):
    """Keys: 1-5 set the mood, left/right move it, backspace clears it."""

    LOWEST = 1
    HIGHEST = 5
    START = 3
    HELP_KEYS = (("1-5", "set the mood: 1 awful, 2 bad, 3 okay, 4 good, 5 great"),)

    def label(self, value: int) -> str:
        return f"{value} {MOODS[value]}"

    def colour(self, value: int) -> str:
        return MOOD_COLOURS[value]

    @property
    def refusal(self) -> str:
        return "Mood is 1 (awful) to 5 (great)"
