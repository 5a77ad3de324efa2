"""HR webhook: unknown integrations, replays after a restart, callbacks to internal addresses."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.channels import signing
from bot.channels.callback_safety import UnsafeCallback, check_callback_url
from bot.channels.hr import CallbackSender, ReplayGuard
from bot.channels.integrations import Employer, Integration
from tests.integrations.conftest import hr  # noqa: F401 - the stack's integrations file
from tests.integrations.receiver import Receiver
from tests.security.helpers import post_json
from tests.servers import ROOT


def test_an_unknown_integration_gets_the_answer_of_a_bad_signature(stack, hr):  # noqa: F811
    url = f"{stack.rasa_url}/webhooks/hr/webhook"
    body = json.dumps({"integration": "nobody-here", "message_id": "m1", "sender": "s",
                       "message": "x"}).encode()
    unknown = post_json(url, body, signing.sign("a-guess-of-the-secret-123", body))
    known_body = body.replace(b"nobody-here", b"acme")
    known = post_json(url, known_body, signing.sign("a-guess-of-the-secret-123", known_body))
    assert unknown[0] == known[0] == 401
    assert unknown[1] == known[1]


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'replay.db'}"
    subprocess.run([sys.executable, "-m", "bot.tools.migrate"], cwd=ROOT, check=True,
                   env={"DATABASE_URL": url, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                   stdout=subprocess.DEVNULL)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    return url


def test_a_replayed_message_id_is_refused_after_a_restart(database):
    async def scenario():
        before_restart = ReplayGuard(window_s=3600)
        assert await before_restart.first_time("acme", "captured-1")
        after_restart = ReplayGuard(window_s=3600)  # a new process: nothing in memory
        return await after_restart.first_time("acme", "captured-1")
    assert asyncio.run(scenario()) is False


def test_replay_ids_are_shared_through_redis_db_7(monkeypatch):
    import socket
    import uuid
    with socket.socket() as sock:
        sock.settimeout(1)
        if sock.connect_ex(("127.0.0.1", 6379)) != 0:
            pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setenv("LOCK_STORE_URL", "redis://127.0.0.1:6379/7")
    monkeypatch.setenv("LOCK_STORE_PREFIX", f"sec{uuid.uuid4().hex[:8]}")

    async def scenario():
        first, second = ReplayGuard(window_s=60), ReplayGuard(window_s=60)
        try:
            return await first.first_time("acme", "r1"), await second.first_time("acme", "r1")
        finally:
            await first._redis.close()
            await second._redis.close()
    assert asyncio.run(scenario()) == (True, False)


@pytest.mark.parametrize("url", [
    "http://10.1.2.3/cb", "http://192.168.0.10/cb", "http://172.16.5.5/cb",
    "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/cb", "http://[fd00::1]/cb",
    "http://0.0.0.0/cb", "http://[::ffff:10.0.0.1]/cb"])
def test_callbacks_to_private_or_link_local_addresses_are_refused_even_when_local_is_allowed(
        url, monkeypatch):
    monkeypatch.setenv("HR_ALLOW_LOCAL_CALLBACKS", "1")
    with pytest.raises(UnsafeCallback):
        check_callback_url(url)


def test_a_loopback_callback_is_refused_by_default(monkeypatch):
    monkeypatch.delenv("HR_ALLOW_LOCAL_CALLBACKS", raising=False)
    with pytest.raises(UnsafeCallback):
        check_callback_url("http://127.0.0.1:8080/cb")


def test_a_name_resolving_to_loopback_is_refused_by_default(monkeypatch):
    monkeypatch.delenv("HR_ALLOW_LOCAL_CALLBACKS", raising=False)
    with pytest.raises(UnsafeCallback):
        check_callback_url("http://localhost:8080/cb")


def test_loopback_is_allowed_for_local_tests(monkeypatch):
    monkeypatch.setenv("HR_ALLOW_LOCAL_CALLBACKS", "1")
    assert check_callback_url("http://127.0.0.1:8080/cb") == ["127.0.0.1"]


def test_a_callback_is_never_sent_to_a_private_address(monkeypatch, caplog):
    monkeypatch.delenv("HR_ALLOW_LOCAL_CALLBACKS", raising=False)
    receiver = Receiver()
    try:
        integration = Integration("acme", "x" * 20, f"{receiver.url}/cb", Employer())

        async def scenario():
            sender = CallbackSender(1, 0.01, 0.01, 2)
            try:
                return await sender.deliver(integration, {"a": 1}, "k")
            finally:
                await sender.close()
        assert asyncio.run(scenario()) is False
        assert receiver.requests == []
        assert "refused" in caplog.text
    finally:
        receiver.close()


def test_a_redirect_is_not_followed(monkeypatch):
    monkeypatch.setenv("HR_ALLOW_LOCAL_CALLBACKS", "1")
    target = Receiver()

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.send_response(307)
            self.send_header("Location", f"{target.url}/stolen")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        integration = Integration("acme", "x" * 20,
                                  f"http://127.0.0.1:{server.server_address[1]}/cb", Employer())

        async def scenario():
            sender = CallbackSender(1, 0.01, 0.01, 2)
            try:
                return await sender.deliver(integration, {"a": 1}, "k")
            finally:
                await sender.close()
        assert asyncio.run(scenario()) is False
        assert target.requests == []
    finally:
        server.shutdown()
        target.close()
