"""A bounded hypothesis fuzz of each public door: every answer is a clear 2xx/4xx, never a 5xx,
a hang or a stopped server. Bodies are random JSON values, or JSON objects with the expected
keys holding random values."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.helpers import Socket, post_json, raw, still_serving

FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=False), st.text(max_size=60))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)


def bodies(keys: list[str]):
    shaped = st.fixed_dictionaries({}, optional={key: values for key in keys})
    return st.one_of(values, shaped)


def answered_clearly(status: int) -> bool:
    return 200 <= status < 500


@FUZZ
@given(body=bodies(["sender", "message", "metadata", "input_channel"]))
def test_fuzz_rest_webhook(stack, body):
    status, _ = post_json(f"{stack.rasa_url}/webhooks/rest/webhook", body, timeout=120)
    assert answered_clearly(status), (body, status)


@FUZZ
@given(body=bodies(["sender"]))
def test_fuzz_rest_poll(stack, body):
    status, _ = post_json(f"{stack.rasa_url}/webhooks/rest/poll", body)
    assert answered_clearly(status), (body, status)


@FUZZ
@given(body=bodies(["integration", "message_id", "sender", "message", "metadata"]))
def test_fuzz_hr_webhook(stack, body):
    status, _ = post_json(f"{stack.rasa_url}/webhooks/hr/webhook", body)
    assert answered_clearly(status), (body, status)


@FUZZ
@given(body=bodies(["type", "event", "token", "challenge"]))
def test_fuzz_slack_and_teams_webhooks(stack, body):
    for path in ("/webhooks/slack/webhook", "/webhooks/botframework/webhook"):
        status, _ = post_json(f"{stack.rasa_url}{path}", body)
        assert answered_clearly(status), (path, body, status)


@FUZZ
@given(body=bodies(["next_action", "sender_id", "tracker", "domain"]))
def test_fuzz_action_server_with_the_secret(stack, body):
    status, _ = post_json(f"{stack.actions_url}/webhook", body,
                          {"Authorization": f"Bearer {stack.env['ACTIONS_TOKEN']}"})
    assert status != 500 or isinstance(body, dict) and isinstance(body.get("next_action"), str)


@FUZZ
@given(form=st.dictionaries(st.sampled_from(["login", "password", "csrf_token", "next"]),
                            st.text(max_size=200), max_size=4))
def test_fuzz_console_login(stack, form):
    from urllib.parse import urlencode
    status, _, _ = raw("POST", f"{stack.web_url}/console/login", urlencode(form).encode(),
                       {"Content-Type": "application/x-www-form-urlencoded"})
    assert answered_clearly(status), (form, status)


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=bodies(["message", "session_id", "metadata", "token"]))
def test_fuzz_socketio_messages_each_get_an_answer(stack, payload):
    socket = Socket(stack)
    try:
        socket.session()
        socket.client.emit("user_uttered", payload)
        assert socket.received.get(timeout=60) is not None  # never silence
    finally:
        socket.close()


def test_the_server_still_serves_after_the_fuzz(stack):
    assert still_serving(stack)
    json.dumps({})
