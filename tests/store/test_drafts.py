"""Drafts belong to the editor that writes them: only its save or discard ends one,
never another program's write to the same journal."""

from __future__ import annotations

from journal.models import EntryInput
from journal.store import Store


def keep_draft(store: Store, entry_id: int | None, body: str) -> None:
    store.drafts.save(entry_id, body=body, mood=None, stress=None, tags="")


def test_another_programs_adds_and_edits_leave_the_apps_drafts_alone(db_path, clock):
    with Store.open(db_path, clock=clock) as app:
        edited = app.entries.add(EntryInput.make(body="written yesterday", mood=3))
        keep_draft(app, None, "half a new entry")
        keep_draft(app, edited.id, "written yesterday, and more")
        # `journal add` and `journal edit` from another terminal: another connection.
        with Store.open(db_path, clock=clock) as command_line:
            added = command_line.entries.add(EntryInput.make(body="from the shell", mood=4))
            command_line.entries.update(added.id, EntryInput.make(body="changed", mood=4))
            command_line.entries.update(edited.id, EntryInput.make(body="edited in the shell"))
    # The app is gone (a crash): its drafts are still there for its next start.
    with Store.open(db_path, clock=clock) as app:
        assert app.drafts.get(None).body == "half a new entry"
        assert app.drafts.get(edited.id).body == "written yesterday, and more"


def test_the_editor_that_saves_ends_its_own_draft_and_no_other(store):
    first = store.entries.add(EntryInput.make(body="first", mood=3))
    keep_draft(store, None, "a new one")
    keep_draft(store, first.id, "first, edited")
    store.entries.update(first.id, EntryInput.make(body="first, edited"), ends_draft=True)
    assert store.drafts.get(first.id) is None
    assert store.drafts.get(None).body == "a new one"
    keep_draft(store, first.id, "first, edited again")
    store.entries.add(EntryInput.make(body="a new one"), ends_draft=True)
    assert store.drafts.get(None) is None
    assert store.drafts.get(first.id).body == "first, edited again"
