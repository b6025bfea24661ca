"""`journal serve` listens on loopback only, and stopping it (ctrl+c, or the server
killed outright) leaves no app process behind."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.serve.helpers import (
    Served,
    alive,
    children,
    listening_addresses,
    screen_text,
    serving,
    wait_for,
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads processes and sockets from /proc"
)


async def open_tab(session: aiohttp.ClientSession, served: Served):
    """A browser tab's WebSocket, once its app has sent its first screen."""
    ws = f"ws{served.base[4:]}/ws?width=80&height=24"
    tab = await session.ws_connect(ws, headers={"Cookie": f"{served.cookie}={served.token}"})
    assert (await tab.receive(timeout=30)).type == aiohttp.WSMsgType.BINARY
    return tab


def can_listen_on(address: str) -> bool:
    try:
        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as sock:
            sock.bind((address, 0))
    except OSError:
        return False
    return True


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
async def test_nothing_listens_but_loopback(tmp_path: Path, host: str):
    if not can_listen_on(host):
        pytest.skip(f"this machine has no {host}")
    with serving(tmp_path / "journal.db", "--host", host) as served:
        assert served.base == f"http://{'[::1]' if ':' in host else host}:{served.port}"
        async with aiohttp.ClientSession() as session:
            tab = await open_tab(session, served)
            processes = [served.process.pid, *children(served.process.pid)]
            assert len(processes) == 2  # the server and the tab's app
            # The app of a tab listens on nothing; the server on its address only.
            assert listening_addresses(processes) == [(host, served.port)]
            await tab.close()


async def test_ctrl_c_stops_the_server_and_every_tabs_app(tmp_path: Path):
    with serving(tmp_path / "journal.db") as served:
        async with aiohttp.ClientSession() as session:
            tabs = [await open_tab(session, served), await open_tab(session, served)]
            apps = children(served.process.pid)
            assert len(apps) == 2 and all(alive(pid) for pid in apps)
            # The terminal's ctrl+c reaches the server's process group, not the apps'.
            assert all(os.getsid(pid) == pid for pid in apps)
            code = await asyncio.to_thread(served.ctrl_c)
            for tab in tabs:  # each page is told its session ended
                while not tab.closed and (await tab.receive(timeout=5)).type not in CLOSING:
                    pass
        assert code == 0
        assert served.lines[-1] == "Stopped.\n"
        assert [pid for pid in apps if alive(pid)] == []


CLOSING = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED)


async def test_an_app_ends_when_the_server_is_killed_outright(tmp_path: Path):
    with serving(tmp_path / "journal.db") as served:
        async with aiohttp.ClientSession() as session:
            await open_tab(session, served)
            (app,) = children(served.process.pid)
            os.kill(served.process.pid, signal.SIGKILL)
            served.process.wait(timeout=10)
            wait_for(lambda: not alive(app), what="the app to end with its server")


async def test_words_typed_in_a_tab_are_kept_as_a_draft_when_the_server_stops(tmp_path: Path):
    from journal.store import Store

    db = tmp_path / "journal.db"
    with serving(db) as served:
        async with aiohttp.ClientSession() as session:
            tab = await open_tab(session, served)
            seen: list[bytes | str] = []

            async def until(words: str) -> None:
                while words not in screen_text(seen):
                    message = await tab.receive(timeout=30)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    seen.append(message.data)

            await until("Welcome")
            await tab.send_json(["stdin", "n"])
            await until("New entry")
            await tab.send_json(["stdin", "Walked by the canal"])
            await until("canal")
            # At once: the editor writes its draft only every second by itself.
            assert await asyncio.to_thread(served.ctrl_c) == 0
            while not tab.closed:  # what the app showed while quitting, if anything
                message = await tab.receive(timeout=5)
                if message.type in CLOSING:
                    break
                seen.append(message.data)
    with Store.open(db, create=False) as store:
        draft = store.drafts.get(None)
    said = f"server: {served.lines}; screen: {screen_text(seen)[-1500:]!r}"
    assert draft is not None and draft.body == "Walked by the canal", said


async def test_an_app_that_cannot_start_ends_the_tab_and_says_why_on_the_server(
    tmp_path: Path,
):
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    with serving(folder) as served:
        async with aiohttp.ClientSession() as session:
            ws = f"ws{served.base[4:]}/ws?width=80&height=24"
            cookie = {"Cookie": f"{served.cookie}={served.token}"}
            async with session.ws_connect(ws, headers=cookie) as tab:
                message = await tab.receive(timeout=30)
                while message.type == aiohttp.WSMsgType.BINARY:
                    message = await tab.receive(timeout=30)
                assert message.type in CLOSING  # the page shows "Session ended"
        wait_for(lambda: "is a folder" in "".join(served.lines), what="the app's error")
