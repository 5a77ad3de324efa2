"""The HR channel's parts without the servers: replay memory, callback retries, metadata."""
from __future__ import annotations

import asyncio

import pytest

from bot.channels import signing
from bot.channels.hr import CallbackSender, HRInput, ReplayGuard, split_conversation_id
from bot.channels.integrations import Employer, Integration
from tests.integrations.receiver import Receiver
from tests.servers import free_port

SECRET = "unit-test-secret-0123456789"


def integration(url: str) -> Integration:
    return Integration(id="acme", secret=SECRET, callback_url=url,
                       employer=Employer("prive_non_agricole", 250, True))


def test_a_message_id_is_seen_once_per_integration_within_the_window():
    async def scenario():
        guard = ReplayGuard(window_s=3600, persistent=False)
        assert await guard.first_time("acme", "m1")
        assert not await guard.first_time("acme", "m1")
        assert await guard.first_time("beta", "m1")
        expired = ReplayGuard(window_s=-1, persistent=False)  # every id is already out of the window
        assert await expired.first_time("acme", "m1") and await expired.first_time("acme", "m1")
        bounded = ReplayGuard(window_s=3600, max_entries=3, persistent=False)
        for n in range(4):
            assert await bounded.first_time("acme", f"m{n}")
        assert len(bounded._seen) <= 3
        assert await bounded.first_time("acme", "m0")  # the oldest was forgotten
        assert not await bounded.first_time("acme", "m3")
    asyncio.run(scenario())


@pytest.fixture(autouse=True)
def local_callbacks(monkeypatch):
    """The receivers of these tests listen on loopback, refused unless allowed."""
    monkeypatch.setenv("HR_ALLOW_LOCAL_CALLBACKS", "1")


def deliver(sender: CallbackSender, url: str, body: dict) -> bool:
    async def scenario():
        try:
            return await sender.deliver(integration(url), body, order_key="hr:acme:x")
        finally:
            await sender.close()
    return asyncio.run(scenario())


def test_a_5xx_callback_is_retried_the_configured_number_of_times_then_given_up(caplog):
    receiver = Receiver(status=503)
    try:
        ok = deliver(CallbackSender(3, 0.01, 0.02, 5), f"{receiver.url}/cb",
                     {"in_reply_to": "m1", "messages": []})
        assert ok is False
        assert len(receiver.requests) == 3
        for request in receiver.requests:
            signing.verify(SECRET, request.headers, request.body)
        assert "given up after 3 tries (integration=acme in_reply_to=m1)" in caplog.text
    finally:
        receiver.close()


def test_a_4xx_callback_is_not_retried_and_a_2xx_is_delivered_once():
    refusing, accepting = Receiver(status=401), Receiver()
    try:
        assert deliver(CallbackSender(4, 0.01, 0.02, 5), f"{refusing.url}/cb", {}) is False
        assert len(refusing.requests) == 1
        assert deliver(CallbackSender(4, 0.01, 0.02, 5), f"{accepting.url}/cb", {"a": 1})
        assert [r.json() for r in accepting.requests] == [{"a": 1}]
    finally:
        refusing.close()
        accepting.close()


def test_a_refused_connection_is_retried_then_given_up(caplog):
    url = f"http://127.0.0.1:{free_port()}/cb"  # nothing listens there
    assert deliver(CallbackSender(2, 0.01, 0.02, 5), url, {"in_reply_to": "m9"}) is False
    assert "try 1 of 2" in caplog.text and "given up after 2 tries" in caplog.text


def test_metadata_gets_the_declared_employer_which_wins_field_by_field():
    body = {"message_id": "m1", "sender": "s1",
            "metadata": {"employer": {"sector": "public", "size": 3, "siret": "x"}, "lang": "fr"}}
    metadata = HRInput._metadata(integration("http://x/cb"), body)
    assert metadata["employer"] == {"sector": "prive_non_agricole", "size": 250,
                                    "contributes": True, "siret": "x"}
    assert metadata["lang"] == "fr"
    assert metadata["hr"] == {"integration": "acme", "message_id": "m1", "sender": "s1"}
    assert body["metadata"]["employer"]["sector"] == "public"  # the request is not modified


def test_conversation_ids_are_namespaced_by_integration():
    assert split_conversation_id("hr:acme:jean.dupont@acme.fr") == ("acme", "jean.dupont@acme.fr")
    assert split_conversation_id("hr:acme:a:b") == ("acme", "a:b")
    assert split_conversation_id("rest-123") is None
    assert split_conversation_id("hr::x") is None


def _redis_reachable() -> bool:
    import socket
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


def test_replicas_sharing_redis_answer_a_message_id_once(monkeypatch):
    """With LOCK_STORE_URL on Redis, two Rasa servers share the ids they have seen."""
    import uuid

    import pytest
    if not _redis_reachable():
        pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setenv("LOCK_STORE_URL", "redis://127.0.0.1:6379/7")
    monkeypatch.setenv("LOCK_STORE_PREFIX", f"test-{uuid.uuid4().hex[:8]}")

    async def scenario():
        first, second = ReplayGuard(window_s=60), ReplayGuard(window_s=60)
        assert first._redis is not None
        assert await first.first_time("acme", "m1")
        assert not await second.first_time("acme", "m1")  # the other replica saw it
        assert await second.first_time("beta", "m1")      # per integration
        await first._redis.close()
        await second._redis.close()
    asyncio.run(scenario())
