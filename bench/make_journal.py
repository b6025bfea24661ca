"""Build sample journals for the bench, cached under bench/data/ (git-ignored).

python bench/make_journal.py                 # 100,000 entries over 6 years
python bench/make_journal.py -n 100 --days 60
"""

from __future__ import annotations

import argparse
import hashlib
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from journal.sample import generate
from journal.store import Store

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
ROOT = BENCH.parent

ENTRIES = 100_000
DAYS = 6 * 365 + 1
SEED = 1
# A fixed end, so a cached journal is the same file whenever it was built.
END = datetime(2026, 3, 1, 21, 30, tzinfo=timezone(timedelta(hours=1)))


def fingerprint() -> str:
    """Changes when the generator or the schema does, so a stale journal is not reused."""
    digest = hashlib.sha256()
    for name in ("journal/sample.py", "journal/migrations.py"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:10]


def journal_path(entries: int, days: int, seed: int) -> Path:
    return DATA / f"journal-{entries}e-{days}d-seed{seed}-{fingerprint()}.db"


def build(
    entries: int = ENTRIES, days: int = DAYS, seed: int = SEED, *, force: bool = False
) -> tuple[Path, float | None]:
    """The journal's path, and the seconds spent building it (None: it was cached)."""
    path = journal_path(entries, days, seed)
    if path.exists() and not force:
        return path, None
    DATA.mkdir(parents=True, exist_ok=True)
    for stale in DATA.glob(f"journal-{entries}e-{days}d-seed{seed}-*"):
        stale.unlink()
    # Built under another name and renamed when done: an interrupted build is never
    # mistaken for a finished one.
    partial = path.with_name(path.name + ".partial")
    start = time.perf_counter()
    with Store.open(partial) as store:
        generate(store, entries=entries, days=days, end=END, seed=seed)
    seconds = time.perf_counter() - start
    # Closing the last connection checkpoints the WAL: the .db file is complete.
    partial.replace(path)
    return path, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--entries", type=int, default=ENTRIES)
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args()
    path, seconds = build(args.entries, args.days, args.seed, force=args.force)
    how = "cached" if seconds is None else f"built in {seconds:.1f} s"
    size = path.stat().st_size / 1_000_000
    print(f"{path}  ({args.entries:,} entries, {size:.0f} MB, {how})")


if __name__ == "__main__":
    main()
