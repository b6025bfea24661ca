"""The app's "Export journal…" and "Back up now" (command palette) and its daily
backup: each runs in a thread worker, reads the journal on a connection of its own
(the screen's reads never wait for it), and says where the file went."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from journal.store import Store, StoreError

if TYPE_CHECKING:
    from journal.app import JournalApp
    from journal.store.transfer import EntryRow


def export_folder() -> Path:
    """Where the app puts an export: the Documents folder, else the home folder."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def export_journal(app: JournalApp) -> None:
    """Everything, as this journal's JSON (lossless), into export_folder()."""
    if app.store.path is None:
        app.notify("A journal in memory has nothing to export.", title="Export")
        return
    app.notify("Exporting the journal…", title="Export", timeout=3)
    app.run_worker(lambda: _export(app), thread=True, group="export", exit_on_error=False)


def _export(app: JournalApp) -> None:
    from journal.store import EntryQuery
    from journal.transfer.export import atomic_text_file, write_export

    assert app.store.path is not None
    now = app.clock()
    target = export_folder() / f"{app.store.path.stem}-export-{now:%Y-%m-%d-%H%M%S}.json"
    count = 0

    def counted(entries: Iterable[EntryRow]) -> Iterator[EntryRow]:
        nonlocal count
        for entry in entries:
            count += 1
            yield entry

    try:
        with (
            Store.open(app.store.path, clock=app.clock, create=False, check_pages=False) as own,
            own.transfer.snapshot() as rows,
            atomic_text_file(target) as out,
        ):
            write_export("json", out, rows, query=EntryQuery(), exported_at=now, watch=counted)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror}") from None
    entries = "1 entry" if count == 1 else f"{count:,} entries"
    app.call_from_thread(
        app.notify,
        f"{entries} exported to {target}. Bring it back with: journal import {target.name}",
        title="Exported",
        timeout=15,
        markup=False,
    )


def back_up_now(app: JournalApp) -> None:
    if app.store.path is None:
        app.notify("A journal in memory has no file to back up.", title="Backup")
        return
    app.run_worker(lambda: _back_up(app), thread=True, group="backup", exit_on_error=False)


def _back_up(app: JournalApp) -> None:
    made = app.store.transfer.backup(app.store.transfer.backup_path(app.clock()))
    app.call_from_thread(
        app.notify, f"Backed up to {made}", title="Backup", timeout=15, markup=False
    )


def daily_backup(store: Store) -> Path | None:
    """On the first start of a day, a backup (the newest 7 kept), unless the setting
    is off or the journal cannot be written; run after the first paint."""
    if store.readonly or store.path is None or not store.settings.daily_backup:
        return None
    return store.transfer.daily_backup()
