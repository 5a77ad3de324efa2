"""The HR integration channel: a signed webhook in, signed callbacks out (interfaces.md §6).

``credentials.yml``::

    bot.channels.hr.HRInput:
      callback_tries: 4          # attempts per callback (first try included)
      callback_backoff_s: 0.5    # wait before the 2nd try, doubled each time...
      callback_backoff_max_s: 4  # ...up to this
      callback_timeout_s: 5      # per attempt
      max_body_bytes: 65536      # larger requests get 413
      replay_window_s: 86400     # a message_id seen within this window is not answered again

Routes (Rasa server, name ``hr``):

- ``POST /webhooks/hr/webhook``: a user message from an HR system. Checks in this order:
  body size (413), strict JSON with an ``integration`` string (400), ``X-Timestamp``/
  ``X-Signature`` (401; an unknown integration gets the same 401 as a bad signature), the
  whole body (400), replayed ``message_id`` (202, not processed again; ids are kept in the
  database, or Redis with ``LOCK_STORE_URL``, for ``replay_window_s``). Accepted messages get
  ``202`` at once; the assistant's replies are collected and POSTed, signed, to the
  integration's ``callback_url``, only when its host is a public address
  (bot/channels/callback_safety.py; ``HR_ALLOW_LOCAL_CALLBACKS=1`` allows loopback for
  tests), never following a redirect.
- ``POST /webhooks/hr/advisor_push``: an advisor's messages (``Authorization: Bearer
  <RASA_TOKEN>``), POSTed to the callback with ``in_reply_to: null``.

The Rasa conversation id is ``hr:<integration>:<sender>``, so two HR systems never share a
conversation. Nothing is written to the tracker store before every check has passed.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import secrets
import logging
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import (
    CollectingOutputChannel, InputChannel, OutputChannel, UserMessage)

from bot import settings
from bot.channels import limits, signing
from bot.channels.callback_safety import SafeResolver, UnsafeCallback, check_callback_url
from bot.channels.hr_delivery import OutboxWorker
from bot.channels.integrations import Integration, IntegrationsError, default_path, load_integrations

logger = logging.getLogger(__name__)

CHANNEL = "hr"
BODY_KEYS = ("integration", "message_id", "sender", "message", "metadata")
REQUIRED_KEYS = ("integration", "message_id", "sender", "message")
MAX_ID_LENGTH = 128
MAX_MESSAGE_LENGTH = 5000
SENDER_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@+-:")
MAX_PENDING = 1000
UNKNOWN_SECRET = secrets.token_hex(32)
RETRY_STATUSES = {408, 425, 429}


def conversation_id(integration: str, sender: str) -> str:
    return f"{CHANNEL}:{integration}:{sender}"


def split_conversation_id(value: str) -> Optional[tuple[str, str]]:
    """``hr:<integration>:<sender>`` → (integration, sender), or None for another channel's id."""
    parts = value.split(":", 2) if isinstance(value, str) else []
    if len(parts) != 3 or parts[0] != CHANNEL or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def _error(status: int, error: str, message: str, field: Optional[str] = None) -> HTTPResponse:
    body: Dict[str, Any] = {"error": error, "message": message}
    if field is not None:
        body["field"] = field
    return response.json(body, status=status)


# -- the integrations file, re-read when it changes ------------------------------------------
class IntegrationRegistry:
    """The declared integrations; the file is re-read when it changes (no restart needed).

    A file that becomes invalid is logged at error level and the last valid declaration is
    kept, so a typo never opens or closes an integration by accident.
    """

    def __init__(self, path: Optional[Path] = None):
        self.path = Path(path) if path else default_path()
        self._key: Optional[tuple] = None
        self._loaded = False
        self._integrations: dict[str, Integration] = {}
        self.refresh(raise_errors=True)

    def _file_key(self) -> Optional[tuple]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def refresh(self, raise_errors: bool = False) -> None:
        key = self._file_key()
        if self._loaded and key == self._key:
            return
        try:
            integrations = load_integrations(self.path)
        except IntegrationsError as error:
            if raise_errors:
                raise
            logger.error("HR integrations file invalid, keeping the previous one: %s", error)
            return
        self._integrations, self._key, self._loaded = integrations, key, True
        if key is None:
            logger.warning("HR integrations: %s not found, no integration declared", self.path)
        else:
            logger.info("HR integrations loaded from %s: %s", self.path,
                        ", ".join(sorted(integrations)) or "none")

    def get(self, integration_id: str) -> Optional[Integration]:
        self.refresh()
        return self._integrations.get(integration_id)


