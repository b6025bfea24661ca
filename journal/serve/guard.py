"""The token every request to `journal serve` needs, as Jupyter asks for its own.

The address `journal serve` prints carries the token in its query; that request
gets a cookie (HttpOnly, SameSite=Strict) holding it, which the page's own files
and its WebSocket then carry. Anything else gets 403 and no page. Other users of
the machine can reach loopback too: the token is what keeps them out.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

QUERY = "token"
FORBIDDEN = (
    "403 Forbidden: this journal opens only at the address `journal serve` printed "
    "(the one with ?token=...).\n"
)
# The page's own script, styles and font, its WebSocket back here, and nothing else:
# no request leaves the machine.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    """A fresh token for one start of the server: 256 random bits."""
    return secrets.token_urlsafe(32)


def cookie_name(port: int) -> str:
    """The cookie's name, one for each port: cookies ignore ports, and two servers
    on one machine must not overwrite each other's."""
    return f"journal-token-{port}"


def _matches(given: str | None, token: str) -> bool:
    if given is None:
        return False
    return secrets.compare_digest(given.encode("utf-8", "replace"), token.encode())


def _same_origin(request: web.Request) -> bool:
    """A browser names the page a request comes from; a page from anywhere else
    (even another port here, whose cookies are ours too) is refused."""
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.host}"


def forbidden() -> web.Response:
    return web.Response(
        status=403,
        text=FORBIDDEN,
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


def token_guard(token: str, cookie: str) -> Middleware:
    """The aiohttp middleware that lets in only requests carrying `token`."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        by_query = _matches(request.query.get(QUERY), token)
        by_cookie = _matches(request.cookies.get(cookie), token)
        if not (by_query or by_cookie) or not _same_origin(request):
            return forbidden()
        response = await handler(request)
        if response.prepared:  # a WebSocket: its headers are gone already
            return response
        if by_query and not by_cookie:
            response.set_cookie(cookie, token, path="/", httponly=True, samesite="Strict")
        headers = response.headers
        # The address holds the token: never send it to another site.
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        if response.content_type == "text/html":
            headers["Cache-Control"] = "no-store"
            headers["Content-Security-Policy"] = PAGE_POLICY
        return response

    return guard
