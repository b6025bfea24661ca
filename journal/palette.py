"""Titles and help for the command palette, by action: every key of a screen is
also a command (JournalApp.get_system_commands)."""

from __future__ import annotations

from journal.who5 import ANSWERS

COMMANDS: dict[str, tuple[str, str]] = {
    "new_entry": ("New entry", "Write a new entry"),
    "edit_entry": ("Edit entry", "Open the selected entry in the editor"),
    "delete_entry": ("Delete entry", "Delete the selected entry, after a question"),
    "search": ("Search entries", "Search the text of every entry; #tag filters by tag"),
    "clear_search": ("Clear search", "Clear the search and show every entry"),
    "show_journal": ("Journal", "Go to the journal, newest entry first"),
    "show_relax": ("Relaxation", "Go to the relaxation timer (Progressive Muscle Relaxation)"),
    "show_trends": ("Trends", "Go to the charts of mood, stress and relaxation"),
    "help": ("Help", "Show every key"),
    "quit": ("Quit", "Quit the journal"),
    "start": ("Start relaxation", "Start the selected relaxation routine"),
    "new_routine": ("New routine", "Make your own routine from the selected one"),
    "edit_routine": ("Edit routine", "Change one of your own routines"),
    "delete_routine": ("Delete routine", "Delete one of your own routines, after a question"),
    "bell(False)": ("Bell off", "Turn off the bell that marks each tense and release"),
    "bell(True)": ("Bell on", "Ring the bell at each tense and release"),
    "toggle_pause": ("Pause / resume", "Pause the session, or go on"),
    "next_group": ("Next muscle group", "Skip to the next muscle group"),
    "stop": ("Stop session", "Stop the session (kept as stopped early), after a question"),
    "done": ("Back to routines", "Leave the summary"),
    "range(7)": ("Trends: 7 days", "Charts of the last 7 days"),
    "range(30)": ("Trends: 30 days", "Charts of the last 30 days"),
    "range(90)": ("Trends: 90 days", "Charts of the last 90 days"),
    "range(365)": ("Trends: 365 days", "Charts of the last year"),
    "range(0)": ("Trends: all time", "Charts of everything in the journal"),
    "save": ("Save entry", "Save the entry and go back"),
    "back": ("Back", "Go back (asks first if something changed)"),
    "checkin": ("Well-being check-in", "Take the WHO-5 well-being check-in: five statements"),
    **{
        f"answer({value})": (f"Answer {value}: {answer}", "Answer the statement shown")
        for value, answer in ANSWERS.items()
    },
    "previous_statement": ("Previous statement", "Back to the statement before"),
    "leave": ("Leave the check-in", "Leave the check-in (nothing saved before the last answer)"),
    "close_result": ("Close the result", "Back to where the check-in was opened"),
    "toggle_reminder": ("Check-in reminder on / off", "The journal's reminder to check in"),
    # The app's own commands (not keys): your history out.
    "export_journal": (
        "Export journal…",
        "Everything as JSON into your Documents folder (journal import brings it back)",
    ),
    "back_up_now": ("Back up now", "A copy of the journal into backups/ beside it"),
}