# -- replayed message ids ----------------------------------------------------------------------
class ReplayGuard:
    """Remembers (integration, message_id) pairs for ``window_s`` seconds.

    In the database (table ``hr_seen_messages``, shared by replicas and kept across
    restarts); in Redis when ``LOCK_STORE_URL`` names one. ``persistent=False`` keeps them in
    memory (bounded, oldest forgotten first), for unit tests only.
    """

    def __init__(self, window_s: float, max_entries: int = 200_000, persistent: bool = True):
        self.window_s = window_s
        self.max_entries = max_entries
        self.persistent = persistent
        self._seen: "OrderedDict[str, float]" = OrderedDict()
        self._redis = None
        url = settings.lock_store_url()
        if persistent and url.startswith(("redis://", "rediss://")):
            import redis.asyncio as redis_asyncio  # installed with Rasa

            self._redis = redis_asyncio.from_url(url, socket_timeout=5)
            self._prefix = settings.lock_store_prefix() + ":hr-seen:"

    async def first_time(self, integration: str, message_id: str) -> bool:
        key = f"{integration}\x00{message_id}"
        if self._redis is not None:
            stored = await self._redis.set(self._prefix + key, b"1", nx=True,
                                           ex=max(1, int(self.window_s)))
            return bool(stored)
        if self.persistent:
            from bot.storage import hr_replay

            return await asyncio.to_thread(hr_replay.first_time, integration, message_id,
                                           self.window_s)
        now = time.monotonic()
        while self._seen:
            oldest_key, seen_at = next(iter(self._seen.items()))
            if now - seen_at <= self.window_s and len(self._seen) < self.max_entries:
                break
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


# -- outbound callbacks ------------------------------------------------------------------------
class CallbackSender:
    """POSTs signed callbacks with bounded retries and exponential backoff."""

    def __init__(self, tries: int, backoff_s: float, backoff_max_s: float, timeout_s: float):
        self.tries = max(1, int(tries))
        self.backoff_s = max(0.0, float(backoff_s))
        self.backoff_max_s = max(self.backoff_s, float(backoff_max_s))
        self.timeout_s = float(timeout_s)
        self._session: Optional[aiohttp.ClientSession] = None
        self._order_locks: dict[str, list] = {}  # conversation → [lock, users]

    async def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout_s),
                connector=aiohttp.TCPConnector(resolver=SafeResolver()))
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def deliver(self, integration: Integration, body: dict, order_key: str) -> bool:
        """Send ``body``; callbacks of one conversation leave in order. True once accepted."""
        entry = self._order_locks.setdefault(order_key, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                return await self._deliver(integration, body)
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._order_locks[order_key]

    async def attempt(self, integration: Integration, body: dict) -> tuple[bool, bool, str]:
        """One signed POST: (accepted, worth retrying, problem). Only to a safe callback URL
        (bot/channels/callback_safety.py), never following redirects."""
        try:
            await asyncio.to_thread(check_callback_url, integration.callback_url)
        except UnsafeCallback as error:
            return False, False, f"unsafe callback URL: {error}"
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8",
                   **signing.sign(integration.secret, raw)}
        try:
            session = await self.session()
            async with session.post(integration.callback_url, data=raw, headers=headers,
                                    allow_redirects=False) as reply:
                await reply.read()
                if 200 <= reply.status < 300:
                    return True, False, ""
                retry = reply.status >= 500 or reply.status in RETRY_STATUSES
                return False, retry, f"HTTP {reply.status}"
        except asyncio.TimeoutError:
            return False, True, f"no answer within {self.timeout_s:g} s"
        except (aiohttp.ClientError, OSError) as error:
            return False, True, f"{type(error).__name__}: {error}"

    async def _deliver(self, integration: Integration, body: dict) -> bool:
        """In-memory retries: only when the durable outbox cannot be written."""
        label = f"integration={integration.id} in_reply_to={body.get('in_reply_to')}"
        delay = self.backoff_s
        for attempt in range(1, self.tries + 1):
            ok, retry, problem = await self.attempt(integration, body)
            if ok:
                return True
            if not retry:
                logger.error("HR callback not delivered (%s): %s; not retried", label, problem)
                return False
            if attempt < self.tries:
                logger.warning("HR callback failed (%s, try %d of %d, %s); retrying in %g s",
                               label, attempt, self.tries, problem, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.backoff_max_s)
            else:
                logger.error("HR callback given up after %d tries (%s): %s",
                             self.tries, label, problem)
        return False


