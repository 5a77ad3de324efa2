"""Where the assistant may POST a callback (HR integrations): public addresses only.

A callback URL is refused when its host is, or resolves to, a loopback, private, link-local,
multicast, reserved or unspecified address (the service must not be made to call its own
internal network). ``HR_ALLOW_LOCAL_CALLBACKS=1`` allows loopback for local tests; private and
link-local stay refused even then. Redirects are never followed by the senders.

- ``check_callback_url(url)``: raises UnsafeCallback (message says why) or returns the
  addresses the host resolves to. Synchronous: any worker (the HR outbox) can call it.
- ``SafeResolver``: an aiohttp resolver that applies the same rule when connecting, so a
  name that resolves differently at send time (DNS rebinding) is refused too.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Any, List, Optional
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver
from aiohttp.resolver import DefaultResolver

from bot import settings


class UnsafeCallback(ValueError):
    """The callback URL is not allowed; the message says why (no secret in it)."""


def address_problem(address: str, allow_loopback: Optional[bool] = None) -> Optional[str]:
    """Why the assistant must not call ``address`` (an IP literal), or None."""
    allow_loopback = settings.hr_allow_local_callbacks() if allow_loopback is None \
        else allow_loopback
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None if allow_loopback else (
            f"{ip} is a loopback address (HR_ALLOW_LOCAL_CALLBACKS=1 allows it for tests)")
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_private:
        return f"{ip} is a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return f"{ip} is not a public unicast address"
    return None


def check_callback_url(url: str, allow_loopback: Optional[bool] = None) -> List[str]:
    """The addresses ``url``'s host resolves to, all allowed; else UnsafeCallback."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeCallback(f"{url!r} is not an http:// or https:// URL")
    if parts.username or parts.password:
        raise UnsafeCallback("a callback URL must not carry credentials")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UnsafeCallback(f"{url!r} has an invalid port") from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeCallback(f"host {host!r} does not resolve: {error}") from None
    addresses = sorted({info[4][0] for info in infos})
    for address in addresses:
        problem = address_problem(address, allow_loopback)
        if problem:
            raise UnsafeCallback(f"callback host {host!r} refused: {problem}")
    return addresses


class SafeResolver(AbstractResolver):
    """aiohttp resolver refusing the addresses ``address_problem`` refuses."""

    def __init__(self, allow_loopback: Optional[bool] = None) -> None:
        self._resolver = DefaultResolver()
        self._allow_loopback = allow_loopback

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> List[Any]:
        answers = await self._resolver.resolve(host, port, family)
        for answer in answers:
            problem = address_problem(answer["host"], self._allow_loopback)
            if problem:
                raise OSError(f"callback host {host!r} refused: {problem}")
        return answers

    async def close(self) -> None:
        await self._resolver.close()
