"""The REST channel (name "rest", same URL) with an outbox for advisor messages.

A REST user only receives what is in the HTTP answer to their own message. Messages pushed by
an advisor (``POST /webhooks/rest/advisor_push``) wait in the ``console_outbox`` table (shared
by every replica) and come first in the answer to the user's next message. While the
conversation is paused, that answer is just the pending messages (possibly an empty list).
``POST /webhooks/rest/poll`` ``{"sender"}`` returns the pending messages without a user message.
"""
from __future__ import annotations

import asyncio
import copy
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Text

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import check_push
from bot.storage import rest_outbox, store_guard

logger = logging.getLogger(__name__)


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


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.listener("after_server_start")
        async def guard_tracker_store(app: Any, *_: Any) -> None:
            if not store_guard.install(getattr(app.ctx, "agent", None)):
                logger.warning("tracker store guard not installed (no fail-safe store found)")

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            if not isinstance(request.json, dict):
                return response.json({"error": "le corps doit être un objet JSON"}, status=400)
            sender_id = await self._extract_sender(request)
            text = self._extract_message(request)
            if not isinstance(sender_id, str) or not sender_id:
                return response.json({"error": "champ 'sender' manquant"}, status=400)
            input_channel = self._extract_input_channel(request)
            metadata = self.get_metadata(request)
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender_id, input_channel, metadata),
                    content_type="text/event-stream")
            pending = [_as_rest(sender_id, m) for m in await _pop(sender_id)]
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender_id,
                                                 input_channel=input_channel, metadata=metadata))
            except CancelledError:
                logger.error("rest.message.received.timeout %s", copy.deepcopy(text))
            except Exception:
                # tracker store or lock store unavailable (bot/storage/store_guard.py): the
                # turn was not stored; say so rather than answer as if it had been
                logger.exception("rest.message.received.failure")
                if pending:
                    await asyncio.to_thread(_put_back, sender_id, pending)
                return response.json({"error": UNAVAILABLE}, status=503)
            later = [_as_rest(sender_id, m) for m in await _pop(sender_id)]
            return response.json(pending + collector.messages + later)

        @webhook.route("/poll", methods=["POST"])
        async def poll(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            sender_id = body.get("sender")
            if not isinstance(sender_id, str) or not sender_id:
                return response.json({"error": "champ 'sender' manquant"}, status=400)
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
