"""Hardening of the whole Rasa server, installed by the first of our channels registered.

- security headers on every answer (CSP ``default-src 'none'; frame-ancestors 'none'``,
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
  ``X-Frame-Options: DENY``);
- Rasa's version hidden: ``GET /`` answers a neutral text, ``GET /version`` is 404;
- request bodies bounded (``REQUEST_MAX_SIZE``, 1 MB: the channels check tighter limits);
- a turn waits (up to 30 s) for an action server that is restarting (action_retry.py);
- the HTTP API accepts ``Authorization: Bearer <RASA_TOKEN>`` instead of ``?token=`` so that
  the token never appears in a URL (nor in an access log).
"""
from __future__ import annotations

import hmac
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request

from bot import settings

MAX_REQUEST_BYTES = 1024 * 1024
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
API_PREFIXES = ("/conversations/", "/model", "/status", "/domain")


async def _before(request: Request) -> Any:
    path = request.path
    if path == "/version" or path.startswith("/version/"):
        return response.json({"error": "introuvable"}, status=404)
    if path.startswith(API_PREFIXES) and "token" not in request.args:
        header = request.headers.get("Authorization", "")
        sent = header[len("Bearer "):].strip() if header.startswith("Bearer ") else ""
        if sent and hmac.compare_digest(sent.encode(), settings.rasa_token().encode()):
            # Rasa reads its token from the query only: hand it over server-side
            request.args["token"] = [settings.rasa_token()]
    return None


def _add_headers(reply: Any) -> None:
    headers = getattr(reply, "headers", None)
    if headers is not None:
        for name, value in HEADERS.items():
            if name not in headers:
                headers[name] = value


async def _after(request: Request, reply: Any) -> Any:
    # Sanic stops the response middleware chain at the first one that returns a response:
    # headers are added in place (None returned) so that CORS still runs after this one.
    if request.path == "/" and request.method == "GET" and getattr(reply, "status", 0) == 200:
        neutral = response.text("Assistant logement : en service")
        _add_headers(neutral)
        return neutral
    _add_headers(reply)
    return None


def harden(app: Any) -> None:
    """Install the middleware once per app."""
    if getattr(app.ctx, "bot_hardened", False):
        return
    app.ctx.bot_hardened = True
    from bot.channels import action_retry

    action_retry.install()  # a turn waits for a restarting action server
    app.config.REQUEST_MAX_SIZE = min(int(app.config.get("REQUEST_MAX_SIZE", MAX_REQUEST_BYTES)),
                                      MAX_REQUEST_BYTES)
    app.register_middleware(_before, "request")
    app.register_middleware(_after, "response")


class SafeBlueprint(Blueprint):
    """A blueprint whose registration hardens the app (see the module docstring)."""

    def register(self, app: Any, options: Any) -> None:
        harden(app)
        super().register(app, options)
