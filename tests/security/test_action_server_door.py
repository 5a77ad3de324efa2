"""The action server: only the Rasa server (with the shared secret) may run actions."""
from __future__ import annotations

import json
import socket
import zlib

import pytest

from tests.security.helpers import post_json, raw

CALL = {"next_action": "action_answer", "sender_id": "forged", "tracker": {
    "sender_id": "forged", "slots": {}, "latest_message": {"text": "x"}, "events": []},
    "domain": {}, "version": "3.6.21"}


def test_an_anonymous_webhook_call_is_refused(stack):
    status, answer = post_json(f"{stack.actions_url}/webhook", CALL)
    assert status == 401


def test_a_wrong_secret_is_refused(stack):
    status, _ = post_json(f"{stack.actions_url}/webhook", CALL,
                          {"Authorization": "Bearer not-the-secret"})
    assert status == 401


def test_the_action_list_is_not_given_to_anonymous_callers(stack):
    status, _, _ = raw("GET", f"{stack.actions_url}/actions")
    assert status == 401


def test_a_deflate_bomb_is_refused_after_a_bounded_decompression(stack):
    bomb = zlib.compress(b'{"next_action": "' + b"a" * (64 * 1024 * 1024) + b'"}', 9)
    status, _, _ = raw("POST", f"{stack.actions_url}/webhook", bomb, {
        "Content-Type": "application/json", "Content-Encoding": "deflate",
        "Authorization": f"Bearer {stack.env['ACTIONS_TOKEN']}"})
    assert status == 413
    assert raw("GET", f"{stack.actions_url}/health")[0] == 200


def test_a_body_that_is_not_an_action_call_gets_a_400(stack):
    status, _ = post_json(f"{stack.actions_url}/webhook", [1, 2],
                          {"Authorization": f"Bearer {stack.env['ACTIONS_TOKEN']}"})
    assert status == 400


def _outside_address() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            return probe.getsockname()[0]
        except OSError:
            return ""


def test_the_action_server_does_not_listen_on_other_interfaces(stack):
    address = _outside_address()
    if not address or address.startswith("127."):
        pytest.skip("this machine has no non-loopback address")
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex((address, int(stack.env["ACTIONS_PORT"]))) != 0


def test_the_conversation_still_runs_actions_with_the_secret(stack):
    status, answer = post_json(f"{stack.rasa_url}/webhooks/rest/webhook",
                               {"sender": "actions-secret-check", "message": "Bonjour"})
    assert status == 200 and any("Bonjour" in (m.get("text") or "") for m in answer), answer
