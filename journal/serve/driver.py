"""The Textual driver of a browser tab's app: Textual's web driver, with the app
starting focused, as it does in a terminal.

Textual's web driver tells the app at its start that it has lost the focus (the
page might be in the background) and waits for the page to say otherwise. Our
page takes the keys at once (templates/app_index.html), and its "focus", sent while
the app is still starting, is overtaken by that opening blur: the journal's footer
then showed no keys until a click. `journal serve` names this class in each app's
TEXTUAL_DRIVER; it runs in the app's process, never in the server's.
"""

from __future__ import annotations

from textual import events
from textual.drivers.web_driver import WebDriver


class TabDriver(WebDriver):
    def start_application_mode(self) -> None:
        super().start_application_mode()
        # After the blur that super() queued; the page's own blur and focus follow.
        self._app.call_later(self._app.post_message, events.AppFocus())
