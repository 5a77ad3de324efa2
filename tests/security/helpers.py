"""Raw HTTP and socket.io helpers for the adversarial suite (tests/security)."""
from __future__ import annotations

import gzip
import json
import queue
import urllib.error
import urllib.request
import uuid
from typing import Any, Optional

import socketio

from tests.servers import socketio_session


def raw(method: str, url: str, data: Optional[bytes] = None, headers: Optional[dict] = None,
        timeout: float = 60) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, method=method)
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, _lower(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, _lower(error.headers), error.read()


def _lower(headers: Any) -> dict:
    """Header names in lower case (Sanic keeps the sender's case, uvicorn lowers it)."""
    return {key.lower(): value for key, value in headers.items()}


def post_json(url: str, body: Any, headers: Optional[dict] = None,
              timeout: float = 60) -> tuple[int, Any]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    status, _, content = raw("POST", url, data, {"Content-Type": "application/json",
                                                **(headers or {})}, timeout)
    try:
        return status, json.loads(content) if content else None
    except ValueError:
        return status, content.decode(errors="replace")


def rest(stack, body: Any, headers: Optional[dict] = None, path: str = "webhook"):
    return post_json(f"{stack.rasa_url}/webhooks/rest/{path}", body, headers)


def new_id(prefix: str = "sec") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def still_serving(stack) -> bool:
    """The Rasa server answers a normal conversation (it did not stop)."""
    status, answer = rest(stack, {"sender": new_id("alive"), "message": "bonjour"})
    return status == 200 and any(m.get("text") for m in answer)


def gzip_bomb(size: int = 20 * 1024 * 1024) -> bytes:
    return gzip.compress(b'{"sender": "x", "message": "' + b"a" * size + b'"}', 9)


class Socket:
    """A python-socketio client that records the bot's messages."""

    def __init__(self, stack, headers: Optional[dict] = None):
        self.client = socketio.Client(reconnection=False)
        self.received: "queue.Queue[dict]" = queue.Queue()
        self.client.on("bot_uttered", self.received.put)
        self.client.connect(stack.rasa_url, transports=["polling"], headers=headers or {})

    def session(self, session_id: Optional[str] = None, token: Optional[str] = None) -> dict:
        return socketio_session(self.client, session_id, token)

    def say(self, message: Any, **extra: Any) -> None:
        self.client.emit("user_uttered", {"message": message, **extra})

    def next_text(self, timeout: float = 60) -> str:
        while True:
            data = self.received.get(timeout=timeout)
            if isinstance(data, dict) and (data.get("text") or data.get("message")):
                return data.get("text") or data.get("message")

    def close(self) -> None:
        self.client.disconnect()


def user_texts(stack, sender: str) -> list:
    return [e.get("text") for e in stack.tracker(sender)["events"] if e["event"] == "user"]
