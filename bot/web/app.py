"""The web app (Starlette, served by uvicorn on WEB_PORT).

- ``GET /health``: for supervisors; says whether the app and its database answer.
- ``GET /``: a demo employer intranet page embedding the chat widget (widget/).
- a periodic job sends the outcome follow-ups that fall due (bot/web/follow_up_job.py, issue 16).
- ``GET /confidentialite``: the privacy notice in French, linked from the widget (issue 13).

Privacy (issue 13): the app's logs are redacted, and it applies the retention durations by
itself every PURGE_EVERY_HOURS hours (default 24; first run a minute after start).

Every answer carries security headers (``SecurityHeaders``): a Content-Security-Policy with
``frame-ancestors 'none'`` (the demo page also allows connecting to the Rasa server for the
widget), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin`` and
``X-Frame-Options: DENY``; pages that set their own policy (the console) keep it.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.console.app import app as console_app  # the advisors' console (/console)

from bot import settings
from bot.storage import log_redaction
from bot.web import follow_up_job  # sends the outcome follow-ups that fall due

log_redaction.install()

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok", "service": "web"})


def widget_server(request: Request) -> str:
    """The Rasa server address the chat widget connects to: RASA_PUBLIC_URL, else the host
    the page was reached by, on RASA_PORT (so tests on random ports and `make run` agree)."""
    public = os.environ.get("RASA_PUBLIC_URL", "").strip().rstrip("/")
    if public:
        return public
    host = request.url.hostname or "127.0.0.1"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"{request.url.scheme}://{host}:{settings.port('RASA_PORT')}"


DEFAULT_CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
               "frame-ancestors 'none'")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "X-Frame-Options": "DENY"}


def page_csp(server: str) -> str:
    """The demo page's policy: its own scripts, the widget's inline style, the Rasa server."""
    socket = server.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; connect-src 'self' {server} {socket}; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP answer that lacks them."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = DEFAULT_CSP
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def home(request: Request):
    server = widget_server(request)
    response = templates.TemplateResponse(request, "home.html", {"widget_server": server})
    response.headers["Content-Security-Policy"] = page_csp(server)
    return response


async def privacy_page(request: Request):
    response = templates.TemplateResponse(request, "privacy.html",
                                          {"days": settings.retention_days()})
    response.headers["Cache-Control"] = "no-cache"
    return response


async def purge_every_day() -> None:
    """Apply the retention by itself: a minute after start, then every PURGE_EVERY_HOURS."""
    from bot.storage.retention import purge

    hours = settings.purge_every_hours()
    if not hours:
        return
    await asyncio.sleep(60)
    while True:
        try:
            await asyncio.to_thread(purge)
        except Exception:  # noqa: BLE001 - retried at the next period
            logging.getLogger(__name__).exception("automatic purge failed")
        await asyncio.sleep(hours * 3600)


_tasks: set = set()


async def start_purge() -> None:
    task = asyncio.ensure_future(purge_every_day())
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)


routes = [
    Route("/health", health),
    Route("/confidentialite", privacy_page),
    Route("/", home),
    Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    Mount("/console", app=console_app),  # the advisors' console (bot/console), login required
]

@contextlib.asynccontextmanager
async def lifespan(_app: Starlette):
    await start_purge()
    async with follow_up_job.lifespan(_app):
        yield
    for task in list(_tasks):
        task.cancel()


app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)], lifespan=lifespan)
