"""Facts written once: every key the app binds with a description is in the README, in
the part about the screen it works on, and in the help a person opens on that screen,
read off the screen (sqlite-utils' tests/test_docs.py is the model)."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import journal
import widgets

README = Path(__file__).parent.parent / "README.md"

# Where each class's keys are written: (README section, the screen whose help shows
# them). A README section is the start of a `## ` heading; help is opened from that
# screen and read off it. A class that binds keys with a description needs a line here.
PLACES = {
    "JournalApp": ("The app", "Journal"),
    "JournalScreen": ("The app", "Journal"),
    "EditorScreen": ("The app", "Editor"),
    "ScalePicker": ("The app", "Editor"),  # mood and stress in the editor
    "Confirm": ("The app", "Journal"),  # every y / n question: escape is the safe answer
    "HelpScreen": ("The app", None),  # help itself: its border says how to close it
    "RelaxScreen": ("Relaxation", "Relaxation"),
    "RoutineForm": ("Relaxation", "Relaxation"),
    "SessionScreen": ("Relaxation", "Session"),
    "SummaryScreen": ("Relaxation", "Relaxation"),
    "StressQuestion": ("Relaxation", "Relaxation"),
    "NoteQuestion": ("Relaxation", "Relaxation"),
    "Notice": ("Relaxation", "Relaxation"),  # the safety notes before a first session
    "TrendsScreen": ("Trends", "Trends"),
    "CheckinScreen": ("Well-being check-in", "Well-being check-in"),
    "LockScreen": ("A passphrase", None),  # before the journal is open: no help yet
}
# Keys that do the same on every main screen are written once in the README, where
# all the app's keys are (help shows them under "Everywhere" on each screen).
EVERYWHERE = "The app"
EVERYWHERE_ACTIONS = {"show_journal", "show_relax", "show_trends", "checkin", "help", "quit"}

# Textual's names for keys, as a person reads them on the keyboard and in the docs.
KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "full_stop": ".",
    "comma": ",",
    "plus": "+",
    "minus": "-",
    "pageup": "pgup",
    "pagedown": "pgdn",
}


def key_name(key: str) -> str:
    return KEY_NAMES.get(key, key)


def _classes_with_bindings() -> list[type[DOMNode]]:
    """Every app, screen and widget class of ours that declares its own BINDINGS."""
    found = []
    for package in (journal, widgets):
        for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if module_info.name.endswith("__main__"):
                continue
            module = importlib.import_module(module_info.name)
            for cls in vars(module).values():
                if (
                    inspect.isclass(cls)
                    and issubclass(cls, DOMNode)
                    and cls.__module__ == module.__name__
                    and "BINDINGS" in vars(cls)
                ):
                    found.append(cls)
    return found


def described_bindings() -> list[tuple[str, Binding]]:
    """(class name, binding) for every key with a description, one key each."""
    return [
        (cls.__name__, binding)
        for cls in _classes_with_bindings()
        for binding in Binding.make_bindings(cls.BINDINGS)
        if binding.description
    ]


BINDINGS = described_bindings()


def keys_written_in(markdown: str) -> set[str]:
    """The `key`s in a piece of Markdown; `1`-`5` stands for each key between."""
    keys = set()
    for first, last in re.findall(r"`([^`]+)`(?:\s*-\s*`([^`]+)`)?", markdown):
        keys.add(first)
        if last:
            keys.add(last)
            if len(first) == len(last) == 1:
                keys.update(chr(c) for c in range(ord(first), ord(last) + 1))
    return keys


def sections(markdown: str) -> dict[str, str]:
    """Each `## ` section's text by its heading (subsections stay in their section)."""
    parts = re.split(r"^## +(.+)$", markdown, flags=re.MULTILINE)
    return {title.strip(): text for title, text in zip(parts[1::2], parts[2::2], strict=True)}


def section(markdown: str, heading: str) -> str:
    found = [text for title, text in sections(markdown).items() if title.startswith(heading)]
    assert len(found) == 1, f"no single section starting {heading!r}: {list(sections(markdown))}"
    return found[0]


# How a person opens help on each screen: the app's mode, then the keys pressed.
OPENED_FROM = {
    "Journal": ("journal", []),
    "Editor": ("journal", ["n", "tab"]),  # on the mood scale, where ? is not a letter
    "Relaxation": ("relax", []),
    "Session": ("relax", ["enter", "s"]),
    "Trends": ("trends", []),
    "Well-being check-in": ("journal", ["w"]),
}


