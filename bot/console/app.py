"""The advisors' console, a Starlette app mounted at /console by bot.web.app.

Every route except /login refuses an anonymous request (AuthMiddleware): pages redirect to the
login form, JSON and exports answer 401. The signed cookie (HttpOnly, SameSite=Lax, path
/console, Secure unless the service runs on localhost: ``COOKIE_SECURE``) carries the id of a
session kept on the server (bot/storage/console_sessions.py): logout, a password or role
change end it at once. Logins: one message for a wrong password, an unknown login or a locked
account; attempts counted atomically (5 per account, then 15 min locked) and per address;
failures logged (logger ``bot.console.access``) and audited. Every POST carries the
session's CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``). Pages are French, rendered with Jinja2 autoescaping; the JS uses
textContent only.
"""
from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import secrets
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import (FileResponse, JSONResponse, PlainTextResponse, RedirectResponse,
                                 Response)
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from bot import settings
from bot.channels import registry as channels
from bot.console import dashboard, exports, hr_outbox_page, rasa_client
from bot.console import privacy as console_privacy
from bot.storage import (advisors, annotations, audit, console_sessions, errors, feedback, review,
                         tickets, transcripts)
from bot.storage.conversation_export import PROFILE_LABELS
from bot.storage.models import utcnow
from bot.console.rasa_client import RasaUnavailable

