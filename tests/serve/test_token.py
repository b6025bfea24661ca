"""Every request to `journal serve` needs its token, in the query or in the cookie
the query sets, on HTTP as on the WebSocket; anything else gets 403 and no page."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.cookies import SimpleCookie

import aiohttp
import pytest

from tests.serve.helpers import Served, children, serving, wait_for

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="counts app processes through /proc"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("served")
    with serving(folder / "journal.db", home=folder) as served:
        yield served


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def assert_refused(status: int, body: str) -> None:
    assert status == 403
    assert "<html" not in body.lower() and "textual" not in body.lower()
    assert "journal serve" in body  # says where the right address comes from


# HTTP


@pytest.mark.parametrize("path", ["/", "/static/js/textual.js", "/download/x", "/nowhere"])
def test_a_request_without_the_token_gets_403_and_no_page(served: Served, path: str):
    assert_refused(*get(served.base + path)[::2])


def test_a_wrong_token_gets_403(served: Served):
    token = served.token
    for wrong in ("x", token[:-1], token + "x", token.upper(), "%C3%A9", "%FF"):
        assert_refused(*get(f"{served.base}/?token={wrong}")[::2])
    cookie = {"Cookie": f"{served.cookie}={served.token[:-1]}"}
    assert_refused(*get(served.base + "/", cookie)[::2])
    # Another server's cookie (another port) is not this one's.
    other = {"Cookie": f"journal-token-{served.port + 1}={served.token}"}
    assert_refused(*get(served.base + "/", other)[::2])


def test_the_token_in_the_query_opens_the_page_and_sets_a_strict_httponly_cookie(served):
    status, headers, body = get(served.url)
    assert status == 200
    assert "textual.js" in body and "data-session-websocket-url" in body
    cookie = SimpleCookie(headers["Set-Cookie"])[served.cookie]
    assert cookie.value == served.token
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    # The page asks for nothing from another site (textual-serve's own asks Google).
    assert "https://" not in body and "http://fonts" not in body
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"


def test_the_cookie_alone_opens_the_page_and_its_files(served: Served):
    cookie = {"Cookie": f"{served.cookie}={served.token}"}
    status, _, body = get(served.base + "/", cookie)
    assert status == 200 and "data-session-websocket-url" in body
    status, _, script = get(served.base + "/static/js/textual.js", cookie)
    assert status == 200 and len(script) > 1000


def test_a_page_of_another_origin_is_refused_even_with_the_cookie(served: Served):
    # Cookies do not tell ports apart: a page served on another port of this machine
    # could send ours. The browser names that page's origin.
    headers = {"Cookie": f"{served.cookie}={served.token}", "Origin": "http://127.0.0.1:1"}
    assert_refused(*get(served.base + "/", headers)[::2])


# WebSocket


async def refused_websocket(url: str, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(url, headers=headers or {})
    return refused.value.status


async def test_a_websocket_without_the_right_token_gets_403_and_starts_no_app(served: Served):
    ws = f"ws{served.base[4:]}/ws?width=80&height=24"
    assert await refused_websocket(ws) == 403
    assert await refused_websocket(ws + "&token=" + served.token[:-1]) == 403
    assert await refused_websocket(ws, {"Cookie": f"{served.cookie}=nope"}) == 403
    cookie = {"Cookie": f"{served.cookie}={served.token}", "Origin": "http://evil.example"}
    assert await refused_websocket(ws, cookie) == 403
    assert children(served.process.pid) == []


@pytest.mark.parametrize("by", ["query", "cookie"])
async def test_a_websocket_with_the_token_runs_the_app(served: Served, by: str):
    ws = f"ws{served.base[4:]}/ws?width=80&height=24"
    headers = {"Origin": served.base}
    if by == "query":
        ws += f"&token={served.token}"
    else:
        headers["Cookie"] = f"{served.cookie}={served.token}"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws, headers=headers) as app:
        message = await app.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.BINARY  # the app's screen, as bytes
        assert len(children(served.process.pid)) >= 1
    # Closing the tab ends its app.
    wait_for(lambda: children(served.process.pid) == [], what="the tab's app to end")


def test_the_page_points_at_the_address_the_browser_used(served: Served):
    # Through `ssh -L 9999:127.0.0.1:PORT`, the browser's port is not the server's.
    status, _, body = get(served.url, {"Host": "127.0.0.1:9999"})
    assert status == 200
    assert 'data-session-websocket-url="ws://127.0.0.1:9999/ws"' in body
    assert 'href="http://127.0.0.1:9999/static/css/xterm.css"' in body
