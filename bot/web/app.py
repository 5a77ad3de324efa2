"""The web app (Starlette, served by uvicorn on WEB_PORT).

- ``GET /health``: for supervisors; says whether the app and its database answer.
- ``GET /``: a French page presenting the assistant.
"""
from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.console.app import app as console_app  # the advisors' console (/console)

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok", "service": "web"})


async def home(request: Request):
    return templates.TemplateResponse(request, "home.html", {})


routes = [
    Route("/health", health),
    Route("/", home),
    Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    Mount("/console", app=console_app),  # the advisors' console (bot/console), login required
]

app = Starlette(routes=routes)
