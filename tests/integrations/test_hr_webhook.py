"""The HR webhook against the real Rasa server: refusals, replays, callbacks, advisor pushes."""
from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import create_engine, text

from bot.channels import signing
from tests.integrations.conftest import EMPLOYERS, SECRETS, raw_post
from tests.integrations.receiver import callback_for


def stored_events(stack, sender_id: str) -> list[dict]:
    """Every event of ``sender_id`` in the tracker store database."""
    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
                {"s": sender_id}).fetchall()
    finally:
        engine.dispose()
    return [{"type": row[0], **json.loads(row[1])} for row in rows]


def body(integration="acme", sender="x", message="bonjour", **extra) -> dict:
    return {"integration": integration, "message_id": f"id-{time.time_ns()}", "sender": sender,
            "message": message, **extra}


def test_refused_requests_get_a_clear_4xx_and_store_nothing(hr):
    refused = {}

    def check(name, status, answer, expected_status, field=None):
        refused[name] = answer
        assert status == expected_status, (name, status, answer)
        assert isinstance(answer, dict) and answer.get("message"), (name, answer)
        if field:
            assert answer.get("field") == field, (name, answer)

    senders = {name: hr.new_sender(name) for name in (
        "badsig", "old", "future", "unsigned", "malformed", "missing", "extra", "wrongtype",
        "unknown", "large", "badsender")}
    s = senders
    check("badsig", *hr.post(body(sender=s["badsig"]), SECRETS["beta"]), 401)
    check("old", *hr.post(body(sender=s["old"]), SECRETS["acme"], timestamp=time.time() - 301),
          401)
    check("future", *hr.post(body(sender=s["future"]), SECRETS["acme"],
                             timestamp=time.time() + 600), 401)
    check("unsigned", *hr.post(body(sender=s["unsigned"])), 401)
    malformed = b'{"integration": "acme", "sender": "' + s["malformed"].encode() + b'", "mess'
    check("malformed", *hr.post(None, SECRETS["acme"], raw=malformed), 400)
    without_id = body(sender=s["missing"])
    del without_id["message_id"]
    check("missing", *hr.post(without_id, SECRETS["acme"]), 400, "message_id")
    check("extra", *hr.post(body(sender=s["extra"], priority="high"), SECRETS["acme"]), 400,
          "priority")
    check("wrongtype", *hr.post(body(sender=s["wrongtype"], message=["bonjour"]),
                                SECRETS["acme"]), 400, "message")
    check("unknown", *hr.post(body(integration="nobody", sender=s["unknown"]), SECRETS["acme"]),
          401)
    check("large", *hr.post(body(sender=s["large"], metadata={"x": "a" * 70_000}),
                            SECRETS["acme"]), 413)
    check("badsender", *hr.post(body(sender="../" + s["badsender"]), SECRETS["acme"]), 400,
          "sender")
    assert "300 s" in refused["old"]["message"] and "300 s" in refused["future"]["message"]
    assert "X-Timestamp" in refused["unsigned"]["message"]
    assert "JSON" in refused["malformed"]["message"]

    # A correctly signed message sent after them is answered: by then anything the refused
    # requests had started would be in the store too.
    control = hr.new_sender("control")
    assert hr.say("acme", control, "Bonjour")
    assert any(event["type"] == "user" for event in stored_events(hr.stack, f"hr:acme:{control}"))
    for name, sender in senders.items():
        for stored_as in (sender, f"hr:acme:{sender}", f"hr:nobody:{sender}", f"hr:acme:../{sender}"):
            assert stored_events(hr.stack, stored_as) == [], (name, stored_as)
    assert not hr.receivers["acme"].matching(
        lambda r: r.json().get("sender") in senders.values())


def test_replies_are_signed_and_addressed_to_the_hr_sender(hr):
    sender = hr.new_sender()
    message_id = hr.send("acme", sender, "Bonjour")
    delivery = hr.reply("acme", message_id)  # verifies the signature
    assert delivery["integration"] == "acme"
    assert delivery["in_reply_to"] == message_id
    assert delivery["sender"] == sender
    assert delivery["messages"] and all(m["recipient_id"] == sender
                                        for m in delivery["messages"])
    assert any("assistant" in m.get("text", "").lower() for m in delivery["messages"])
    [raw] = hr.receivers["acme"].matching(callback_for(message_id))
    with pytest.raises(signing.SignatureError):
        signing.verify(SECRETS["beta"], raw.headers, raw.body)


