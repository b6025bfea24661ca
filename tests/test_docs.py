"""Facts written once: every key the app binds with a description is in the README and
in help, in the part about the screen it works on (sqlite-utils' tests/test_docs.py is
the model)."""

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

# Where each class's keys are written: (README section, help section), each the start
# of a `## ` heading. A class that binds keys with a description needs a line here.
PLACES = {
    "JournalApp": ("The app", "Everywhere"),
    "JournalScreen": ("The app", "Journal"),
    "EditorScreen": ("The app", "Editor"),
    "ScalePicker": ("The app", "Editor"),  # mood and stress in the editor
    "Confirm": ("The app", "Journal"),  # every y / n question: escape is the safe answer
    "HelpScreen": ("The app", None),  # help itself: its border says how to close it
    "RelaxScreen": ("Relaxation", "Relaxation"),
    "RoutineForm": ("Relaxation", "Relaxation"),
    "SessionScreen": ("Relaxation", "Relaxation"),
    "SummaryScreen": ("Relaxation", "Relaxation"),
    "StressQuestion": ("Relaxation", "Relaxation"),
    "NoteQuestion": ("Relaxation", "Relaxation"),
    "Notice": ("Relaxation", "Relaxation"),  # the safety notes before a first session
    "TrendsScreen": ("Trends", "Trends"),
    "LockScreen": ("A passphrase", None),  # before the journal is open: no help yet
}
# Keys that do the same on every main screen are written once, where all keys are.
EVERYWHERE = ("The app", "Everywhere")
EVERYWHERE_ACTIONS = {"show_journal", "show_relax", "show_trends", "help", "quit"}

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


def help_markdown() -> str:
    """The text the help screen shows, read off the screen as a person opens it."""
    from textual.app import App
    from textual.widgets import Markdown

    from journal.screens.help import HelpScreen

    async def read() -> str:
        app: App = App()
        async with app.run_test() as pilot:
            await app.push_screen(HelpScreen())
            await pilot.pause()
            return "\n".join(md.source for md in app.screen.query(Markdown))

    return asyncio.run(read())


@pytest.fixture(scope="module")
def help_text() -> str:
    return help_markdown()


def where(owner: str, binding: Binding) -> tuple[str, str | None]:
    if binding.action in EVERYWHERE_ACTIONS:
        return EVERYWHERE
    assert owner in PLACES, (
        f"{owner} binds {binding.key!r} ({binding.description}): add it to PLACES in "
        "tests/test_docs.py with the README and help sections that explain its keys"
    )
    return PLACES[owner]


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
        if binding.action in EVERYWHERE_ACTIONS or PLACES.get(owner, ("", ""))[1] is not None
    ],
)
def test_every_key_is_in_help(help_text, owner, binding):
    _, help_section = where(owner, binding)
    assert help_section is not None
    assert key_name(binding.key) in keys_written_in(section(help_text, help_section)), (
        f"help's {help_section!r} section does not mention `{key_name(binding.key)}` "
        f"({binding.description}, on {owner}): journal/screens/help.py"
    )
