"""`journal encrypt`, `decrypt` and `passphrase`, and every command on an encrypted
journal: the passphrase from a file, a descriptor or the terminal, never an option."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import subprocess
import sys
import time

import pytest

from journal import launch
from journal.store import Store
from tests.conftest import run_journal

WORD = "quetzalcoatlus"


def secret_file(tmp_path, *lines: str, mode: int = 0o600):
    path = tmp_path / f"secret-{len(list(tmp_path.iterdir()))}"
    path.write_text("".join(f"{line}\n" for line in lines))
    path.chmod(mode)
    return path


def with_file(path) -> dict[str, str]:
    return {"JOURNAL_PASSPHRASE_FILE": str(path)}


def fd_with(*lines: str) -> int:
    """A descriptor a script would pass: the lines, then the end."""
    read, write = os.pipe()
    os.write(write, "".join(f"{line}\n" for line in lines).encode())
    os.close(write)
    return read


@pytest.fixture
def encrypted(journal, tmp_path, db_path):
    """A journal with an entry, encrypted with 'correct horse' (its file returned)."""
    assert journal("add", f"{WORD} by the river", "-t", "walk", "-m", "4").code == 0
    secret = secret_file(tmp_path, "correct horse")
    done = journal("encrypt", env=with_file(secret))
    assert done.code == 0, done.err
    assert db_path.read_bytes()[:16] != b"SQLite format 3\x00"
    return secret


def test_every_command_reads_an_encrypted_journal_with_the_passphrase_file(
    journal, encrypted, db_path
):
    listed = journal("list", "--json", env=with_file(encrypted))
    assert [e["body"] for e in json.loads(listed.out)] == [f"{WORD} by the river"]
    assert journal("add", "second", "-m", "3", env=with_file(encrypted)).out == "2\n"
    assert journal("tags", env=with_file(encrypted)).code == 0
    assert WORD.encode() not in db_path.read_bytes()


def test_the_passphrase_from_a_descriptor_old_then_new_for_a_change(journal, encrypted, tmp_path):
    fd = fd_with("correct horse", "battery staple")
    changed = journal("--passphrase-fd", str(fd), "passphrase")
    os.close(fd)
    assert changed.code == 0, changed.err
    assert "cannot be read, by you or anyone" in changed.out
    fd = fd_with("battery staple")
    assert WORD in journal("--passphrase-fd", str(fd), "list").out
    os.close(fd)
    old = journal("list", env=with_file(encrypted))
    assert (old.code, old.err) == (1, "journal: wrong passphrase\n")


def test_a_wrong_passphrase_exits_1_with_one_line_and_nothing_else(encrypted, tmp_path, db_path):
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    wrong = secret_file(tmp_path, "correct hors")
    for args in (["list"], ["add", "more", "-m", "3"], ["decrypt"], ["passphrase"], []):
        # A real process: SQLCipher's own lines would go to its stderr.
        done = run_journal(*args, db=db_path, env=with_file(wrong))
        assert (done.returncode, done.stderr, done.stdout) == (
            1,
            b"journal: wrong passphrase\n",
            b"",
        ), args
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("journal")) == [
        "journal.db"
    ]


def test_a_passphrase_file_others_may_read_is_refused(journal, encrypted, tmp_path):
    loose = secret_file(tmp_path, "correct horse", mode=0o640)
    refused = journal("list", env=with_file(loose))
    assert refused.code == 2
    assert "may be read by others (mode 0640)" in refused.err and "chmod 600" in refused.err
    assert refused.err.count("\n") == 1


def test_there_is_no_option_that_takes_the_passphrase_itself(journal, encrypted):
    for args in (["--passphrase", "correct horse", "list"], ["list", "--passphrase-fd", "0"]):
        assert journal(*args).code == 2


def test_without_a_terminal_or_a_script_the_command_says_how_to_give_it(encrypted, db_path):
    # A new session: no controlling terminal to ask on.
    done = subprocess.run(
        [sys.executable, "-m", "journal", "list"],
        env={**os.environ, "JOURNAL_DB": str(db_path)},
        capture_output=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert done.returncode == 2
    assert b"JOURNAL_PASSPHRASE_FILE" in done.stderr and b"--passphrase-fd" in done.stderr


def test_the_terminal_asks_without_echo(encrypted, db_path):
    pid, fd = pty.fork()
    if pid == 0:
        env = {**os.environ, "JOURNAL_DB": str(db_path)}
        env.pop("JOURNAL_PASSPHRASE_FILE", None)
        os.execvpe(sys.executable, [sys.executable, "-m", "journal", "list"], env)
    output = b""
    deadline = time.monotonic() + 30
    while b"Passphrase:" not in output and time.monotonic() < deadline:
        output += os.read(fd, 1024)
    os.write(fd, b"correct horse\n")
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert WORD.encode() in output
    assert b"correct horse" not in output


def test_encrypt_names_the_plain_copies_beside_it_and_encrypts_them_if_asked(
    journal, tmp_path, db_path
):
    journal("add", f"{WORD} kept", "-m", "4")
    backups = db_path.parent / "backups"
    backups.mkdir()
    with Store.open(db_path) as store:
        store.backup_to(backups / "journal-20260101.db")
        store.backup_to(db_path.with_name("journal.db.before-m002.20260101-000000-000000.bak"))
    secret = secret_file(tmp_path, "correct horse")
    done = journal("encrypt", input="y\n", env=with_file(secret))
    assert done.code == 0, done.err
    assert "2 plain-text copies" in done.out and "journal-20260101.db" in done.out
    assert "Encrypted; the same passphrase opens them" in done.out
    for file in db_path.parent.rglob("*"):
        if file.is_file() and file.name.startswith("journal"):
            assert WORD.encode() not in file.read_bytes(), file
    with Store.open(backups / "journal-20260101.db", passphrase="correct horse") as copy:
        assert copy.entries.count() == 1


@pytest.mark.parametrize(
    ("answers", "says", "left"),
    [("", "Kept as they are", 1), ("n\ny\n", "Removed", 0), ("maybe\nn\nn\n", "Kept", 1)],
)
def test_plain_copies_are_removed_or_kept_as_answered(
    journal, tmp_path, db_path, answers, says, left
):
    journal("add", "kept", "-m", "4")
    (db_path.parent / "backups").mkdir()
    with Store.open(db_path) as store:
        store.backup_to(db_path.parent / "backups" / "old.db")
    done = journal("encrypt", input=answers, env=with_file(secret_file(tmp_path, "pw")))
    assert done.code == 0 and says in done.out
    assert len(list((db_path.parent / "backups").iterdir())) == left


def test_encrypt_twice_or_decrypt_a_plain_journal_says_what_to_do(journal, encrypted, tmp_path):
    again = journal("encrypt", env=with_file(encrypted))
    assert again.code == 2 and "'journal passphrase' changes" in again.err
    assert journal("decrypt", env=with_file(encrypted)).code == 0
    assert WORD in journal("list").out
    plain = journal("decrypt")
    assert plain.code == 2 and "not encrypted" in plain.err


def test_a_new_passphrase_cannot_be_empty(journal, tmp_path):
    journal("add", "x", "-m", "3")
    empty = secret_file(tmp_path, "")
    fd = fd_with("")
    done = journal("--passphrase-fd", str(fd), "encrypt")
    os.close(fd)
    assert done.code == 2
    assert journal("encrypt", env=with_file(empty)).code == 2


def test_an_encrypted_journal_without_sqlcipher_gets_one_line(encrypted, db_path):
    code = (
        "import sys; sys.modules['sqlcipher3'] = None; "
        "from journal.launch import main; main(['list'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "JOURNAL_DB": str(db_path), **with_file(encrypted)},
        capture_output=True,
    )
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "journal: this journal is encrypted and SQLCipher is not installed here; "
        "install it (pip install sqlcipher3) to open it"
    ]


def test_the_app_gets_the_lock_screen_unless_a_script_gives_the_passphrase(
    journal, encrypted, monkeypatch
):
    opened = []
    monkeypatch.setattr(launch, "run_app", lambda store, **how: opened.append(store))
    assert journal().code == 0
    assert journal(env=with_file(encrypted)).code == 0
    locked, unlocked = opened
    assert callable(locked) and not isinstance(locked, Store)
    assert isinstance(unlocked, Store) and unlocked.encrypted


def test_export_warns_that_its_output_is_plain_text(encrypted, db_path, capsys):
    from journal.cli.encryption import warn_plain_text

    with Store.in_memory() as plain:
        warn_plain_text(plain)
    assert capsys.readouterr().err == ""
    with Store.open(db_path, passphrase="correct horse") as store:
        warn_plain_text(store)
    assert capsys.readouterr().err == (
        "journal: the journal is encrypted, and the export is plain text; "
        "keep it somewhere private\n"
    )


def test_a_plain_journal_never_loads_sqlcipher(journal, db_path):
    journal("add", "plain", "-m", "3")
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('sqlcipher3' in sys.modules))\n"
        "from journal.launch import main\n"
        "main(sys.argv[1:])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "--db", str(db_path), "list"],
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[-1] == "False"


def test_a_command_that_opens_the_journal_twice_asks_once(journal, encrypted, monkeypatch):
    # `journal add` with nothing in a terminal: opened before the editor and after.
    from journal.cli import entries

    monkeypatch.setattr(entries, "_stdin_is_terminal", lambda: True)
    monkeypatch.setattr(entries, "_edit_in_editor", lambda config, text: "written in the editor")
    fd = fd_with("correct horse")
    done = journal("--passphrase-fd", str(fd), "add")
    os.close(fd)
    assert done.code == 0, done.err
    assert "written in the editor" in journal("list", env=with_file(encrypted)).out


def test_an_encrypted_journal_imports_and_its_backup_restores_with_its_passphrase(
    journal, encrypted, db_path, tmp_path
):
    source = tmp_path / "old.txt"
    source.write_text("[2024-01-01 10:00] Herons at dawn.\n")
    done = journal("import", str(source), env=with_file(encrypted))
    assert done.code == 0, done.err
    assert "imported 1 entry" in done.err
    backup = journal("backup", env=with_file(encrypted))
    assert backup.code == 0, backup.err
    copy = next((db_path.parent / "backups").glob("*.db"))
    assert copy.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted too
    # Into the journal itself: everything is already here.
    again = journal("import", str(copy), env=with_file(encrypted))
    assert again.code == 0, again.err
    assert "imported 0 entries" in again.err and "2 already here" in again.err
    # The journal lost: a new (plain) one takes the backup back, passphrase given.
    fresh = tmp_path / "fresh" / "journal.db"
    restored = run_journal("import", str(copy), db=fresh, env=with_file(encrypted))
    assert restored.returncode == 0, restored.stderr
    listed = run_journal("list", "--json", db=fresh)
    assert sorted(e["body"] for e in json.loads(listed.stdout)) == [
        "Herons at dawn.",
        f"{WORD} by the river",
    ]


def test_a_merge_reads_another_machines_encrypted_copy(journal, encrypted, db_path, tmp_path):
    same = tmp_path / "same.db"  # locked with the same passphrase, on its own salt
    assert run_journal("add", "from the laptop", db=same).returncode == 0
    assert run_journal("encrypt", db=same, env=with_file(encrypted)).returncode == 0
    merged = journal("import", str(same), env=with_file(encrypted))
    assert merged.code == 0, merged.err
    assert "imported 1 entry" in merged.err

    other = tmp_path / "other.db"  # locked with a passphrase of its own
    assert run_journal("add", "from the old phone", db=other).returncode == 0
    lock_other = secret_file(tmp_path, "battery staple")
    assert run_journal("encrypt", db=other, env=with_file(lock_other)).returncode == 0
    # Only this journal's passphrase given: the other's is missing, nothing imported.
    missing = journal("import", str(other), env=with_file(encrypted))
    assert missing.code == 2 and "no (more) passphrase lines" in missing.err
    wrong = journal(
        "import", str(other), env=with_file(secret_file(tmp_path, "correct horse", "nope"))
    )
    assert wrong.code == 2
    assert "other.db: wrong passphrase" in wrong.err and "nothing was imported" in wrong.err
    both = secret_file(tmp_path, "correct horse", "battery staple")
    done = journal("import", str(other), env=with_file(both))
    assert done.code == 0, done.err
    listed = journal("list", "--json", env=with_file(encrypted))
    assert {e["body"] for e in json.loads(listed.out)} >= {"from the laptop", "from the old phone"}
    assert b"old phone" not in db_path.read_bytes()  # still all encrypted


def test_a_file_to_import_that_is_not_plain_sqlite_is_named_when_no_terminal_can_ask(tmp_path):
    # Whole pages of noise look like an encrypted journal: its passphrase would be
    # asked for; without a terminal the error names that file, not "the journal".
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(4096))
    fresh = tmp_path / "fresh" / "journal.db"
    done = subprocess.run(
        [sys.executable, "-m", "journal", "import", str(noise)],
        env={
            **{k: v for k, v in os.environ.items() if k != "JOURNAL_PASSPHRASE_FILE"},
            "JOURNAL_DB": str(fresh),
        },
        capture_output=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert done.returncode == 2
    said = done.stderr.decode()
    assert f"{noise} is no plain journal file; if it is an encrypted one" in said
    assert "JOURNAL_PASSPHRASE_FILE" in said
    assert not fresh.exists()  # nothing was made for an import that did not happen