def help_keys_shown() -> dict[str, tuple[set[str], bool]]:
    """For each screen: the keys its help shows (read off the help's key column, as
    drawn), and whether it all fits at 80x24 without scrolling."""
    from textual.containers import VerticalScroll

    from journal.app import build_app
    from journal.models import EntryInput
    from journal.screens.help import HelpScreen
    from journal.store import Store
    from tests.conftest import FakeClock

    async def read(mode: str, keys: list[str]) -> tuple[set[str], bool]:
        store = Store.in_memory(clock=FakeClock())
        store.entries.add(EntryInput.make(body="an entry", mood=3))
        store.settings.set_safety_seen()
        app = build_app(store, store.clock, mode=mode)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            shown = {str(label.render()) for label in app.screen.query(".help-key")}
            scroll = app.screen.query_one(VerticalScroll)
            fits = scroll.max_scroll_y == 0
        return {key for text in shown for key in keys_in(text)}, fits

    return {name: asyncio.run(read(*how)) for name, how in OPENED_FROM.items()}


def keys_in(text: str) -> set[str]:
    """`ctrl+s`, `e / enter`, `1-5` (each of 1 to 5) and `1 0` as the keys they name."""
    keys = set()
    for part in text.split(" / "):
        part = part.strip()
        if re.fullmatch(r"\d-\d", part):
            keys.update(str(n) for n in range(int(part[0]), int(part[2]) + 1))
        else:
            keys.update(part.split(" ") if re.fullmatch(r"\d( \d)+", part) else [part])
    return keys


@pytest.fixture(scope="module")
def help_keys() -> dict[str, tuple[set[str], bool]]:
    return help_keys_shown()


def where(owner: str, binding: Binding) -> tuple[str, str | None]:
    assert owner in PLACES, (
        f"{owner} binds {binding.key!r} ({binding.description}): add it to PLACES in "
        "tests/test_docs.py with the README section and the screen whose help shows it"
    )
    readme, help_screen = PLACES[owner]
    if binding.action.split(".")[-1] in EVERYWHERE_ACTIONS:
        return EVERYWHERE, help_screen
    return readme, help_screen


def binding_id(owner: str, binding: Binding) -> str:
    return f"{owner}-{key_name(binding.key)}"


def test_the_app_binds_keys_to_check():
    owners = {owner for owner, _ in BINDINGS}
    assert {"JournalScreen", "EditorScreen", "RelaxScreen", "TrendsScreen"} <= owners


@pytest.mark.parametrize(
    ("owner", "binding"), BINDINGS, ids=[binding_id(o, b) for o, b in BINDINGS]
)
def test_every_key_is_in_the_readme(owner, binding):
    readme_section, _ = where(owner, binding)
    text = section(README.read_text(encoding="utf-8"), readme_section)
    assert key_name(binding.key) in keys_written_in(text), (
        f"README.md's {readme_section!r} section does not mention `{key_name(binding.key)}` "
        f"({binding.description}, on {owner})"
    )


@pytest.mark.parametrize(
    ("owner", "binding"),
    [
        pytest.param(owner, binding, id=binding_id(owner, binding))
        for owner, binding in BINDINGS
        if PLACES.get(owner, ("", ""))[1] is not None
    ],
)
def test_every_key_is_in_help(help_keys, owner, binding):
    _, help_screen = where(owner, binding)
    assert help_screen is not None
    shown, _ = help_keys[help_screen]
    assert key_name(binding.key) in shown, (
        f"help opened on {help_screen} does not show `{key_name(binding.key)}` "
        f"({binding.description}, on {owner}): journal/screens/help.py"
    )


@pytest.mark.parametrize("screen", ["Journal", "Editor", "Trends"])
def test_help_fits_at_80x24(help_keys, screen):
    _, fits = help_keys[screen]
    assert fits, f"help opened on {screen} scrolls at 80x24"


def test_trends_help_names_its_range_keys(help_keys):
    shown, _ = help_keys["Trends"]
    assert {"1", "2", "3", "4", "5"} <= shown
    assert "n" not in shown  # another screen's keys are not listed as this one's
