"""Your history in and out: reading jrnl, Daylio and this journal's own exports into
the store's rows, and writing the journal out as JSON, CSV, Markdown or jrnl text.

Pure parsing and formatting: files in, rows out (and back), with no SQL, no terminal
and no UI; the store merges the rows (journal.store.merging) and the command line
shows the progress (journal.cli.transfer).
"""
