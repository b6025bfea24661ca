"""Build sample journals for the bench, cached under bench/data/ (git-ignored).

python bench/make_journal.py                 # 100,000 entries, 5,000 sessions, 6 years
python bench/make_journal.py -n 100 --days 60   # sessions in the same share: 5
python bench/make_journal.py -n 1000000      # sessions capped at what fits (about 7,000)

Entries are generated and written a batch at a time (one transaction): memory
stays flat at any size.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from journal.sample import generate, most_sessions
from journal.store import Store

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
ROOT = BENCH.parent

ENTRIES = 100_000
SESSIONS = 5_000  # PRODUCT.md: "a generated journal of 100,000 entries and 5,000 sessions"
DAYS = 6 * 365 + 1
SEED = 1
# A fixed end, so a cached journal is the same file whenever it was built.
END = datetime(2026, 3, 1, 21, 30, tzinfo=timezone(timedelta(hours=1)))


def fingerprint() -> str:
    """Changes when the generator or the schema does, so a stale journal is not reused."""
    sources = sorted(ROOT.glob("journal/sample/*.py"))
    # A session's settings and seconds come from its routine; the rows are written
    # by the store's bulk writers.
    sources += [
        *sorted(ROOT.glob("journal/pmr/*.py")),
        *(
            ROOT / "journal/store" / name
            for name in (
                "migrations.py",
                "search_index.py",
                "day_figures.py",
                "entries.py",
                "relaxation.py",
            )
        ),
    ]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:10]


def sessions_for(entries: int, days: int = DAYS, seed: int = SEED) -> int:
    """The big journal's share of sessions per entry, at most what fits in the days
    (1,000,000 entries would want 50,000 sessions in 6 years)."""
    return min(round(entries * SESSIONS / ENTRIES), most_sessions(days=days, end=END, seed=seed))


def journal_path(entries: int, sessions: int, days: int, seed: int) -> Path:
    return DATA / f"journal-{entries}e-{sessions}s-{days}d-seed{seed}-{fingerprint()}.db"


def build(
    entries: int = ENTRIES,
    days: int = DAYS,
    seed: int = SEED,
    *,
    sessions: int | None = None,
    force: bool = False,
) -> tuple[Path, float | None]:
    """The journal's path, and the seconds spent building it (None: it was cached)."""
    if sessions is None:
        sessions = sessions_for(entries, days, seed)
    path = journal_path(entries, sessions, days, seed)
    if path.exists() and not force:
        return path, None
    DATA.mkdir(parents=True, exist_ok=True)
    # Earlier builds of this journal: another generator, another number of sessions,
    # or named before journals had sessions (no "-<n>s" part).
    earlier = re.compile(rf"journal-{entries}e-(\d+s-)?{days}d-seed{seed}-\w+\.db(\.partial)?")
    for stale in DATA.iterdir():
        if earlier.fullmatch(stale.name):
            stale.unlink()
    # Built under another name and renamed when done: an interrupted build is never
    # mistaken for a finished one.
    partial = path.with_name(path.name + ".partial")
    start = time.perf_counter()
    with Store.open(partial) as store:
        generate(store, entries=entries, days=days, end=END, seed=seed, sessions=sessions)
    seconds = time.perf_counter() - start
    # Closing the last connection checkpoints the WAL: the .db file is complete.
    partial.replace(path)
    return path, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--entries", type=int, default=ENTRIES)
    parser.add_argument(
        "-s", "--sessions", type=int, help=f"default: {SESSIONS:,} per {ENTRIES:,} entries"
    )
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args()
    if args.sessions is None:
        sessions = sessions_for(args.entries, args.days, args.seed)
    else:
        sessions = args.sessions
    path, seconds = build(args.entries, args.days, args.seed, sessions=sessions, force=args.force)
    how = "cached" if seconds is None else f"built in {seconds:.1f} s"
    size = path.stat().st_size / 1_000_000
    print(f"{path}  ({args.entries:,} entries, {sessions:,} sessions, {size:.0f} MB, {how})")


if __name__ == "__main__":
    main()
