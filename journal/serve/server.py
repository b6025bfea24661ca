"""The server behind `journal serve`: textual-serve's, with the token guard, one
app process for each browser tab, and every one of them stopped with the server.

textual-serve's Server is subclassed where it has to be: each tab's app is started
without a shell (the journal's path is passed as one argument, never parsed) in a
session of its own (the terminal's ctrl+c reaches the server, which then presses
ctrl+q in each app, so they end as a person would end them), and the page's
addresses follow the address the browser used (an SSH tunnel's port), not the one
we listen on.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from journal.serve.address import url_host
from journal.serve.guard import cookie_name, new_token, token_guard
from journal.store.errors import BUSY_TIMEOUT_SECONDS

log = logging.getLogger("journal.serve")

DEFAULT_PORT = 8000
# Without --port, the next few ports are tried when one is taken, as Jupyter does.
PORT_TRIES = 10
# How long the apps get to quit on their own: long enough for a write that waits
# for another program's lock (the busy timeout) to land; ctrl+c again cuts it short.
QUIT_GRACE = 2 * BUSY_TIMEOUT_SECONDS + 2
KILL_GRACE = 2.0
QUIT_KEY = b"\x11"  # ctrl+q
TEMPLATES = Path(__file__).parent / "templates"
DRIVER = "journal.serve.driver:TabDriver"
# A browser may ask for any size; an app's screen is kept to a sane one.
MAX_CELLS = 1000


class ServeError(Exception):
    """The server cannot start (the port is taken, the address is not here)."""


class TabApp(AppService):
    """The app process of one browser tab: `journal --db PATH`, no shell between."""

    def __init__(self, argv: list[str], **how: Any) -> None:
        super().__init__(" ".join(argv), **how)
        self.argv = argv

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        return self._process

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height) | {"TEXTUAL_DRIVER": DRIVER},
            # Out of the terminal's reach: its ctrl+c is the server's to handle,
            # and the app never reads the server's terminal.
            start_new_session=True,
            preexec_fn=_end_with_parent,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        await super().run()
        # The app has ended, by its own quit or failing to start (its error is on the
        # server's output): either way the page says "Session ended", not loading.
        await self.remote_close()

    async def end(self, hurry: asyncio.Event) -> None:
        """Press ctrl+q in the app, its own way out from any screen (an open editor
        keeps its text as a draft, a running session is kept as stopped early, writes
        still waiting land); SIGTERM after QUIT_GRACE or once `hurry` is set, SIGKILL
        after KILL_GRACE more. (textual-serve's stop() sends Textual's quit, which
        skips all that, and waits forever.)"""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            await self.send_bytes(QUIT_KEY)
        if not await _ended(process, QUIT_GRACE, hurry):
            for sig, grace in ((signal.SIGTERM, KILL_GRACE), (signal.SIGKILL, None)):
                if process.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, sig)
                if await _ended(process, grace):
                    break
        # Two callers (the tab's connection closing, the server stopping) may be here.
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if self._task is not None:
            await asyncio.shield(self._task)  # its reader ends with the app's output


async def _ended(
    process: asyncio.subprocess.Process, grace: float | None, hurry: asyncio.Event | None = None
) -> bool:
    """Whether the process ends within `grace` seconds (before `hurry` is set)."""
    waits = {asyncio.ensure_future(process.wait())}
    if hurry is not None:
        waits.add(asyncio.ensure_future(hurry.wait()))
    await asyncio.wait(waits, timeout=grace, return_when=asyncio.FIRST_COMPLETED)
    for wait in waits:
        wait.cancel()
    return process.returncode is not None


def _end_with_parent() -> None:
    """In the app process, before it runs: if the server dies without stopping it
    (SIGKILL), Linux sends it SIGTERM, which Textual's web driver takes as quit."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _cells(request: web.Request, name: str, default: int) -> int:
    try:
        value = int(request.query.get(name, default))
    except ValueError:
        return default
    return min(max(value, 1), MAX_CELLS)


class JournalServer(Server):
    """textual-serve's Server running `journal --db PATH` for each tab."""

    def __init__(self, db_path: Path, *, host: str, port: int, token: str) -> None:
        super().__init__(
            "journal",
            host=host,
            port=port,
            title="Wellbeing Journal",
            templates_path=TEMPLATES,
        )
        self.app_argv = [sys.executable, "-m", "journal", "--db", str(db_path)]
        self.token = token
        self.tabs: set[TabApp] = set()
        self.hurry = asyncio.Event()  # set by a second ctrl+c

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(token_guard(self.token, cookie_name(self.port)))
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: serve_journal says where to go."""

    def _base_url(self, request: web.Request) -> str:
        # The address the browser used: through an SSH tunnel, its port is not ours.
        return f"{request.scheme}://{request.host}"

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        base = self._base_url(request)
        path = request.app.router["websocket"].url_for()
        websocket = "ws" + base.removeprefix("http") + str(path)
        return {
            "font_size": _cells(request, "fontsize", 16),
            "app_websocket_url": websocket,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        tab: TabApp | None = None
        try:
            await websocket.prepare(request)
            tab = TabApp(
                self.app_argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.tabs.add(tab)
            await tab.start(_cells(request, "width", 80), _cells(request, "height", 24))
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:
            log.exception("a browser tab's connection failed")
        finally:
            if tab is not None:
                await tab.end(self.hurry)
                self.tabs.discard(tab)
        return websocket

    async def stop_tabs(self) -> None:
        """Ask every tab's app to quit, and end those that do not."""
        await asyncio.gather(*(tab.end(self.hurry) for tab in list(self.tabs)))


def _listen(host: str, port: int | None) -> socket.socket:
    """A listening socket on host: `port`, or (None) the first free one from
    DEFAULT_PORT; 0 lets the system choose."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    tries = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES)
    error: OSError | None = None
    for candidate in tries:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, candidate))
            sock.listen(128)
        except OSError as exc:
            sock.close()
            error = exc
            if exc.errno != errno.EADDRINUSE:
                break
            continue
        sock.setblocking(False)
        return sock
    assert error is not None
    if error.errno == errno.EADDRINUSE:
        which = f"port {port}" if port is not None else f"ports {tries[0]}-{tries[-1]}"
        raise ServeError(
            f"{which} on {host} in use; choose another with --port (0 picks a free one)"
        )
    raise ServeError(f"cannot listen on {host}: {error.strerror or error}")


def serve_journal(
    db_path: Path, *, host: str, port: int | None, announce: Callable[[str], None]
) -> None:
    """Serve the journal at db_path until SIGINT, SIGTERM or SIGHUP; then stop
    every tab's app and return. ServeError when it cannot start."""
    sock = _listen(host, port)
    try:
        asyncio.run(_serve(sock, db_path, announce))
    finally:
        sock.close()


async def _serve(sock: socket.socket, db_path: Path, announce: Callable[[str], None]) -> None:
    host, port = sock.getsockname()[:2]
    token = new_token()
    server = JournalServer(db_path, host=host, port=port, token=token)
    runner = web.AppRunner(await server._make_app(), access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.SockSite(runner, sock)
    await site.start()

    stop = asyncio.Event()

    def stopping() -> None:
        (server.hurry if stop.is_set() else stop).set()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, stopping)
    announce(f"http://{url_host(host)}:{port}/?token={token}")
    try:
        await stop.wait()
    finally:
        await site.stop()  # no new tabs while the others close
        await server.stop_tabs()
        await runner.cleanup()
