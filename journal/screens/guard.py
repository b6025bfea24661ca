"""For handlers that read the store on the UI thread: a StoreError becomes a message
on screen (JournalApp.show_store_error) instead of ending the app. Writes go through
JournalApp.write, which has the same policy built in."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from journal.store import StoreError

F = TypeVar("F", bound=Callable[..., Any])


def shows_store_errors(method: F) -> F:
    """Decorate a key, timer or message handler of a screen that reads the store."""
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except StoreError as error:
                self.app.show_store_error(error)
                return None

        return run_async  # type: ignore[return-value]

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except StoreError as error:
            self.app.show_store_error(error)
            return None

    return run  # type: ignore[return-value]
