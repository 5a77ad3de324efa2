"""The socket.io channel (name "socketio", same credentials) with the advisor push.

Ownership (docs/security.md): the server, not the client, decides which conversation a socket
may touch. ``session_request`` ``{"session_id"?, "token"?}`` is answered by ``session_confirm``
``{"session_id", "token"}``: the same id when ``token`` is the server's signature of it (the
widget keeps both in sessionStorage, once the chat is opened), else a fresh ``sio-<hex>`` id.
Every ``user_uttered`` of that socket goes to the id bound to it: a ``session_id`` in the
message that is not the bound one is ignored; a socket that sends a message before any
``session_request`` gets a fresh conversation (and its ``session_confirm``).

Input limits: a message must be a text (else a French ``bot_uttered`` says so), NUL and
control characters are removed, a text over 5 000 characters is not read (a French message
asks to shorten it), metadata that is not a valid object is dropped. A turn that fails or
gives no answer while no advisor holds the conversation gets a French apology, never silence.
Browsers from other origins than ``CORS_ORIGINS`` (default: the demo page) are refused.

Several replicas (``make cluster``): when ``SOCKETIO_REDIS_URL`` (default ``LOCK_STORE_URL``)
names a Redis, the socket.io server uses python-socketio's ``AsyncRedisManager``: an emit to a
room made on any replica (a reply, an advisor push, a handoff status) reaches the widget
whichever replica holds its socket; when Redis does not answer, emits go to this replica's own
sockets. The balancer keeps each socket on one replica (sticky ``/socket.io``); a widget whose
replica died reconnects to another with its signed session id, so it keeps its conversation.

``POST /webhooks/socketio/advisor_push`` emits each message to the room of the conversation
(session persistence: room = session id) as ``bot_uttered``: ``{"text": ...}`` for the text and
the custom dict itself for a structured message, as Rasa does for the bot's own messages.
A ``handoff`` or ``advisor_message`` payload that carries the same text is emitted alone (one
event, no duplicate bubble in the widget), for the push and for the bot's own messages.

Also fixes Rasa 3.6's output of custom payloads: it called ``emit(event, **payload)``, which
fails for a payload such as ``{"type": "handoff", ...}``; the dict is emitted as the event data.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import inspect
import logging
import pickle
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
import socketio as python_socketio
from socketio import AsyncServer

from bot import settings
from bot.channels import check_push, limits, turns
from bot.channels.http_safety import harden

logger = logging.getLogger(__name__)
EMIT_KEYWORDS = {"data", "to", "room", "skip_sid", "namespace", "callback"}
SESSION_PREFIX = "sio-"
UNREADABLE = "Ce message n'a pas pu être lu : écrivez votre question en texte."


def session_token(session_id: str) -> str:
    """The signature of a server-issued session id (what the widget keeps with it)."""
    digest = hmac.new(settings.socketio_secret().encode(),
                      b"socketio-session:" + session_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_matches(session_id: Any, token: Any) -> bool:
    if not isinstance(session_id, str) or not isinstance(token, str):
        return False
    if not session_id.startswith(SESSION_PREFIX) or limits.sender_problem(session_id):
        return False
    return hmac.compare_digest(session_token(session_id).encode(), token.encode())


def new_session_id() -> str:
    return SESSION_PREFIX + uuid.uuid4().hex


def _self_contained(custom: Any, text: Any) -> bool:
    """A handoff or advisor message carries its own text: no separate text event needed."""
    return isinstance(custom, dict) and (
        (custom.get("type") == "handoff" and custom.get("message") == text)
        or (custom.get("type") == "advisor_message" and custom.get("text") == text))


class SocketIOOutput(RasaSocketIOOutput):
    sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if message.get("text") and _self_contained(message.get("custom"), message.get("text")) \
                and not message.get("buttons") and not message.get("quick_replies"):
            message = {k: v for k, v in message.items() if k != "text"}
        await super().send_response(recipient_id, message)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        self.sent += 1
        if json_message and set(json_message) <= EMIT_KEYWORDS:  # Rasa's {"data": ...} form
            json_message.setdefault("room", recipient_id)
            await self.sio.emit(self.bot_message_evt, **json_message)
        else:
            await self.sio.emit(self.bot_message_evt, json_message, room=recipient_id)


class _Blueprint(SocketBlueprint):
    def register(self, app: Any, options: Dict[Text, Any]) -> None:
        harden(app)
        super().register(app, options)


class RedisManager(python_socketio.AsyncRedisManager):
    """Emits shared through Redis; when Redis does not answer, emitted to this replica's own
    sockets (sticky sessions put a widget's socket on the replica that answers it)."""

    async def _publish(self, data: Any) -> Any:
        try:
            return await self.redis.publish(self.channel, pickle.dumps(data))
        except Exception as error:  # noqa: BLE001 - redis errors, connection refused
            logger.error("socket.io: Redis unavailable (%s), emit kept on this replica",
                         type(error).__name__)
            if isinstance(data, dict) and data.get("method") == "emit":
                await python_socketio.AsyncManager.emit(
                    self, data["event"], data["data"], namespace=data.get("namespace"),
                    room=data.get("room"), skip_sid=data.get("skip_sid"))
            return None


def client_manager() -> Optional[Any]:
    """The shared manager of a cluster (Redis), or None for one process."""
    url = settings.socketio_redis_url()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    return RedisManager(url, channel=f"{settings.key_prefix()}:socketio",
                        redis_options={"socket_connect_timeout": 3})


class SocketIOInput(RasaSocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Any:
        manager = client_manager()
        extra = {"client_manager": manager} if manager is not None else {}
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[], **extra)
        blueprint = _Blueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        if manager is not None:
            logger.info("socket.io: emits shared through Redis (%s)", manager.channel)

            @blueprint.listener("after_server_start")
            async def subscribe_early(*_: Any) -> None:
                # python-socketio subscribes on the first connection, so the first emits of a
                # fresh replica could be published before it listens: subscribe at start.
                if not sio.manager_initialized:
                    sio.manager_initialized = True
                    sio.manager.initialize()

            @blueprint.listener("before_server_stop")
            async def unsubscribe(*_: Any) -> None:  # else the listener delays every stop
                task = getattr(sio.manager, "thread", None)
                if task is not None and hasattr(task, "cancel"):
                    task.cancel()
        namespace = self.namespace
        bot_message_evt = self.bot_message_evt
        bound: dict[str, str] = {}   # socket id → conversation id it may touch
        app_holder: dict[str, Any] = {}

        @blueprint.listener("before_server_start")
        async def keep_app(app: Any, _loop: Any) -> None:
            app_holder["app"] = app

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def say(room: str, text: str) -> None:
            await sio.emit(bot_message_evt, {"text": text}, room=room, namespace=namespace)

        async def bind(sid: str, session_id: str) -> None:
            previous = bound.get(sid)
            if previous and previous != session_id:
                sio.leave_room(sid, previous, namespace=namespace)
            result = sio.enter_room(sid, session_id, namespace=namespace)
            if inspect.isawaitable(result):  # python-socketio >= 5.10
                await result
            bound[sid] = session_id
            await sio.emit("session_confirm", {"session_id": session_id,
                                               "token": session_token(session_id)},
                           room=sid, namespace=namespace)

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict]) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and origin not in settings.web_origins():
                logger.warning("socket.io connection refused from origin %r", origin[:200])
                return False
            if self.jwt_key:
                token = auth.get("token") if isinstance(auth, dict) else None
                return bool(token and decode_bearer_token(token, self.jwt_key,
                                                          self.jwt_algorithm))
            return True

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: Text) -> None:
            bound.pop(sid, None)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not token_matches(session_id, data.get("token")):
                if session_id:
                    logger.info("socket.io: session id without its token, new conversation")
                session_id = new_session_id()
            await bind(sid, session_id)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            session_id = bound.get(sid)
            if session_id is None:
                session_id = new_session_id()
                await bind(sid, session_id)
            if not isinstance(data, dict) or limits.message_problem(data.get("message")):
                await say(sid, UNREADABLE)
                return
            text = limits.clean_text(data["message"])
            if limits.too_long(text):
                await say(sid, limits.too_long_message())
                return
            metadata = limits.lenient_metadata(data.get(self.metadata_key))
            output = SocketIOOutput(sio, bot_message_evt)
            handled = await turns.run_turn(on_new_message, UserMessage(
                text, output, session_id, input_channel=self.name(), metadata=metadata))
            if await turns.should_apologise(app_holder.get("app"), session_id, handled,
                                            output.sent > 0):
                await say(session_id, limits.NOT_HANDLED)

        @blueprint.route("/advisor_push", methods=["POST"])
        async def advisor_push(request: Request) -> HTTPResponse:
            error, sender_id, messages = check_push(request)
            if error is not None:
                return error
            delivered = 0
            for message in messages:
                custom = message.get("custom") or {}
                if _self_contained(custom, message.get("text", custom.get("text"))):
                    # one event: the widget shows the labelled bubble or the handoff status
                    await sio.emit(bot_message_evt, custom, room=sender_id, namespace=namespace)
                    delivered += 1
                    continue
                if "text" in message:
                    await sio.emit(bot_message_evt, {"text": message["text"]}, room=sender_id,
                                   namespace=namespace)
                if "custom" in message:
                    await sio.emit(bot_message_evt, message["custom"], room=sender_id,
                                   namespace=namespace)
                delivered += 1
            return response.json({"delivered": delivered})

        return blueprint
