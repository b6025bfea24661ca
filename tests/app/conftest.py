"""What the app's tests need differently from a person at a terminal, set here and
not in the app: a cursor that does not blink (screens and snapshots are then the
same at every moment)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    def stay_visible(self: Input | TextArea) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", stay_visible)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", stay_visible)