def test_a_replayed_message_id_is_answered_once(hr):
    sender = hr.new_sender()
    message_id = hr.send("acme", sender, "Bonjour")
    hr.reply("acme", message_id)
    status, answer = hr.post({"integration": "acme", "message_id": message_id, "sender": sender,
                              "message": "Bonjour"}, SECRETS["acme"])
    assert status == 202 and answer["status"] == "duplicate"
    # The next message is answered; the replay, sent before it, never was.
    hr.reply("acme", hr.send("acme", sender, "merci"))
    assert len(hr.receivers["acme"].matching(callback_for(message_id))) == 1
    user_texts = [e.get("text") for e in stored_events(hr.stack, f"hr:acme:{sender}")
                  if e["type"] == "user"]
    assert user_texts == ["Bonjour", "merci"]
    # Ids are per integration: the same id from another HR system is a new message.
    other = hr.send("beta", sender, "Bonjour", message_id=message_id)
    assert hr.reply("beta", other)["sender"] == sender


def test_two_hr_systems_with_the_same_sender_have_separate_conversations(hr):
    sender = hr.new_sender()
    hr.say("acme", sender, "Bonjour")
    hr.say("beta", sender, "Bonjour")
    acme = stored_events(hr.stack, f"hr:acme:{sender}")
    beta = stored_events(hr.stack, f"hr:beta:{sender}")
    assert [e["metadata"]["employer"] for e in acme if e["type"] == "user"] == [EMPLOYERS["acme"]]
    assert [e["metadata"]["employer"] for e in beta if e["type"] == "user"] == [EMPLOYERS["beta"]]


def test_employer_context_is_added_and_the_declaration_wins(hr):
    sender = hr.new_sender()
    hr.say("acme", sender, "Bonjour", metadata={
        "employer": {"sector": "public", "size": 3}, "locale": "fr-FR"})
    tracker = hr.stack.tracker(f"hr:acme:{sender}")
    [user] = [e for e in tracker["events"] if e["event"] == "user"]
    assert user["metadata"]["employer"] == EMPLOYERS["acme"]
    assert user["metadata"]["locale"] == "fr-FR"
    assert user["input_channel"] == "hr"
    assert tracker["latest_input_channel"] == "hr"


def test_a_failing_callback_is_retried_then_given_up_without_blocking_others(hr):
    down_sender, beta_sender = hr.new_sender("down"), hr.new_sender("beta")
    down_id = hr.send("down", down_sender, "Bonjour")
    beta_id = hr.send("beta", beta_sender, "Bonjour")
    # The working integration gets its reply while the other one is still being retried.
    beta_reply = hr.reply("beta", beta_id)
    assert beta_reply["messages"]
    attempts = hr.receivers["down"].wait_for(callback_for(down_id), count=4, timeout=90)
    beta_delivery = hr.receivers["beta"].matching(callback_for(beta_id))[0]
    assert beta_delivery.at < attempts[-1].at
    for attempt in attempts:  # every attempt is freshly and correctly signed
        signing.verify(SECRETS["down"], attempt.headers, attempt.body)
    deadline = time.monotonic() + 60
    given_up = f"HR callback given up after 4 tries (integration=down in_reply_to={down_id})"
    while given_up not in hr.stack.log_tail("rasa", 2000):
        assert time.monotonic() < deadline, hr.stack.log_tail("rasa", 50)
        time.sleep(0.5)
    assert len(hr.receivers["down"].matching(callback_for(down_id))) == 4
    # The conversation itself went on normally: the next message is handled (and retried).
    assert any(e["type"] == "bot" for e in stored_events(hr.stack, f"hr:down:{down_sender}"))


def test_an_advisor_message_reaches_the_hr_system(hr):
    sender = hr.new_sender()
    hr.say("acme", sender, "Bonjour")
    url = f"{hr.stack.rasa_url}/webhooks/hr/advisor_push"
    message = {"text": "Bonjour, je suis Claire, conseillère. Je regarde votre dossier.",
               "custom": {"type": "advisor_message", "advisor": "Claire",
                          "text": "Bonjour, je suis Claire, conseillère. Je regarde votre dossier."}}
    payload = json.dumps({"sender": f"hr:acme:{sender}", "messages": [message]}).encode()
    status, _ = raw_post(url, payload, {"Authorization": "Bearer wrong"})
    assert status == 401
    status, answer = raw_post(url, json.dumps({"sender": sender, "messages": [message]}).encode(),
                              {"Authorization": f"Bearer {hr.stack.rasa_token}"})
    assert status == 400 and answer["field"] == "sender"
    status, answer = raw_post(url, payload, {"Authorization": f"Bearer {hr.stack.rasa_token}"})
    assert (status, answer) == (200, {"delivered": 1})
    [push] = hr.receivers["acme"].wait_for(
        lambda r: r.json().get("in_reply_to") is None and r.json().get("sender") == sender)
    signing.verify(SECRETS["acme"], push.headers, push.body)
    assert push.json()["messages"] == [{**message, "recipient_id": sender}]
    assert push.json()["integration"] == "acme"
