"""Running the real `journal serve` for the tests, and what /proc says about it."""

from __future__ import annotations

import ipaddress
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

URL = re.compile(r"http://\S+/\?token=(\S+)")
# Escape sequences in what the app sends, so its words can be read.
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")
START_TIMEOUT = 30


@dataclass
class Served:
    """A `journal serve` running in its own session, as a terminal would start it."""

    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    @property
    def token(self) -> str:
        match = URL.search(self.url)
        assert match
        return match.group(1)

    @property
    def base(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def port(self) -> int:
        port = urlsplit(self.url).port
        assert port is not None
        return port

    @property
    def cookie(self) -> str:
        return f"journal-token-{self.port}"

    def ctrl_c(self, timeout: float = 30) -> int:
        """What a terminal's ctrl+c does: SIGINT to the server's process group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=timeout)


@contextmanager
def serving(db: Path, *args: str, home: Path | None = None) -> Iterator[Served]:
    """`journal --db DB serve --port 0 ARGS` until the block ends (then ctrl+c);
    `home` for HOME when the test's own (private_machine) is not set yet."""
    env = dict(os.environ, HOME=str(home)) if home is not None else None
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", "--db", str(db), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            seen.append(line)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    url = None
    while url is None:
        try:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            process.kill()
            raise AssertionError(f"journal serve printed no address: {seen}") from None
        if match := URL.search(line):
            url = match.group(0)
    served = Served(process, url, seen)
    try:
        yield served
    finally:
        try:
            served.ctrl_c()
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise


def wait_for(check: Callable[[], object], timeout: float = 20, what: str = "") -> object:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what or check}")
        time.sleep(0.05)
    return result


def screen_text(chunks: list[bytes | str]) -> str:
    """The words in what an app sent, its escape sequences taken out."""
    text = "".join(c.decode("utf-8", "replace") if isinstance(c, bytes) else c for c in chunks)
    return ANSI.sub("", text)


# What /proc says (Linux): the server's children, and the sockets they listen on.


def children(pid: int) -> list[int]:
    """The processes whose parent is pid (alive or not yet reaped)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, and not a zombie waiting for its parent."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def listening_addresses(pids: list[int]) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket in LISTEN state that these processes hold."""
    inodes = set()
    for pid in pids:
        fds = Path(f"/proc/{pid}/fd")
        for fd in fds.iterdir() if fds.exists() else ():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = []
    for table, decode in (("tcp", _ipv4), ("tcp6", _ipv6)):
        path = Path("/proc/net") / table
        for row in path.read_text().splitlines()[1:] if path.exists() else ():
            columns = row.split()
            local, state, inode = columns[1], columns[3], columns[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                address, port = local.split(":")
                found.append((decode(address), int(port, 16)))
    return found


def _words(hex_address: str) -> bytes:
    # /proc writes an address as 32-bit words, each in the machine's byte order.
    raw = bytes.fromhex(hex_address)
    if sys.byteorder == "big":
        return raw
    return b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))


def _ipv4(hex_address: str) -> str:
    return str(ipaddress.IPv4Address(_words(hex_address)))


def _ipv6(hex_address: str) -> str:
    return str(ipaddress.IPv6Address(_words(hex_address)))
