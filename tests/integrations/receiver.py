"""A local HTTP server that records the requests it gets (HR callbacks, a fake Slack API)."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body)


class Receiver:
    """Records every POST; answers ``status`` (200 by default)."""

    def __init__(self, status: int = 200, port: int = 0):
        self.status = status
        self.requests: list[Received] = []
        self._condition = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver._condition:
                    receiver.requests.append(Received(self.path, dict(self.headers), body,
                                                      time.monotonic()))
                    receiver._condition.notify_all()
                payload = b'{"ok": true}'
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def matching(self, predicate: Callable[[Received], bool]) -> list[Received]:
        with self._condition:
            return [request for request in self.requests if predicate(request)]

    def wait_for(self, predicate: Callable[[Received], bool], count: int = 1,
                 timeout: float = 60) -> list[Received]:
        """Wait until ``count`` recorded requests match; return them (fails after timeout)."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                found = [request for request in self.requests if predicate(request)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} matching request(s) within {timeout} s, got "
                        f"{len(found)}; all received: "
                        f"{[(r.path, r.body[:200]) for r in self.requests]}")
                self._condition.wait(remaining)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def callback_for(message_id: Optional[str]) -> Callable[[Received], bool]:
    """Predicate: an HR callback answering ``message_id``."""
    def predicate(request: Received) -> bool:
        try:
            return request.json().get("in_reply_to") == message_id
        except (ValueError, AttributeError):
            return False
    return predicate
