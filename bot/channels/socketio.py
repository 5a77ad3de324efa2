"""The socket.io channel (name "socketio", same credentials) with the advisor push.

``POST /webhooks/socketio/advisor_push`` emits each message to the room of the conversation
(session persistence: room = session id) as ``bot_uttered``: ``{"text": ...}`` for the text and
the custom dict itself for a structured message, as Rasa does for the bot's own messages.
A ``handoff`` or ``advisor_message`` payload that carries the same text is emitted alone (one
event, no duplicate bubble in the widget), for the push and for the bot's own messages.

Several replicas (``make cluster``): when ``SOCKETIO_REDIS_URL`` (default ``LOCK_STORE_URL``)
names a Redis, the socket.io server uses python-socketio's ``AsyncRedisManager``: an emit to a
room made on any replica (a reply, an advisor push, a handoff status) reaches the widget
whichever replica holds its socket. The balancer keeps each socket on one replica (sticky
``/socket.io``); a widget whose replica died reconnects to another and asks for its session id
again, so it keeps its conversation.

Also fixes Rasa 3.6's output of custom payloads: it called ``emit(event, **payload)``, which
fails for a payload such as ``{"type": "handoff", ...}``; the dict is emitted as the event data.
"""
from __future__ import annotations

import functools
import logging
import pickle
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import rasa.core.channels.socketio as rasa_socketio
import socketio as python_socketio
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels import check_push
from bot.channels.rest import UNAVAILABLE

logger = logging.getLogger(__name__)
EMIT_KEYWORDS = {"data", "to", "room", "skip_sid", "namespace", "callback"}


def _self_contained(custom: Any, text: Any) -> bool:
    """A handoff or advisor message carries its own text: no separate text event needed."""
    return isinstance(custom, dict) and (
        (custom.get("type") == "handoff" and custom.get("message") == text)
        or (custom.get("type") == "advisor_message" and custom.get("text") == text))


class SocketIOOutput(RasaSocketIOOutput):
    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if message.get("text") and _self_contained(message.get("custom"), message.get("text")) \
                and not message.get("buttons") and not message.get("quick_replies"):
            message = {k: v for k, v in message.items() if k != "text"}
        await super().send_response(recipient_id, message)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        if json_message and set(json_message) <= EMIT_KEYWORDS:  # Rasa's {"data": ...} form
            json_message.setdefault("room", recipient_id)
            await self.sio.emit(self.bot_message_evt, **json_message)
        else:
            await self.sio.emit(self.bot_message_evt, json_message, room=recipient_id)


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
                data = {**data, "callback": None}
                await python_socketio.AsyncManager.emit(
                    self, data["event"], data["data"], namespace=data.get("namespace"),
                    room=data.get("room"), skip_sid=data.get("skip_sid"))
            return None


class SocketIOInput(RasaSocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bot_message_evt = self.bot_message_evt

        async def wrapped(message: UserMessage) -> Any:
            if isinstance(message.output_channel, RasaSocketIOOutput):
                message.output_channel = SocketIOOutput(message.output_channel.sio, bot_message_evt)
            try:
                return await on_new_message(message)
            except Exception:  # noqa: BLE001 - store or locks down: tell the user, store nothing
                logger.exception("socket.io message could not be handled")
                if message.output_channel is not None:
                    try:
                        await message.output_channel.send_text_message(
                            message.sender_id, UNAVAILABLE)
                    except Exception:  # noqa: BLE001
                        logger.exception("socket.io: the user could not be told")

        redis_url = settings.socketio_redis_url()
        if redis_url.startswith(("redis://", "rediss://", "unix://")):
            # Rasa builds its AsyncServer inside blueprint(): give it the shared manager
            manager = RedisManager(
                redis_url, channel=f"{settings.key_prefix()}:socketio",
                redis_options={"socket_connect_timeout": 3})
            original = rasa_socketio.AsyncServer
            rasa_socketio.AsyncServer = functools.partial(original, client_manager=manager)
            try:
                blueprint = super().blueprint(wrapped)
            finally:
                rasa_socketio.AsyncServer = original
            logger.info("socket.io: emits shared through Redis (%s)", manager.channel)
            server = self.sio

            @blueprint.listener("after_server_start")
            async def subscribe_early(*_: Any) -> None:
                # python-socketio subscribes on the first connection, so the first emits of a
                # fresh replica could be published before it listens: subscribe at start.
                if not server.manager_initialized:
                    server.manager_initialized = True
                    server.manager.initialize()

            @blueprint.listener("before_server_stop")
            async def unsubscribe(*_: Any) -> None:  # else the listener delays every stop
                task = getattr(server.manager, "thread", None)
                if task is not None and hasattr(task, "cancel"):
                    task.cancel()
        else:
            blueprint = super().blueprint(wrapped)
        sio = self.sio

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
                    await sio.emit(bot_message_evt, custom, room=sender_id,
                                   namespace=self.namespace)
                    delivered += 1
                    continue
                if "text" in message:
                    await sio.emit(bot_message_evt, {"text": message["text"]}, room=sender_id,
                                   namespace=self.namespace)
                if "custom" in message:
                    await sio.emit(bot_message_evt, message["custom"], room=sender_id,
                                   namespace=self.namespace)
                delivered += 1
            return response.json({"delivered": delivered})

        return blueprint
