"""Which addresses `journal serve` may listen on: loopback ones only."""

from __future__ import annotations

import ipaddress

ALLOWED = "127.0.0.1 (or another 127.x.x.x) or ::1"


class NotLoopback(ValueError):
    """A --host that other machines could reach, or that is not an address."""


def loopback_host(text: str) -> str:
    """The address to listen on for `--host TEXT`, or NotLoopback saying why not.

    `localhost` is taken as 127.0.0.1 without asking the resolver, which could map
    it elsewhere."""
    text = text.strip()
    if text.lower() == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        raise NotLoopback(
            f"{text!r} is not an address; give a loopback address: {ALLOWED}"
        ) from None
    if not address.is_loopback:
        raise NotLoopback(
            f"{text} is reachable from other machines; the journal is served on this "
            f"machine only: give {ALLOWED} (over SSH: ssh -L PORT:127.0.0.1:PORT)"
        )
    return str(address)


def url_host(address: str) -> str:
    """The address as a URL's host: IPv6 in brackets."""
    return f"[{address}]" if ":" in address else address
