"""`journal serve` on the command line: which addresses it takes, what it says when
it cannot serve, and that other commands never load the web server."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import pytest

from journal.serve.address import NotLoopback, loopback_host
from tests.conftest import run_journal


@pytest.mark.parametrize(
    ("given", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.8.9.10", "127.8.9.10"),
        ("localhost", "127.0.0.1"),
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("0:0:0:0:0:0:0:1", "::1"),
    ],
)
def test_loopback_addresses_are_taken(given: str, address: str):
    assert loopback_host(given) == address


@pytest.mark.parametrize(
    "given", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "8.8.8.8", "::ffff:127.0.0.1"]
)
def test_addresses_other_machines_reach_are_refused_with_one_line(journal, given: str):
    result = journal("serve", "--host", given)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.splitlines()) == 1
    assert "--host" in result.err and "this machine only" in result.err
    assert "127.0.0.1" in result.err and "::1" in result.err  # what to give instead


@pytest.mark.parametrize("given", ["example.com", "", "127.0.0.1:8000"])
def test_a_host_that_is_no_address_is_refused(given: str):
    with pytest.raises(NotLoopback, match="not an address"):
        loopback_host(given)


def test_a_port_in_use_is_said_in_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_journal("serve", "--port", str(port), timeout=30)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        f"journal: port {port} on 127.0.0.1 in use; choose another with --port "
        "(0 picks a free one)\n"
    )


def test_without_a_port_the_next_free_one_is_taken(monkeypatch: pytest.MonkeyPatch):
    from journal.serve import server

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setattr(server, "DEFAULT_PORT", taken.getsockname()[1])
        with server._listen("127.0.0.1", None) as chosen:
            assert chosen.getsockname()[1] > server.DEFAULT_PORT


def test_without_textual_serve_it_says_what_to_install(db_path):
    # In a process of its own, with textual-serve unimportable: were it found, the
    # server would run until stopped.
    check = textwrap.dedent(
        """
        import sys
        sys.modules["textual_serve"] = None  # as if not installed
        from journal.cli import main
        main(["serve"])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        env={"JOURNAL_DB": str(db_path), "PATH": ""},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "journal: journal serve needs textual-serve, which is not installed: "
        "pip install 'wellbeing-journal[serve]'\n"
    )


def test_other_commands_never_load_the_web_server(db_path):
    check = textwrap.dedent(
        """
        import sys
        from journal.cli import main
        for args in (["list"], ["serve", "--help"], ["serve", "--host", "0.0.0.0"]):
            try:
                main(args)
            except SystemExit:
                pass
        web = ("aiohttp", "textual_serve", "jinja2", "journal.serve.server")
        print("LOADED", sorted(m for m in web if m in sys.modules), file=sys.stderr)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        env={"JOURNAL_DB": str(db_path), "PATH": ""},
        timeout=60,
    )
    assert "LOADED []" in result.stderr.decode(), result.stderr
