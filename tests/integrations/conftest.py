"""HR integration fixtures: local callback receivers and the integrations file of the stack.

The stack (tests/conftest.py) is shared by the whole session; its ``INTEGRATIONS_FILE`` points
under its temporary directory and the HR channel re-reads that file when it changes, so the
file is written here, once, without touching other tests.
"""
from __future__ import annotations

import itertools
import json
import os
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

from bot.channels import signing
from tests.integrations.receiver import Receiver, callback_for
from tests.servers import free_port

SECRETS = {
    "acme": "acme-test-secret-0123456789abcdef",
    "beta": "beta-test-secret-0123456789abcdef",
    "down": "down-test-secret-0123456789abcdef",
    "client": "client-test-secret-0123456789abcdef",
}
EMPLOYERS = {
    "acme": {"sector": "prive_non_agricole", "size": 250, "contributes": True},
    "beta": {"sector": "prive_non_agricole", "size": 40, "contributes": True},
    "down": {"sector": "prive_non_agricole", "size": 12, "contributes": True},
    "client": {"sector": "prive_non_agricole", "size": 250, "contributes": True},
}


def raw_post(url: str, data: bytes, headers: Optional[dict] = None,
             timeout: float = 30) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            raw, status = reply.read(), reply.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


@dataclass
class HR:
    stack: Any
    receivers: dict
    client_port: int
    counter: Any = field(default_factory=lambda: itertools.count(1))

    @property
    def webhook_url(self) -> str:
        return f"{self.stack.rasa_url}/webhooks/hr/webhook"

    def new_sender(self, prefix: str = "employee") -> str:
        return f"{prefix}-{uuid.uuid4().hex[:10]}"

    def new_message_id(self) -> str:
        return f"msg-{next(self.counter)}-{uuid.uuid4().hex[:8]}"

    def post(self, body: Any, secret: Optional[str] = None, timestamp: Optional[float] = None,
             raw: Optional[bytes] = None, headers: Optional[dict] = None) -> tuple[int, Any]:
        """POST a body to the HR webhook, signed with ``secret`` when one is given."""
        data = raw if raw is not None else json.dumps(body).encode()
        all_headers = dict(headers or {})
        if secret is not None:
            all_headers.update(signing.sign(secret, data, now=timestamp))
        return raw_post(self.webhook_url, data, all_headers)

    def send(self, integration: str, sender: str, message: str,
             metadata: Optional[dict] = None, message_id: Optional[str] = None) -> str:
        """Send a correctly signed message; assert 202; return its message_id."""
        message_id = message_id or self.new_message_id()
        body = {"integration": integration, "message_id": message_id, "sender": sender,
                "message": message}
        if metadata is not None:
            body["metadata"] = metadata
        status, answer = self.post(body, SECRETS[integration])
        assert status == 202, (status, answer)
        return message_id

    def reply(self, integration: str, message_id: str, timeout: float = 90) -> dict:
        """The verified callback answering ``message_id`` (exactly one)."""
        receiver = self.receivers[integration]
        [delivery] = receiver.wait_for(callback_for(message_id), timeout=timeout)
        signing.verify(SECRETS[integration], delivery.headers, delivery.body)
        return delivery.json()

    def say(self, integration: str, sender: str, message: str, **kwargs: Any) -> list[dict]:
        """Send a message and return the messages of its callback."""
        message_id = self.send(integration, sender, message, **kwargs)
        return self.reply(integration, message_id)["messages"]


def write_integrations(path: Path, callbacks: dict) -> None:
    entries = [{"id": name, "secret": SECRETS[name], "callback_url": url,
                "employer": EMPLOYERS[name]} for name, url in callbacks.items()]
    temporary = path.with_suffix(".tmp")
    temporary.write_text(yaml.safe_dump(entries, sort_keys=False))
    os.replace(temporary, path)


@pytest.fixture(scope="session")
def hr(stack):
    receivers = {"acme": Receiver(), "beta": Receiver(), "down": Receiver(status=503)}
    client_port = free_port()
    callbacks = {name: f"{receiver.url}/callback" for name, receiver in receivers.items()}
    callbacks["client"] = f"http://127.0.0.1:{client_port}/callback"
    write_integrations(Path(stack.env["INTEGRATIONS_FILE"]), callbacks)
    helper = HR(stack=stack, receivers=receivers, client_port=client_port)
    # The channel re-reads the file (changed size/mtime) on the next request: an unknown
    # integration answers like a bad signature (401), so nothing to poll for here.
    yield helper
    for receiver in receivers.values():
        receiver.close()
