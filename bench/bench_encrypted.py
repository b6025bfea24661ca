"""An encrypted journal beside the same journal plain, in the same run.

    python bench/bench_encrypted.py [--runs 9]

PRODUCT.md ("A passphrase"): opening an encrypted file costs one key derivation
(SQLCipher's default KDF, PBKDF2-HMAC-SHA512 x 256,000); a command costs at most 1.5x
the same command on a plain file, plus that derivation. Figures:

- the key derivation alone, in this process;
- `journal add` on the 100-entry journal, plain and encrypted (the passphrase from
  JOURNAL_PASSPHRASE_FILE), and `journal list -n 20` at 100,000 entries;
- the app, started until the newest entry is on screen, at 100,000 entries: plain, and
  encrypted with the passphrase given by the file (the time after it is entered);
- full-text search at 100,000 entries in this process, plain and encrypted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_app import BARE_APP, BARE_MARKER, BASELINE, Marker, bench_start, marker_for
from bench_cli import ADD_ARGS, COMMON_WORD, RARE_WORD, journal_command, ms, table, timed_call
from bench_cli import timed_commands as timed
from make_journal import build

from journal.store import EntryQuery, Store
from journal.store.cipher import derive, key_for, new_key
from journal.store.converting import convert

PASSPHRASE = "correct horse battery staple"
LIMIT = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (at least 7)")
    runs = max(parser.parse_args().runs, 7)
    started = time.perf_counter()
    big, _ = build()
    small, _ = build(100, 60)
    with tempfile.TemporaryDirectory(prefix="journal-bench-encrypted-") as folder:
        tmp = Path(folder)
        secret = tmp / "passphrase"
        secret.write_text(PASSPHRASE + "\n")
        secret.chmod(0o600)
        os.environ["JOURNAL_PASSPHRASE_FILE"] = str(secret)  # read only by encrypted ones
        paths = {}
        for size, source in (("100", small), ("100,000", big)):
            for kind in ("plain", "encrypted"):
                paths[size, kind] = tmp / f"{kind}-{size.replace(',', '')}.db"
                shutil.copyfile(source, paths[size, kind])
            convert(paths[size, "encrypted"], None, new_key(PASSPHRASE))

        salt = os.urandom(16)
        kdf = timed_call(lambda: derive(PASSPHRASE, salt), runs)
        assert not isinstance(kdf, str)
        print(f"key derivation alone (in process): median {ms(kdf[1])}\n")
        bench_commands(paths, runs, kdf[1])
        bench_app(paths, tmp, runs)
        bench_search(paths, runs)
    print(f"\nbench took {time.perf_counter() - started:.0f} s")


def bench_commands(paths: dict, runs: int, kdf: float) -> None:
    journal = journal_command()
    cases = {"journal --version": [*journal, "--version"]}
    for kind in ("plain", "encrypted"):
        cases[f"journal add, 100 entries, {kind}"] = [
            *journal,
            "--db",
            str(paths["100", kind]),
            *ADD_ARGS,
        ]
        cases[f"journal list -n 20, 100,000 entries, {kind}"] = [
            *journal,
            "--db",
            str(paths["100,000", kind]),
            "list",
            "-n",
            "20",
        ]
    times = timed(cases, runs)
    print(f"Commands: wall time of the process, median of {runs} interleaved runs")
    rows = []
    for what in ("journal add, 100 entries", "journal list -n 20, 100,000 entries"):
        plain, encrypted = times[f"{what}, plain"], times[f"{what}, encrypted"]
        if plain is None or encrypted is None:
            rows.append([what, ms(plain), ms(encrypted), "", "", "FAIL"])
            continue
        beyond = (encrypted - kdf) / plain
        rows.append(
            [
                what,
                ms(plain),
                ms(encrypted),
                f"{encrypted / plain:.2f}x",
                f"{beyond:.2f}x",
                "PASS" if beyond <= LIMIT else "FAIL",
            ]
        )
    table(["", "plain", "encrypted", "x plain", "x plain, less the KDF", f"<= {LIMIT}x"], rows)
    print(f"(journal --version: {ms(times['journal --version'])})\n")


def bench_app(paths: dict, tmp: Path, runs: int) -> None:
    bare = tmp / "bare_app.py"
    bare.write_text(BARE_APP)
    marker = marker_for(paths["100,000", "plain"])  # the same newest entry in both
    journal = journal_command()
    cases: dict[str, tuple[list[str], Marker]] = {
        BASELINE: ([sys.executable, str(bare), BARE_MARKER], Marker.text(BARE_MARKER)),
        "journal, 100,000 entries, plain": (
            [*journal, "--db", str(paths["100,000", "plain"])],
            marker,
        ),
        "journal, 100,000 entries, encrypted (passphrase from the file)": (
            [*journal, "--db", str(paths["100,000", "encrypted"])],
            marker,
        ),
    }
    bench_start(cases, runs)
    print()


def bench_search(paths: dict, runs: int) -> None:
    print(f"In-process search at 100,000 entries: median of {runs} after the first call")
    rows = []
    key = key_for(paths["100,000", "encrypted"], PASSPHRASE)
    results = {}
    for kind in ("plain", "encrypted"):
        with Store.open(paths["100,000", kind], key=key if kind == "encrypted" else None) as store:
            for word in (COMMON_WORD, RARE_WORD):
                query = EntryQuery(text=word)
                results[kind, word] = timed_call(
                    lambda store=store, query=query: store.entries.find(query, limit=20), runs
                )
    for word in (COMMON_WORD, RARE_WORD):
        plain, encrypted = results["plain", word], results["encrypted", word]
        if isinstance(plain, str) or isinstance(encrypted, str):
            rows.append([f"search {word!r}", str(plain), str(encrypted), "", "FAIL"])
            continue
        rows.append(
            [
                f"search {word!r}, first 20",
                f"{ms(plain[0])} / {ms(plain[1])}",
                f"{ms(encrypted[0])} / {ms(encrypted[1])}",
                f"{encrypted[1] / plain[1]:.2f}x",
                "PASS" if encrypted[1] < 0.050 else "FAIL",
            ]
        )
    table(["", "plain first / median", "encrypted first / median", "x plain", "< 50 ms"], rows)


if __name__ == "__main__":
    main()
