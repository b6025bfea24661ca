"""The store's errors: faults a user can act on, each said in one line."""

from __future__ import annotations


class StoreError(Exception):
    """A fault a user can act on; the message is one line and holds no entry text."""


class EntryNotFound(StoreError):
    def __init__(self, entry_id: int) -> None:
        super().__init__(f"there is no entry {entry_id}; 'journal list' shows the ids")
        self.entry_id = entry_id
