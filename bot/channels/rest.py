"""The REST channel (name "rest", same URL) with an outbox for advisor messages.

A REST user only receives what is in the HTTP answer to their own message. Messages pushed by
an advisor (``POST /webhooks/rest/advisor_push``) wait in the ``console_outbox`` table (shared
by every replica) and come first in the answer to the user's next message. While the
conversation is paused, that answer is just the pending messages (possibly an empty list).
``POST /webhooks/rest/poll`` ``{"sender"}`` returns the pending messages without a user message.

Who may call it (docs/security.md): the REST channel is the door of trusted programs and
tests. It answers callers on the loopback interface (without a forwarding proxy header); any
other caller must send ``Authorization: Bearer <REST_TOKEN>`` (no REST_TOKEN: refused, 403).
The caller chooses ``sender`` (1 to 128 of letters, digits, ``. _ @ + - :``) but never an id of
another channel: ``hr:…`` and ``sio-…`` ids, and any conversation whose messages came from
another channel (socket.io, Slack, Teams), are refused (403), for ``/poll`` too.
``input_channel`` is always ``rest``. A message longer than 5 000 characters is not read: the
answer is one French message asking to shorten it. Bodies are strict JSON objects of at most
1 MB (gzip/deflate accepted, bounded once decompressed); anything else is a 400 in French.
``GET /webhooks/rest/`` says whether the tracker store saves (503 when transcripts are only
kept in memory, see bot/storage/tracker_safety.py).
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
from typing import Any, Awaitable, Callable, Optional, Text

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels import check_push, limits, replays, turns
from bot.storage import rest_outbox, store_guard

logger = logging.getLogger(__name__)
CHANNEL = "rest"
FOREIGN_PREFIXES = ("hr:", "sio-")
MAX_BODY_BYTES = 1024 * 1024  # a long message still gets its French answer; never more
FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


async def _pop(sender_id: str) -> list[dict]:
    try:
        return await asyncio.to_thread(rest_outbox.outbox_pop, "rest", sender_id)
    except Exception:
        logger.exception("cannot read the advisor outbox")
        return []


UNAVAILABLE = ("L'assistant est momentanément indisponible : votre message n'a pas été "
               "enregistré. Renvoyez-le dans un instant.")


def _put_back(sender_id: str, pending: list) -> None:
    try:
        rest_outbox.outbox_put("rest", sender_id, [
            {k: v for k, v in m.items() if k != "recipient_id"} for m in pending])
    except Exception:  # noqa: BLE001
        logger.exception("advisor messages could not be put back in the outbox")


def _as_rest(sender_id: str, message: dict) -> dict:
    return {"recipient_id": sender_id, **message}


def _refused(status: int, message: str, field: Optional[str] = None) -> HTTPResponse:
    body = {"error": message}
    if field:
        body["field"] = field
    return response.json(body, status=status)


def is_loopback_caller(request: Request) -> bool:
    """A direct call from this machine (a proxy in front would add a forwarding header)."""
    if any(request.headers.get(name) for name in FORWARDING_HEADERS):
        return False
    try:
        return ipaddress.ip_address((request.ip or "").split("%")[0]).is_loopback
    except ValueError:
        return False


def caller_refused(request: Request) -> Optional[HTTPResponse]:
    """None when the caller may use the REST channel, else the 401/403 answer."""
    token = settings.rest_token()
    header = request.headers.get("Authorization", "")
    sent = header[len("Bearer "):].strip() if header.startswith("Bearer ") else ""
    if token and sent:
        if hmac.compare_digest(sent.encode(), token.encode()):
            return None
        return _refused(401, "jeton REST invalide")
    if is_loopback_caller(request):
        return None
    if not token:
        return _refused(403, "le canal REST n'accepte que les appels de cette machine "
                             "(configurez REST_TOKEN pour l'ouvrir à d'autres)")
    return _refused(401, "en-tête Authorization: Bearer <REST_TOKEN> requis")


async def sender_refused(sender_id: Any) -> Optional[HTTPResponse]:
    problem = limits.sender_problem(sender_id)
    if problem:
        return _refused(400, problem, "sender")
    if sender_id.startswith(FOREIGN_PREFIXES):
        return _refused(403, "cette conversation appartient à un autre canal", "sender")
    try:
        from bot.storage.conversation_channel import conversation_channel

        channel = await asyncio.to_thread(conversation_channel, sender_id)
    except Exception:  # noqa: BLE001 - the store is down: refuse rather than guess
        logger.exception("cannot read the channel of conversation %s", sender_id)
        return _refused(503, "stockage des conversations indisponible : réessayez")
    if channel not in (None, CHANNEL):
        return _refused(403, "cette conversation appartient à un autre canal", "sender")
    return None


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> Text:
        return CHANNEL

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        from bot.channels.http_safety import SafeBlueprint

        webhook = SafeBlueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.listener("after_server_start")
        async def guard_tracker_store(app: Any, *_: Any) -> None:
            if not store_guard.install(getattr(app.ctx, "agent", None)):
                logger.warning("tracker store guard not installed (no fail-safe store found)")

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            from bot.storage import tracker_safety

            problem = tracker_safety.status()
            if problem:
                return response.json({"status": "degraded", "tracker_store": problem},
                                     status=503)
            return response.json({"status": "ok"})

        async def read(request: Request) -> tuple[Optional[HTTPResponse], dict]:
            refused = caller_refused(request)
            if refused:
                return refused, {}
            try:
                body = limits.json_object(request.body, request.headers.get("content-encoding"),
                                          MAX_BODY_BYTES)
            except limits.BodyError as error:
                return _refused(error.status, str(error), error.field), {}
            refused = await sender_refused(body.get("sender"))
            return refused, body

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            refused, body = await read(request)
            if refused:
                return refused
            sender_id = body["sender"]
            problem = limits.message_problem(body.get("message"))
            if problem:
                return _refused(400, problem, "message")
            try:
                metadata = limits.clean_metadata(body.get("metadata"))
            except limits.BodyError as error:
                return _refused(error.status, str(error), error.field)
            text = limits.clean_text(body["message"])
            if limits.too_long(text):
                pending = [_as_rest(sender_id, m) for m in await _pop(sender_id)]
                return response.json(pending + [{"recipient_id": sender_id,
                                                 "text": limits.too_long_message()}])
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender_id, CHANNEL, metadata),
                    content_type="text/event-stream")
            rid = replays.request_id(request.headers)
            if rid is not None:
                # the balancer re-sent a turn a dead replica had stored: answer it once
                try:
                    stored = await replays.answered_before(request.app, sender_id, rid)
                except Exception:  # noqa: BLE001 - store down: the turn below reports it
                    stored = None
                if stored is not None:
                    return response.json(stored)
                metadata = {**(metadata or {}), "request_id": rid}
            pending = [_as_rest(sender_id, m) for m in await _pop(sender_id)]
            collector = CollectingOutputChannel()
            failure: dict = {}

            async def noting_failure(message: UserMessage) -> Any:
                try:
                    return await on_new_message(message)
                except Exception as error:
                    failure["error"] = error
                    raise

            handled = await turns.run_turn(noting_failure, UserMessage(
                text, collector, sender_id, input_channel=CHANNEL, metadata=metadata))
            if not handled and store_guard.unavailable(failure.get("error")):
                # the tracker store or the lock store is down (bot/storage/store_guard.py):
                # the turn was not stored; a clear 503 so that the caller sends it again
                if pending:
                    await asyncio.to_thread(_put_back, sender_id, pending)
                return response.json({"error": UNAVAILABLE}, status=503)
            later = [_as_rest(sender_id, m) for m in await _pop(sender_id)]
            answer = pending + collector.messages + later
            if await turns.should_apologise(request.app, sender_id, handled, bool(answer)):
                answer.append({"recipient_id": sender_id, "text": limits.NOT_HANDLED})
            return response.json(answer)

        @webhook.route("/poll", methods=["POST"])
        async def poll(request: Request) -> HTTPResponse:
            refused, body = await read(request)
            if refused:
                return refused
            sender_id = body["sender"]
            return response.json([_as_rest(sender_id, m) for m in await _pop(sender_id)])

        @webhook.route("/advisor_push", methods=["POST"])
        async def advisor_push(request: Request) -> HTTPResponse:
            error, sender_id, messages = check_push(request)
            if error is not None:
                return error
            try:
                count = await asyncio.to_thread(rest_outbox.outbox_put, "rest", sender_id, messages)
            except Exception:
                logger.exception("cannot store advisor messages")
                return response.json({"error": "stockage indisponible"}, status=503)
            return response.json({"delivered": count})

        return webhook
