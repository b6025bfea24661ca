"""Entries as terminal text for the command line: safe, and fitted to the width."""

from __future__ import annotations

from datetime import datetime

from journal.models import Entry, Session, mood_word
from journal.text import minutes, one_line, visible


def fit(text: str, width: int) -> str:
    """Cut `text` to at most `width` terminal cells, marking a cut with an ellipsis."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return set_cell_size(text, width - 1).rstrip() + "…"


def short_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %a %H:%M")


def entry_line(entry: Entry, width: int | None) -> tuple[str, str, str]:
    """One entry as (prefix, mood word, rest), together at most `width` cells
    (None: the whole line, however long)."""
    mood = mood_word(entry.mood) or "-"
    stress = f"{entry.stress:>2}/10" if entry.stress is not None else "   - "
    prefix = f"{entry.id:>6}  {short_time(entry.created_at)}  "
    tags = "  " + " ".join("#" + t for t in entry.tags) if entry.tags else ""
    rest = f"  {stress}  {one_line(entry.title)}{tags}"
    mood_cells = 5
    if width is None:
        return prefix, mood.ljust(mood_cells), rest
    room = max(width - len(prefix) - mood_cells, 0)
    return prefix, mood.ljust(mood_cells), fit(rest, room)


def confirmation(entry: Entry, done: str) -> str:
    """`entry 12 added: Tue 24 Nov 2026 09:30 (UTC+01:00), mood 4 good, stress 3/10,
    #walk`: what was saved, without its text."""
    when = entry.created_at
    offset = when.strftime("%z")
    parts = [f"{when:%a %d %b %Y %H:%M} (UTC{offset[:3]}:{offset[3:5]})"]
    if entry.mood is not None:
        parts.append(f"mood {entry.mood} {mood_word(entry.mood)}")
    if entry.stress is not None:
        parts.append(f"stress {entry.stress}/10")
    if entry.tags:
        parts.append(" ".join("#" + tag for tag in entry.tags))
    if not entry.body:
        parts.append("no text")
    return f"entry {entry.id} {done}: " + ", ".join(parts)


def entry_full(entry: Entry) -> list[str]:
    """Everything about an entry, as lines; the body keeps its own line breaks."""
    lines = [
        f"entry {entry.id}  {entry.created_at.strftime('%A %d %B %Y, %H:%M')} "
        f"(UTC{entry.created_at.strftime('%z')[:3]}:{entry.created_at.strftime('%z')[3:]})",
        "mood   " + (f"{entry.mood} {mood_word(entry.mood)}" if entry.mood else "-"),
        "stress " + (f"{entry.stress}/10" if entry.stress is not None else "-"),
        "tags   " + (" ".join("#" + t for t in entry.tags) or "-"),
    ]
    if entry.body:
        lines.append("")
        # Split at line feeds only: str.splitlines() also breaks at NEL and other
        # controls, which are shown instead.
        lines.extend(
            visible(line.removesuffix("\r").replace("\t", "    "))
            for line in entry.body.split("\n")
        )
    return lines


def session_line(session: Session) -> str:
    """One session: when, routine, time practised, how far, and the stress change."""
    state = "completed" if session.completed else "stopped early"
    line = (
        f"{session.id:>6}  {short_time(session.started_at)}  {one_line(session.routine):<16} "
        f"{minutes(session.seconds):>12}  {session.groups_done}/{session.groups_planned} groups, "
        f"{state}"
    )
    before, after = session.stress_before, session.stress_after
    if before is not None or after is not None:
        shown = lambda v: "-" if v is None else str(v)  # noqa: E731
        line += f"  stress {shown(before)} -> {shown(after)}"
        if session.stress_change is not None:
            line += f" ({session.stress_change:+d})"
    if session.note:
        line += f"  {one_line(session.note)}"
    return line
