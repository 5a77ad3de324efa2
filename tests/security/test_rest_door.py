"""The REST channel as an attacker uses it: malformed, huge, foreign ids, no credentials."""
from __future__ import annotations

import gzip
import json

from tests.security.helpers import gzip_bomb, new_id, raw, rest, still_serving, user_texts


def test_a_sender_with_a_lone_surrogate_is_refused_and_the_server_keeps_serving(stack):
    data = b'{"sender": "x\\ud800y", "message": "bonjour"}'
    status, answer = rest(stack, data)
    assert status == 400 and "sender" in answer["error"]
    assert still_serving(stack)


def test_a_sender_with_a_nul_is_refused(stack):
    status, answer = rest(stack, {"sender": "abc\u0000def", "message": "bonjour"})
    assert status == 400 and answer["field"] == "sender"


def test_a_sender_longer_than_128_characters_is_refused(stack):
    status, answer = rest(stack, {"sender": "a" * 129, "message": "bonjour"})
    assert status == 400 and "128" in answer["error"]


def test_a_message_that_is_not_a_string_gets_a_clear_400_in_french(stack):
    status, answer = rest(stack, {"sender": new_id(), "message": {"text": "bonjour"}})
    assert status == 400 and answer["error"] == "le champ 'message' doit être un texte"


def test_metadata_that_is_not_an_object_gets_a_400(stack):
    status, answer = rest(stack, {"sender": new_id(), "message": "bonjour", "metadata": [1]})
    assert status == 400 and "metadata" in answer["error"]


def test_nan_in_the_body_gets_a_400(stack):
    data = b'{"sender": "nan-test", "message": "bonjour", "metadata": {"employer": {"size": NaN}}}'
    status, answer = rest(stack, data)
    assert status == 400 and "JSON" in answer["error"]


def test_an_employer_size_that_is_not_a_number_gets_a_400(stack):
    status, answer = rest(stack, {"sender": new_id(), "message": "bonjour",
                                  "metadata": {"employer": {"size": "beaucoup"}}})
    assert status == 400 and answer["field"] == "metadata.employer"


def test_a_100_kb_message_gets_a_french_answer_and_never_reaches_the_nlu(stack):
    sender = new_id("long")
    status, answer = rest(stack, {"sender": sender, "message": "logement " * 12_000})
    assert status == 200 and "trop long" in answer[0]["text"] and "5 000" in answer[0]["text"]
    assert not stack.tracker(sender)["events"] or not user_texts(stack, sender)
    assert still_serving(stack)


def test_a_message_of_5000_characters_is_still_read(stack):
    status, answer = rest(stack, {"sender": new_id(), "message": "a" * 5000})
    assert status == 200 and answer and "trop long" not in answer[0].get("text", "")


def test_a_gzip_bomb_is_refused_with_413(stack):
    status, _, _ = raw("POST", f"{stack.rasa_url}/webhooks/rest/webhook", gzip_bomb(),
                       {"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert status == 413
    assert still_serving(stack)


def test_a_small_gzip_body_is_accepted(stack):
    body = gzip.compress(json.dumps({"sender": new_id(), "message": "bonjour"}).encode())
    status, _, content = raw("POST", f"{stack.rasa_url}/webhooks/rest/webhook", body,
                             {"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert status == 200 and json.loads(content)


def test_an_hr_conversation_id_is_refused_on_rest(stack):
    status, answer = rest(stack, {"sender": "hr:acme:jean", "message": "bonjour"})
    assert status == 403


def test_an_hr_conversation_id_is_refused_on_poll(stack):
    status, _ = rest(stack, {"sender": "hr:acme:jean"}, path="poll")
    assert status == 403


def test_a_socketio_id_is_refused_on_poll(stack):
    status, _ = rest(stack, {"sender": "sio-" + "0" * 32}, path="poll")
    assert status == 403


def test_input_channel_is_set_by_the_server(stack):
    sender = new_id("chan")
    status, _ = rest(stack, {"sender": sender, "message": "bonjour", "input_channel": "hr"})
    assert status == 200
    users = [e for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert users and all(e["input_channel"] == "rest" for e in users)


def test_a_caller_behind_a_proxy_needs_the_rest_token(stack):
    status, answer = rest(stack, {"sender": new_id(), "message": "bonjour"},
                          {"X-Forwarded-For": "203.0.113.9"})
    assert status in (401, 403) and "REST_TOKEN" in answer["error"]


def test_a_caller_behind_a_proxy_with_the_rest_token_is_answered(stack):
    status, answer = rest(stack, {"sender": new_id(), "message": "bonjour"},
                          {"X-Forwarded-For": "203.0.113.9",
                           "Authorization": "Bearer test-rest-token"})
    assert status == 200 and answer


def test_a_wrong_rest_token_is_refused(stack):
    status, _ = rest(stack, {"sender": new_id(), "message": "bonjour"},
                     {"Authorization": "Bearer nope"})
    assert status in (401, 403)


def test_a_body_that_is_not_json_gets_a_400_in_french(stack):
    status, answer = rest(stack, b"sender=x&message=y")
    assert status == 400 and "JSON" in answer["error"]
