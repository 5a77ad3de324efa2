"""The web app (Starlette, served by uvicorn on WEB_PORT).

- ``GET /health``: for supervisors; says whether the app and its database answer.
- ``GET /``: a demo employer intranet page embedding the chat widget (widget/).
- a periodic job sends the outcome follow-ups that fall due (bot/web/follow_up_job.py).
"""
from __future__ import annotations

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
from bot.web import follow_up_job  # sends the outcome follow-ups that fall due

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


routes = [
    Route("/health", health),
    Route("/", home),
    Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    Mount("/console", app=console_app),  # the advisors' console (bot/console), login required
]

app = Starlette(routes=routes, lifespan=follow_up_job.lifespan)