def _outbound_messages(messages: list, sender: str) -> list:
    """REST-style messages addressed to the HR system's own sender id."""
    return [{**message, "recipient_id": sender} for message in messages]


class HRPushOutputChannel(OutputChannel):
    """Output channel for pushes outside a user turn (``trigger_intent?output_channel=latest``).

    Each message is POSTed as its own callback with ``in_reply_to: null``.
    """

    def __init__(self, channel: "HRInput"):
        self.channel = channel

    @classmethod
    def name(cls) -> Text:
        return CHANNEL

    async def _push(self, recipient_id: Text, message: dict) -> None:
        await self.channel.push(recipient_id, [message], wait=False)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in text.strip().split("\n\n"):
            await self._push(recipient_id, {"text": part})

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self._push(recipient_id, {"image": image})

    async def send_attachment(self, recipient_id: Text, attachment: Text, **kwargs: Any) -> None:
        await self._push(recipient_id, {"attachment": attachment})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: list,
                                     **kwargs: Any) -> None:
        await self._push(recipient_id, {"text": text, "buttons": buttons})

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        await self._push(recipient_id, {"custom": json_message})


# -- the channel -------------------------------------------------------------------------------
class HRInput(InputChannel):
    """Signed HR webhook; replies go to the integration's callback URL."""

    @classmethod
    def name(cls) -> Text:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            integrations_file=credentials.get("integrations_file"),
            callback_tries=credentials.get("callback_tries", 4),
            callback_backoff_s=credentials.get("callback_backoff_s", 0.5),
            callback_backoff_max_s=credentials.get("callback_backoff_max_s", 4),
            callback_timeout_s=credentials.get("callback_timeout_s", 5),
            max_body_bytes=credentials.get("max_body_bytes", 64 * 1024),
            replay_window_s=credentials.get("replay_window_s", 24 * 3600),
        )

    def __init__(self, integrations_file: Optional[str] = None, callback_tries: int = 4,
                 callback_backoff_s: float = 0.5, callback_backoff_max_s: float = 4,
                 callback_timeout_s: float = 5, max_body_bytes: int = 64 * 1024,
                 replay_window_s: float = 24 * 3600) -> None:
        self.registry = IntegrationRegistry(Path(integrations_file) if integrations_file else None)
        self.sender = CallbackSender(callback_tries, callback_backoff_s, callback_backoff_max_s,
                                     callback_timeout_s)
        self.replays = ReplayGuard(float(replay_window_s))
        self.outbox = OutboxWorker(self)
        self.max_body_bytes = int(max_body_bytes)
        self._tasks: set[asyncio.Task] = set()
        self._app: Any = None

    def get_output_channel(self) -> Optional[OutputChannel]:
        return HRPushOutputChannel(self)

    # -- background work ---------------------------------------------------------------------
    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      integration: Integration, body: dict, metadata: dict) -> None:
        sender_id = conversation_id(integration.id, body["sender"])
        collector = CollectingOutputChannel()
        from bot.channels import turns

        handled = await turns.run_turn(on_new_message, UserMessage(
            body["message"], collector, sender_id, input_channel=CHANNEL, metadata=metadata))
        if await turns.should_apologise(self._app, sender_id, handled,
                                        bool(collector.messages)):
            collector.messages.append({"recipient_id": sender_id, "text": limits.NOT_HANDLED})
        await self.outbox.send(integration, {
            "integration": integration.id,
            "in_reply_to": body["message_id"],
            "sender": body["sender"],
            "messages": _outbound_messages(collector.messages, body["sender"]),
        }, sender_id)

    async def push(self, rasa_sender_id: str, messages: list, wait: bool = False) -> int:
        """Send messages to an HR conversation outside a user turn (``in_reply_to: null``)."""
        parts = split_conversation_id(rasa_sender_id)
        integration = self.registry.get(parts[0]) if parts else None
        if integration is None:
            logger.error("HR push for a conversation without a known integration: %s",
                         rasa_sender_id)
            return 0
        body = {"integration": integration.id, "in_reply_to": None, "sender": parts[1],
                "messages": _outbound_messages(messages, parts[1])}
        # written to the durable outbox before this returns (wait is kept for callers)
        await self.outbox.send(integration, body, rasa_sender_id)
        return len(messages)

    # -- request checks ----------------------------------------------------------------------
    def _check_body(self, body: dict) -> Optional[HTTPResponse]:
        unknown = sorted(key for key in body if key not in BODY_KEYS)
        if unknown:
            return _error(400, "unknown_field",
                          f"unknown field {unknown[0]!r}; allowed: {', '.join(BODY_KEYS)}",
                          unknown[0])
        for key in REQUIRED_KEYS:
            if key not in body:
                return _error(400, "missing_field", f"missing field {key!r}", key)
        for key in ("message_id", "sender"):
            value = body[key]
            if not isinstance(value, str) or not value:
                return _error(400, "invalid_field", f"{key!r} must be a non-empty string", key)
            if len(value) > MAX_ID_LENGTH:
                return _error(400, "invalid_field",
                              f"{key!r} is longer than {MAX_ID_LENGTH} characters", key)
        if not set(body["sender"]) <= SENDER_CHARACTERS:
            return _error(400, "invalid_field",
                          "'sender' may only hold letters, digits and . _ @ + - :", "sender")
        message = body["message"]
        if not isinstance(message, str) or not message.strip():
            return _error(400, "invalid_field", "'message' must be a non-empty string",
                          "message")
        if len(message) > MAX_MESSAGE_LENGTH:
            return _error(400, "invalid_field",
                          f"'message' is longer than {MAX_MESSAGE_LENGTH} characters", "message")
        try:
            body["metadata"] = limits.clean_metadata(body.get("metadata"))
        except limits.BodyError as error:
            return _error(400, "invalid_field", str(error), "metadata")
        body["message"] = limits.clean_text(message)
        return None

    @staticmethod
    def _metadata(integration: Integration, body: dict) -> dict:
        """The request's metadata plus the integration's employer (the declaration wins)."""
        metadata = dict(body.get("metadata") or {})
        employer = metadata.get("employer")
        employer = dict(employer) if isinstance(employer, dict) else {}
        employer.update(integration.employer.as_metadata())
        if employer:
            metadata["employer"] = employer
        metadata["hr"] = {"integration": integration.id, "message_id": body["message_id"],
                          "sender": body["sender"]}
        return metadata

    def _parse(self, request: Request) -> tuple[Optional[Any], Optional[HTTPResponse]]:
        if len(request.body or b"") > self.max_body_bytes:
            return None, _error(413, "body_too_large",
                                f"body larger than {self.max_body_bytes} bytes")
        try:
            body = limits.loads_strict(request.body or b"")
        except (ValueError, UnicodeDecodeError):
            return None, _error(400, "malformed_json", "the body is not valid JSON")
        if not isinstance(body, dict):
            return None, _error(400, "malformed_json", "the body must be a JSON object")
        return body, None

    # -- routes ------------------------------------------------------------------------------
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        from bot.channels.http_safety import SafeBlueprint

        hr_webhook = SafeBlueprint("hr_webhook", __name__)

        @hr_webhook.listener("before_server_start")
        async def keep_app(app: Any, _loop: Any) -> None:
            self._app = app

        @hr_webhook.listener("after_server_start")
        async def start_outbox(*_: Any) -> None:
            self.outbox.start()

        @hr_webhook.listener("before_server_stop")
        async def stop_outbox(*_: Any) -> None:
            await self.outbox.stop()

        @hr_webhook.listener("after_server_stop")
        async def close_session(*_: Any) -> None:
            await self.sender.close()

        @hr_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hr_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            body, problem = self._parse(request)
            if problem:
                return problem
            integration_id = body.get("integration")
            if not isinstance(integration_id, str) or not integration_id:
                return _error(400, "missing_field" if "integration" not in body
                              else "invalid_field",
                              "'integration' must name a declared integration", "integration")
            integration = self.registry.get(integration_id)
            try:
                # an unknown integration is checked against a secret nobody has: it gets
                # exactly the answer of a bad signature (no way to list the integrations)
                signing.verify(integration.secret if integration else UNKNOWN_SECRET,
                               request.headers, request.body)
                if integration is None:
                    raise signing.SignatureError(
                        f"{signing.SIGNATURE_HEADER} does not match the body and timestamp")
            except signing.SignatureError as error:
                logger.warning("HR webhook: refused request for integration %r: %s",
                               integration_id[:64], error)
                return _error(401, "bad_signature", str(error))
            problem = self._check_body(body)
            if problem:
                return problem
            if len(self._tasks) >= MAX_PENDING:
                return _error(503, "busy", "too many messages waiting; retry later")
            try:
                first = await self.replays.first_time(integration.id, body["message_id"])
            except Exception:  # noqa: BLE001 - Redis down: refuse rather than answer twice
                logger.exception("HR webhook: replay store unavailable")
                return _error(503, "unavailable", "replay store unavailable; retry later")
            if not first:
                logger.info("HR webhook: message_id already received (integration %s)",
                            integration.id)
                return response.json({"status": "duplicate", "message_id": body["message_id"]},
                                     status=202)
            self._spawn(self._handle(on_new_message, integration, body,
                                     self._metadata(integration, body)))
            return response.json({"status": "accepted", "message_id": body["message_id"]},
                                 status=202)

        @hr_webhook.route("/advisor_push", methods=["POST"])
        async def advisor_push(request: Request) -> HTTPResponse:
            authorization = request.headers.get("Authorization", "")
            expected = f"Bearer {settings.rasa_token()}"
            if not hmac.compare_digest(authorization.encode(), expected.encode()):
                return _error(401, "unauthorized", "Authorization: Bearer <RASA_TOKEN> required")
            body, problem = self._parse(request)
            if problem:
                return problem
            sender = body.get("sender")
            if not isinstance(sender, str) or split_conversation_id(sender) is None:
                return _error(400, "invalid_field",
                              "'sender' must be an HR conversation id hr:<integration>:<sender>",
                              "sender")
            messages = body.get("messages")
            if (not isinstance(messages, list) or not messages or not all(
                    isinstance(m, dict) and (isinstance(m.get("text"), str)
                                             or isinstance(m.get("custom"), dict))
                    for m in messages)):
                return _error(400, "invalid_field",
                              "'messages' must be a non-empty list of {text?, custom?}",
                              "messages")
            if self.registry.get(split_conversation_id(sender)[0]) is None:
                return _error(404, "unknown_integration",
                              "the conversation's integration is not declared")
            delivered = await self.push(sender, messages, wait=False)
            return response.json({"delivered": delivered})

        return hr_webhook
