"""Help: every key of the screen it was opened from, and the app's own."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

KEYS = """\
## Journal

| key | does |
|---|---|
| `n` | new entry |
| `enter` / `e` | open the selected entry in the editor |
| `d` | delete the selected entry (asks `y` / `n`) |
| `/` | search the text; `#tag` filters by tag |
| `escape` | clear the search |
| `up` / `down`, `pgup` / `pgdn`, `home` / `end` | move in the list |

## Editor

| key | does |
|---|---|
| `tab` / `shift+tab` | move between text, mood, stress and tags |
| `1`-`5`, `left` / `right` | set the mood (1 awful, 2 bad, 3 okay, 4 good, 5 great) |
| `0`-`9`, `left` / `right` | set stress (0 calm ... 10 worst; right of 9 is 10) |
| `backspace` / `delete` | clear the mood or stress |
| `ctrl+s` | save and go back |
| `escape` | go back (asks first if something changed) |

Drafts are kept while you type: if the terminal closes, start the journal again
and press `n` (or open the entry you were changing) to get your words back.

## Relaxation (`p`)

| key | does |
|---|---|
| `up` / `down`, `enter` | choose a routine and start it |
| `c` | a new routine of your own, from the selected one |
| `e` / `d` | change / delete one of your own routines |
| `b` | the bell at each tense and release: on / off |
| `0`-`9`, `left` / `right`, `enter`, `s` | rate your stress before and after (`s` skips) |
| `space` | pause / resume the session |
| `n` | skip to the next muscle group |
| `escape` | stop the session (asks `y` / `n`; it is kept as stopped early) |
| `enter` / `escape` | on the summary: back to the routines |

In the routine form, `tab` / `shift+tab` move between the fields, `ctrl+s` saves the
routine and `escape` goes back (asks first if something changed).

Tense a group when the screen says TENSE, and let it go when it says RELEASE.

{safety}

## Trends (`t`)

| key | does |
|---|---|
| `1` / `2` / `3` / `4` / `5` | the last 7, 30, 90 or 365 days, or all of it |
| `up` / `down`, `pgup` / `pgdn` | scroll the charts |

## Everywhere

| key | does |
|---|---|
| `j` / `p` / `t` | journal / relaxation / trends |
| `ctrl+p` | command palette: every action, and the theme |
| `?` | this help |
| `q` | quit (`ctrl+q` from the editor) |
"""


HISTORY = """
## Your history in and out (from the shell)

- `journal import FILE...` brings in jrnl (its text or JSON), Daylio's CSV, an
  export or another journal file; `--dry-run` shows what would come in.
- `journal export [-o FILE]` writes everything out as JSON (or `--format csv`,
  `markdown`, `jrnl`).
- `journal backup [FILE]` makes a copy of the journal; the app makes one each day.

Here, `ctrl+p` then "Export journal…" or "Back up now" do the same.
"""


class HelpScreen(ModalScreen[None]):
    """The keys, in a scrollable panel; escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > VerticalScroll {
        width: 80;
        max-width: 100%;
        height: 90%;
        border: round $primary;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "escape closes"
            from journal.pmr import SAFETY_TEXT

            yield Markdown(KEYS.format(safety=f"### Safety\n\n{SAFETY_TEXT}") + HISTORY)
