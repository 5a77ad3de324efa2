"""Privacy routes on the Rasa server (issue 13): a person's copy of their conversation, and the
HR integration's export and erasure of an employee's conversation.

``credentials.yml``: ``bot.channels.privacy.PrivacyInput:`` (no settings). Routes:

- ``POST /webhooks/privacy/download`` ``{"session_id", "token", "format": "text"|"json"}``: the
  widget's « Télécharger ma conversation ». Only the owner can call it: ``token`` must be the
  server's signature of the session id (issue 10's socket.io ownership, kept with the id in that
  browser tab only; before it, the id itself is Rasa's random 128-bit id), and only a socket.io
  conversation is served. Unknown, unsigned or other channels' ids: 404, the same answer, so
  nothing can be probed.
- ``POST /webhooks/privacy/hr/export`` and ``POST /webhooks/privacy/hr/erase``
  ``{"integration", "sender"}``, signed like the HR webhook (``X-Timestamp``, ``X-Signature``
  with the integration's secret): the conversation ``hr:<integration>:<sender>`` as JSON, or
  erased (recorded in the access log without its content).
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import signing
from bot.channels.hr import IntegrationRegistry, SENDER_CHARACTERS, MAX_ID_LENGTH, conversation_id
from bot.storage import conversation_export, erasure, log_redaction, transcripts

logger = logging.getLogger(__name__)
log_redaction.install()

SESSION_ID = re.compile(r"^(?:sio-)?[0-9a-f]{32}$")

try:  # issue 10: socket.io session ids issued and signed by the server
    from bot.channels.socketio import token_matches
except ImportError:  # before it: the random id is the only proof
    token_matches = None


def owns_session(session_id: Any, token: Any) -> bool:
    """The caller holds what only the widget's tab holds for this socket.io session."""
    if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
        return False
    if token_matches is not None:
        return bool(token_matches(session_id, token))
    return True
MAX_BODY = 4096


def _error(status: int, error: str, message: str) -> HTTPResponse:
    return response.json({"error": error, "message": message}, status=status)


def _json_body(request: Request) -> Optional[dict]:
    if len(request.body or b"") > MAX_BODY:
        return None
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _widget_export(session_id: str) -> Optional[dict]:
    events = transcripts.transcript_events(session_id)
    if not events or transcripts.latest_input_channel(events) != "socketio":
        return None
    return conversation_export.export(session_id)


class PrivacyInput(InputChannel):
    """Not a chat channel: only the privacy routes under /webhooks/privacy/."""

    @classmethod
    def name(cls) -> Text:
        return "privacy"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> InputChannel:
        return cls()

    def __init__(self) -> None:
        self._registry: Optional[IntegrationRegistry] = None

    @property
    def registry(self) -> IntegrationRegistry:
        if self._registry is None:
            self._registry = IntegrationRegistry()
        return self._registry

    async def _hr_request(self, request: Request) -> tuple[Optional[str], Optional[HTTPResponse]]:
        """The HR conversation id of a signed request, or the refusal."""
        body = _json_body(request)
        if body is None:
            return None, _error(400, "malformed_json", "the body must be a JSON object")
        integration_id, sender = body.get("integration"), body.get("sender")
        if not isinstance(integration_id, str) or not integration_id:
            return None, _error(400, "invalid_field", "'integration' must name a declared integration")
        integration = self.registry.get(integration_id)
        if integration is None:
            return None, _error(404, "unknown_integration", f"no integration {integration_id!r} is declared")
        try:
            signing.verify(integration.secret, request.headers, request.body)
        except signing.SignatureError as error:
            logger.warning("HR privacy API: refused request for integration %s: %s",
                           integration.id, error)
            return None, _error(401, "bad_signature", str(error))
        unknown = sorted(set(body) - {"integration", "sender"})
        if unknown:
            return None, _error(400, "unknown_field", f"unknown field {unknown[0]!r}")
        if (not isinstance(sender, str) or not sender or len(sender) > MAX_ID_LENGTH
                or not set(sender) <= SENDER_CHARACTERS):
            return None, _error(400, "invalid_field", "'sender' must be the employee's sender id")
        return conversation_id(integration.id, sender), None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        privacy = Blueprint("privacy_routes", __name__)

        @privacy.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @privacy.route("/download", methods=["POST"])
        async def download(request: Request) -> HTTPResponse:
            body = _json_body(request)
            session_id = body.get("session_id") if body else None
            wanted = (body or {}).get("format", "text")
            if wanted not in ("text", "json"):
                return _error(400, "invalid_field", "'format' must be 'text' or 'json'")
            data = None
            if owns_session(session_id, (body or {}).get("token")):
                data = await asyncio.to_thread(_widget_export, session_id)
            if data is None:
                return _error(404, "not_found", "Aucune conversation à télécharger pour cette session.")
            headers = {"Cache-Control": "no-store"}
            if wanted == "json":
                headers["Content-Disposition"] = 'attachment; filename="ma-conversation.json"'
                return response.json(data, headers=headers)
            headers["Content-Disposition"] = 'attachment; filename="ma-conversation.txt"'
            return response.text(conversation_export.as_text(data), headers=headers)

        @privacy.route("/hr/export", methods=["POST"])
        async def hr_export(request: Request) -> HTTPResponse:
            conversation, refused = await self._hr_request(request)
            if refused:
                return refused
            data = await asyncio.to_thread(conversation_export.export, conversation)
            if data is None:
                return _error(404, "not_found", "no conversation stored for this sender")
            return response.json(data, headers={"Cache-Control": "no-store"})

        @privacy.route("/hr/erase", methods=["POST"])
        async def hr_erase(request: Request) -> HTTPResponse:
            conversation, refused = await self._hr_request(request)
            if refused:
                return refused
            if not await asyncio.to_thread(erasure.conversation_exists, conversation):
                return _error(404, "not_found", "no conversation stored for this sender")
            integration = conversation.split(":", 2)[1]
            erased = await asyncio.to_thread(erasure.erase_conversation, conversation,
                                             f"l'intégration RH {integration}")
            return response.json({"erased": True, "events": erased.events,
                                  "tickets": erased.tickets, "callbacks": erased.callbacks})

        return privacy