HERE = Path(__file__).resolve().parent
access_log = logging.getLogger("bot.console.access")
if not access_log.handlers:  # uvicorn runs without an access log: this one is always shown
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s console-access %(message)s"))
    access_log.addHandler(_handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
templates = Jinja2Templates(directory=str(HERE / "templates"))
PUBLIC_PATHS = {"/login"}
# resume, then a listen: the user messages logged while paused are closed off, so the
# policies see a clean "listen, then the next user message" state
RESUME_EVENTS = [{"event": "resume"}, {"event": "action", "name": "action_listen"}]


def _route_path(scope: dict) -> str:
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path.startswith("/export")


class AuthMiddleware:
    """Refuse every anonymous request except the login form; load the advisor into state."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = _route_path(scope)
        session = scope.get("session") or {}
        advisor = None
        if session.get("sid"):
            try:
                advisor = await run_in_threadpool(console_sessions.advisor_for, session["sid"])
            except Exception:
                advisor = None
        scope.setdefault("state", {})["advisor"] = advisor
        if advisor is None and path not in PUBLIC_PATHS:
            if scope.get("method") == "GET" and not _wants_json(path):
                query = scope.get("query_string", b"").decode("latin-1")  # keep the filters
                wanted = scope["path"] + ("?" + query if query else "")
                target = scope.get("root_path", "") + "/login?" + urlencode({"next": wanted})
                response: Response = RedirectResponse(target, status_code=303)
            else:
                response = JSONResponse({"error": "Connexion requise."}, status_code=401)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


# -- helpers -------------------------------------------------------------------------------
def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def checked_form(request: Request) -> Optional[Any]:
    """The form, or None when its CSRF token is wrong."""
    form = await request.form()
    sent = form.get("csrf_token") or request.headers.get("x-csrf-token") or ""
    expected = request.session.get("csrf") or ""
    if not expected or not hmac.compare_digest(str(sent), expected):
        return None
    return form


def csrf_refused() -> Response:
    return PlainTextResponse("Jeton de sécurité (CSRF) manquant ou périmé : rechargez la page.",
                             status_code=403)


def flash(request: Request, message: str, kind: str = "info") -> None:
    request.session.setdefault("flash", []).append({"kind": kind, "text": message})


def render(request: Request, name: str, context: dict, status_code: int = 200) -> Response:
    advisor = request.state.advisor
    base = {"advisor": advisor, "csrf": csrf_token(request),
            "flashes": request.session.pop("flash", []), "labels": PROFILE_LABELS,
            "fmt_dt": fmt_dt, "fmt_value": fmt_value,
            "channel_label": channels.label, "channel_choices": channels.choices()}
    base.update(context)
    response = templates.TemplateResponse(request, name, base, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def fmt_dt(value: Optional[dt.datetime]) -> str:
    if not value:
        return ""
    from bot.opening_hours import timezone
    return value.replace(tzinfo=dt.timezone.utc).astimezone(timezone()).strftime("%d/%m/%Y %H:%M")


def fmt_value(value: Any) -> str:
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if value is None:
        return "—"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def waiting_label(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "moins d'une minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d}"


def ticket_json(ticket: Any) -> dict:
    waited = (utcnow() - ticket.created_at).total_seconds()
    return {"id": ticket.id, "conversation_id": ticket.conversation_id, "reason": ticket.reason,
            "status": ticket.status, "mode": ticket.mode, "channel": ticket.channel,
            "channel_label": channels.label(ticket.channel) if ticket.channel else "",
            "created_at": ticket.created_at.isoformat() + "Z", "waiting_seconds": int(waited),
            "waiting": waiting_label(waited),
            "advisor": ticket.advisor.display_name if ticket.advisor else None,
            "callback": bool(ticket.callback)}


def verdict(aid_results: Any) -> dict:
    results = aid_results.get("results", []) if isinstance(aid_results, dict) else []
    return {"eligible": [r for r in results if isinstance(r, dict) and r.get("status") == "eligible"],
            "to_confirm": [r for r in results if isinstance(r, dict) and r.get("status") == "to_confirm"],
            "known": bool(results)}


def _int(value: str) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# -- login ----------------------------------------------------------------------------------
async def login(request: Request) -> Response:
    next_url = request.query_params.get("next") or "/console/"
    if not next_url.startswith("/console"):
        next_url = "/console/"
    if request.method == "GET":
        return render(request, "login.html", {"next": next_url, "error": None, "login": ""})
    form = await checked_form(request)
    if form is None:
        return render(request, "login.html", {"next": next_url, "login": "",
                                              "error": "La page a expiré : réessayez."},
                      status_code=403)
    login_name = str(form.get("login") or "")[:80]
    address = request.client.host if request.client else None
    advisor, error = await run_in_threadpool(
        lambda: advisors.authenticate(login_name, str(form.get("password") or "")[:1024],
                                      address=address))
    if advisor is None:
        access_log.warning('console login failed for %r from %s: "POST /console/login" 401',
                           login_name, address)
        return render(request, "login.html", {"next": next_url, "error": error,
                                              "login": login_name}, status_code=401)
    access_log.info("console login of %r from %s", login_name, address)
    request.session.clear()
    request.session["sid"] = await run_in_threadpool(console_sessions.open_session, advisor.id,
                                                     address)
    request.session["csrf"] = secrets.token_urlsafe(32)
    target = str(form.get("next") or next_url)
    return RedirectResponse(target if target.startswith("/console") else "/console/",
                            status_code=303)


async def logout(request: Request) -> Response:
    if await checked_form(request) is None:
        return csrf_refused()
    await run_in_threadpool(console_sessions.revoke, request.session.get("sid"))
    request.session.clear()
    return RedirectResponse("/console/login", status_code=303)


# -- queue ----------------------------------------------------------------------------------
async def queue_page(request: Request) -> Response:
    await run_in_threadpool(advisors.heartbeat, request.state.advisor.id)
    waiting = await run_in_threadpool(tickets.open_tickets)
    return render(request, "queue.html", {"tickets": [ticket_json(t) for t in waiting]})


async def api_queue(request: Request) -> Response:
    await run_in_threadpool(advisors.heartbeat, request.state.advisor.id)
    waiting = await run_in_threadpool(tickets.open_tickets)
    return JSONResponse({"tickets": [ticket_json(t) for t in waiting]},
                        headers={"Cache-Control": "no-store"})


async def api_heartbeat(request: Request) -> Response:
    if request.headers.get("x-csrf-token") != request.session.get("csrf"):
        return JSONResponse({"error": "Jeton CSRF manquant."}, status_code=403)
    await run_in_threadpool(advisors.heartbeat, request.state.advisor.id)
    return JSONResponse({"ok": True})


# -- ticket ---------------------------------------------------------------------------------
def _conversation_view(conversation_id: str) -> dict:
    events = transcripts.transcript_events(conversation_id)
    slots = transcripts.slots_from(events)
    return {"events": events, "items": transcripts.transcript_items(events), "slots": slots,
            "channel": transcripts.latest_input_channel(events), "paused": transcripts.is_paused(events),
            "notes": annotations.notes_for(conversation_id), "tags": annotations.tags_for(conversation_id),
            "tickets": tickets.tickets_for(conversation_id),
            "feedback": feedback.feedback_for(conversation_id)}  # issue 16


async def ticket_page(request: Request) -> Response:
    ticket_id = _int(request.path_params["ticket_id"])
    ticket = await run_in_threadpool(tickets.get_ticket, ticket_id) if ticket_id else None
    if ticket is None:
        return render(request, "error.html", {"message": "Ce ticket n'existe pas."}, 404)
    view = await run_in_threadpool(_conversation_view, ticket.conversation_id)
    await run_in_threadpool(audit.audit, request.state.advisor.id, "open_transcript",
                            ticket.conversation_id, f"ticket {ticket.id}")
    profile = view["slots"].get("profile") if isinstance(view["slots"].get("profile"), dict) \
        else (ticket.profile or {})
    aid_results = view["slots"].get("aid_results") or ticket.aid_results
    return render(request, "ticket.html", {
        "ticket": ticket, "view": view, "profile": profile or {}, "verdict": verdict(aid_results),
        "channel": view["channel"] or ticket.channel})


async def api_ticket(request: Request) -> Response:
    ticket_id = _int(request.path_params["ticket_id"])
    ticket = await run_in_threadpool(tickets.get_ticket, ticket_id) if ticket_id else None
    if ticket is None:
        return JSONResponse({"error": "Ticket introuvable."}, status_code=404)
    events = await run_in_threadpool(transcripts.transcript_events, ticket.conversation_id)
    items = transcripts.transcript_items(events)
    for item in items:
        item["at"] = fmt_dt(item["at"])
    return JSONResponse({"ticket": ticket_json(ticket), "paused": transcripts.is_paused(events),
                         "items": items}, headers={"Cache-Control": "no-store"})


async def _ticket_and_form(request: Request):
    form = await checked_form(request)
    if form is None:
        return None, None, csrf_refused()
    ticket_id = _int(request.path_params["ticket_id"])
    ticket = await run_in_threadpool(tickets.get_ticket, ticket_id) if ticket_id else None
    if ticket is None:
        return None, None, render(request, "error.html", {"message": "Ce ticket n'existe pas."}, 404)
    return ticket, form, None


async def _channel_of(ticket: Any) -> Optional[str]:
    events = await run_in_threadpool(transcripts.transcript_events, ticket.conversation_id)
    return transcripts.latest_input_channel(events) or ticket.channel


def _back(ticket: Any) -> RedirectResponse:
    return RedirectResponse(f"/console/tickets/{ticket.id}", status_code=303)


async def _change_state(ticket: Any, events: list, status: str, message: str,
                        **extra: Any) -> None:
    """Append ``events`` to the conversation, then tell the user on their channel (a
    ``handoff`` payload with ``status``). Raises RasaUnavailable when Rasa cannot be reached."""
    channel = await _channel_of(ticket)
    await rasa_client.append_events(ticket.conversation_id, events)
    if channel:
        await rasa_client.push(channel, ticket.conversation_id, [{
            "text": message, "custom": {"type": "handoff", "ticket_id": ticket.id,
                                        "status": status, "message": message, **extra}}])


async def take(request: Request) -> Response:
    ticket, form, refused = await _ticket_and_form(request)
    if refused:
        return refused
    advisor = request.state.advisor
    if ticket.status == "closed":
        flash(request, "Ce ticket est clos.", "error")
        return _back(ticket)
    message = (f"{advisor.display_name}, conseiller ou conseillère d'Action Logement, a rejoint "
               "la conversation et vous répond ici.")
    try:
        await _change_state(ticket, [{"event": "pause"}], "advisor_joined", message,
                            advisor=advisor.display_name)
    except RasaUnavailable as error:
        flash(request, str(error), "error")
        return _back(ticket)
    await run_in_threadpool(tickets.take_ticket, ticket.id, advisor.id)
    await run_in_threadpool(audit.audit, advisor.id, "take_ticket", ticket.conversation_id,
                            f"ticket {ticket.id}")
    flash(request, "Vous avez pris ce ticket : l'assistant est en pause, vous répondez.")
    return _back(ticket)


async def reply(request: Request) -> Response:
    ticket, form, refused = await _ticket_and_form(request)
    if refused:
        return refused
    advisor = request.state.advisor
    text = str(form.get("text") or "").strip()
    if not text:
        flash(request, "Le message est vide.", "error")
        return _back(ticket)
    if len(text) > 4000:
        flash(request, "Message trop long (4 000 caractères au plus).", "error")
        return _back(ticket)
    if ticket.status == "closed":
        flash(request, "Ce ticket est clos : rouvrez une conversation depuis l'assistant.", "error")
        return _back(ticket)
    custom = {"type": "advisor_message", "advisor": advisor.display_name, "text": text}
    try:
        channel = await _channel_of(ticket)
        if not channel:
            raise RasaUnavailable("Canal de l'usager inconnu : impossible de lui écrire.")
        events = []
        if ticket.status == "queued":
            events.append({"event": "pause"})
        await rasa_client.push(channel, ticket.conversation_id, [{"text": text, "custom": custom}])
        events.append(rasa_client.bot_event(text, advisor.display_name, custom))
        await rasa_client.append_events(ticket.conversation_id, events)
    except RasaUnavailable as error:
        flash(request, str(error), "error")
        return _back(ticket)
    if ticket.status == "queued":
        await run_in_threadpool(tickets.take_ticket, ticket.id, advisor.id)
    return _back(ticket)


async def resume(request: Request) -> Response:
    ticket, form, refused = await _ticket_and_form(request)
    if refused:
        return refused
    advisor = request.state.advisor
    message = ("Le conseiller vous redonne la main avec l'assistant, qui répond de nouveau à vos "
               "messages. Vous pouvez redemander un conseiller à tout moment.")
    try:
        await _change_state(ticket, RESUME_EVENTS, ticket.status, message, assistant="active")
    except RasaUnavailable as error:
        flash(request, str(error), "error")
        return _back(ticket)
    await run_in_threadpool(audit.audit, advisor.id, "resume", ticket.conversation_id,
                            f"ticket {ticket.id}")
    flash(request, "L'assistant répond de nouveau à l'usager.")
    return _back(ticket)


async def close(request: Request) -> Response:
    ticket, form, refused = await _ticket_and_form(request)
    if refused:
        return refused
    advisor = request.state.advisor
    outcome = str(form.get("outcome") or "").strip()
    if not outcome:
        flash(request, "Indiquez l'issue de la demande pour clore le ticket.", "error")
        return _back(ticket)
    if ticket.status == "closed":
        flash(request, "Ce ticket est déjà clos.", "error")
        return _back(ticket)
    message = ("La conversation avec le conseiller est terminée. L'assistant reste à votre "
               "disposition pour vos questions sur les aides au logement.")
    try:
        await _change_state(ticket, RESUME_EVENTS, "closed", message)
    except RasaUnavailable as error:
        flash(request, str(error), "error")
        return _back(ticket)
    await run_in_threadpool(tickets.close_ticket, ticket.id, advisor.id, outcome)
    await run_in_threadpool(audit.audit, advisor.id, "close_ticket", ticket.conversation_id,
                            f"ticket {ticket.id}: {outcome[:200]}")
    flash(request, "Ticket clos.")
    return _back(ticket)


# -- review, notes, tags, exports, audit -----------------------------------------------------
async def conversations_page(request: Request) -> Response:
    try:
        filters = review.ReviewFilters.from_query(request.query_params)
    except errors.ServiceError as error:
        flash(request, str(error), "error")
        filters = review.ReviewFilters()
    rows = await run_in_threadpool(review.review, filters)
    query = urlencode(filters.as_query())
    return render(request, "conversations.html", {"rows": rows, "filters": filters,
                                                  "query": query})


async def conversation_page(request: Request) -> Response:
    conversation_id = request.path_params["conversation_id"]
    view = await run_in_threadpool(_conversation_view, conversation_id)
    if not view["events"] and not view["tickets"]:
        return render(request, "error.html", {"message": "Cette conversation n'existe pas."}, 404)
    await run_in_threadpool(audit.audit, request.state.advisor.id, "open_transcript",
                            conversation_id, None)
    profile = view["slots"].get("profile") if isinstance(view["slots"].get("profile"), dict) else {}
    return render(request, "conversation.html", {
        "conversation_id": conversation_id, "view": view, "profile": profile,
        "verdict": verdict(view["slots"].get("aid_results"))})


def _conversation_back(conversation_id: str, request: Request) -> RedirectResponse:
    back = request.headers.get("referer") or ""
    target = f"/console/conversations/{quote(conversation_id, safe='')}"
    if "/console/tickets/" in back:
        target = "/console/tickets/" + back.split("/console/tickets/")[1].split("?")[0].split("#")[0]
    return RedirectResponse(target, status_code=303)


async def add_note(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return csrf_refused()
    conversation_id = request.path_params["conversation_id"]
    try:
        await run_in_threadpool(annotations.add_note, conversation_id, request.state.advisor.id,
                                str(form.get("text") or ""))
    except errors.ServiceError as error:
        flash(request, str(error), "error")
    return _conversation_back(conversation_id, request)


async def add_tag(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return csrf_refused()
    conversation_id = request.path_params["conversation_id"]
    try:
        if form.get("remove"):
            await run_in_threadpool(annotations.remove_tag, conversation_id, str(form.get("remove")))
        else:
            await run_in_threadpool(annotations.add_tag, conversation_id, request.state.advisor.id,
                                    str(form.get("name") or ""))
    except errors.ServiceError as error:
        flash(request, str(error), "error")
    return _conversation_back(conversation_id, request)


async def audit_page(request: Request) -> Response:
    if not request.state.advisor.is_admin:
        return render(request, "error.html", {"message": "Page réservée aux administrateurs."}, 403)
    entries = await run_in_threadpool(audit.audit_log)
    return render(request, "audit.html", {"entries": entries})


async def script(request: Request) -> Response:
    return FileResponse(HERE / "static" / "console.js", media_type="text/javascript",
                        headers={"Cache-Control": "no-cache"})


routes = [
    Route("/login", login, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/", queue_page),
    Route("/api/queue", api_queue),
    Route("/api/heartbeat", api_heartbeat, methods=["POST"]),
    Route("/api/tickets/{ticket_id}", api_ticket),
    Route("/tickets/{ticket_id}", ticket_page),
    Route("/tickets/{ticket_id}/take", take, methods=["POST"]),
    Route("/tickets/{ticket_id}/reply", reply, methods=["POST"]),
    Route("/tickets/{ticket_id}/resume", resume, methods=["POST"]),
    Route("/tickets/{ticket_id}/close", close, methods=["POST"]),
    Route("/conversations", conversations_page),
    Route("/conversations/{conversation_id:path}/notes", add_note, methods=["POST"]),
    Route("/conversations/{conversation_id:path}/tags", add_tag, methods=["POST"]),
    Route("/conversations/{conversation_id:path}/erase", console_privacy.erase, methods=["POST"]),
    Route("/conversations/{conversation_id:path}", conversation_page),
    *exports.routes,  # /export.csv, /export.jsonl (bot/console/exports.py)
    Route("/audit", audit_page),
    Route("/console.js", script),
    *hr_outbox_page.routes,  # HR callbacks: delivery status and dead letters
    *dashboard.routes,  # /tableau-de-bord (bot/console/dashboard.py)
]

app = Starlette(routes=routes, middleware=[
    Middleware(SessionMiddleware, secret_key=settings.session_secret(),
               session_cookie="console_session", max_age=8 * 3600, path="/console",
               same_site="lax", https_only=settings.cookie_secure()),
    Middleware(AuthMiddleware),
])
