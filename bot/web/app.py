"""The web app (Starlette, served by uvicorn on WEB_PORT).

- ``GET /health``: for supervisors; says whether the app and its database answer.
- ``GET /``: a demo employer intranet page embedding the chat widget (widget/).
- ``GET /confidentialite``: the privacy notice in French, linked from the widget (issue 13).

Privacy (issue 13): the app's logs are redacted, and it applies the retention durations by
itself every PURGE_EVERY_HOURS hours (default 24; first run a minute after start).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.console.app import app as console_app  # the advisors' console (/console)

from bot import settings
from bot.storage import log_redaction

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


async def home(request: Request):
    return templates.TemplateResponse(request, "home.html", {"widget_server": widget_server(request)})


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
    yield
    for task in list(_tasks):
        task.cancel()


app = Starlette(routes=routes, lifespan=lifespan)
