"""The cluster (`make cluster`) as users and operators meet it: concurrent conversations through
the balancer, an advisor on another web app and replica, replicas killed during the load,
Redis stopped, PostgreSQL cut during the load. One cluster for the whole module."""
from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import time

import pytest
import requests

from bot.channels import registry, signing
from tests.cluster.clients import Widget, csrf_of, rest_conversation, turns, widget_conversation
from tests.cluster.conftest import HR_SECRET
from tests.servers import http_json

pytestmark = pytest.mark.servers


def run(coroutine):
    return asyncio.run(coroutine)


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def assert_stored_once_in_order(cluster, outcomes) -> None:
    for outcome in outcomes:
        stored = cluster.user_texts(outcome.sender)
        assert stored == outcome.sent, (outcome.sender, stored, outcome.sent)


# -- load ------------------------------------------------------------------------------------
def test_30_concurrent_conversations_are_all_answered_and_stored_once_in_order(cluster):
    async def load():
        rest = [rest_conversation(cluster.rasa_url, s, turns(s))
                for s in (new_id("rest") for _ in range(15))]
        sio = [widget_conversation(cluster.rasa_url, new_id("widget")) for _ in range(15)]
        return await asyncio.gather(*rest, *sio)

    outcomes = run(load())
    unanswered = [(o.sender, o.sent[i]) for o in outcomes for i, n in enumerate(o.answered) if not n]
    assert not unanswered
    assert_stored_once_in_order(cluster, outcomes)


def test_widgets_are_spread_over_both_rasa_replicas(cluster):
    async def open_some():
        widgets = [Widget(cluster.rasa_url) for _ in range(6)]
        for widget in widgets:
            await widget.open()
        cookies = {w.server_cookie() for w in widgets}
        for widget in widgets:
            await widget.close()
        return cookies

    assert run(open_some()) == {"rasa-1", "rasa-2"}


# -- advisors across replicas ----------------------------------------------------------------
def console_session(cluster, web: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{web}/console/login", timeout=30)
    answer = session.post(f"{web}/console/login", data={
        "csrf_token": csrf_of(page.text), "next": "/console/", "login": "camille",
        "password": "mot-de-passe-de-test-1"}, timeout=30)
    assert answer.status_code == 200 and "Camille" in answer.text, answer.status_code
    return session


def test_an_advisor_on_web_app_2_reaches_a_widget_held_by_rasa_replica_1(cluster):
    from bot.storage import tickets

    async def scenario():
        widget = Widget(cluster.rasa_url, replica="rasa-1")
        await widget.open()
        sender = widget.session_id
        assert widget.server_cookie() == "rasa-1"
        assert await widget.turn("Bonjour") > 0
        ticket, _ = await asyncio.to_thread(tickets.open_ticket, sender, "socketio",
                                            "test de relais", url=cluster.direct_database_url)
        web2 = cluster.url_of("web-2")
        console = await asyncio.to_thread(console_session, cluster, web2)
        page = await asyncio.to_thread(console.get, f"{web2}/console/tickets/{ticket.id}",
                                       timeout=30)
        reply = await asyncio.to_thread(
            console.post, f"{web2}/console/tickets/{ticket.id}/reply",
            data={"csrf_token": csrf_of(page.text),
                  "text": "Bonjour, je suis Camille, je regarde votre dossier."}, timeout=60)
        assert reply.status_code == 200
        message = await widget.wait_for(lambda m: m.get("type") == "advisor_message")
        await widget.close()
        return message

    message = run(scenario())
    assert message["text"] == "Bonjour, je suis Camille, je regarde votre dossier."
    assert message["advisor"] == "Camille Martin"


def test_a_push_made_on_rasa_replica_2_reaches_a_widget_on_replica_1(cluster):
    async def scenario():
        widget = Widget(cluster.rasa_url, replica="rasa-1")
        await widget.open()
        sender = widget.session_id
        status, answer = await asyncio.to_thread(
            http_json, "POST", f"{cluster.url_of('rasa-2')}/webhooks/socketio/advisor_push",
            {"sender": sender, "messages": [{"text": "Message d'un conseiller"}]},
            {"Authorization": f"Bearer {cluster.token}"})
        assert (status, answer) == (200, {"delivered": 1})
        message = await widget.wait_for(lambda m: m.get("text") == "Message d'un conseiller")
        await widget.close()
        return message

    assert run(scenario())["text"] == "Message d'un conseiller"


# -- every registered channel carries an advisor message ---------------------------------------
def append_user_event(cluster, sender: str, channel: str, metadata: dict) -> None:
    status, answer = http_json(
        "POST", f"{cluster.rasa_url}/conversations/{sender}/tracker/events?token={cluster.token}",
        [{"event": "user", "text": "Bonjour", "input_channel": channel, "metadata": metadata,
          "parse_data": {"intent": {"name": "saluer", "confidence": 1.0}, "entities": []}}])
    assert status == 200, answer


def push(cluster, channel: str, sender: str, text: str) -> tuple:
    return http_json("POST", f"{cluster.rasa_url}{registry.get(channel).push_path}",
                     {"sender": sender, "messages": [{"text": text}]},
                     {"Authorization": f"Bearer {cluster.token}"})


@pytest.mark.parametrize("channel", registry.names())
def test_an_advisor_message_reaches_the_user_of_every_registered_channel(cluster, channel):
    text = f"Votre conseillère vous répond ({channel})"
    if channel == "rest":
        sender = new_id("rest-push")
        assert push(cluster, channel, sender, text) == (200, {"delivered": 1})
        status, pending = http_json("POST", f"{cluster.rasa_url}/webhooks/rest/poll",
                                    {"sender": sender})
        assert status == 200 and [m.get("text") for m in pending] == [text]
    elif channel == "socketio":
        async def scenario():
            widget = Widget(cluster.rasa_url)
            await widget.open()
            assert push(cluster, channel, widget.session_id, text)[0] == 200
            found = await widget.wait_for(lambda m: m.get("text") == text)
            await widget.close()
            return found
        assert run(scenario())["text"] == text
    elif channel == "hr":
        sender = f"hr:acme:{new_id('employee')}"
        assert push(cluster, channel, sender, text) == (200, {"delivered": 1})
        delivery = cluster.receivers["hr"].wait_for(
            lambda r: r.json().get("sender") == sender.split(":", 2)[2])[0]
        signing.verify(HR_SECRET, delivery.headers, delivery.body)
        assert delivery.json()["in_reply_to"] is None
        assert [m["text"] for m in delivery.json()["messages"]] == [text]
    elif channel == "slack":
        sender = new_id("U")
        append_user_event(cluster, sender, "slack", {"out_channel": "D0TEST", "users": [sender]})
        assert push(cluster, channel, sender, text) == (200, {"delivered": 1})
        call = cluster.receivers["slack"].wait_for(lambda r: r.path.endswith("chat.postMessage")
                                                   and r.json().get("text") == text)[0]
        assert call.json()["channel"] == "D0TEST"
    elif channel == "botframework":
        sender = new_id("teams-user")
        service = cluster.receivers["teams"].url + "/"
        append_user_event(cluster, sender, "botframework", {"botframework": {
            "conversation": {"id": "conv-1"}, "recipient": {"id": "bot-1", "name": "Assistant"},
            "service_url": service}})
        assert push(cluster, channel, sender, text) == (200, {"delivered": 1})
        activity = cluster.receivers["teams"].wait_for(
            lambda r: r.path.endswith("/conversations/conv-1/activities"))[0].json()
        assert activity["text"] == text and activity["recipient"]["id"] == sender
    else:  # a channel added to the registry must get its case here
        pytest.fail(f"no delivery check for the registered channel {channel!r}")


def test_an_hr_conversation_gets_its_callbacks_in_order_from_the_durable_outbox(cluster):
    sender = new_id("emp")
    ids = []
    for number in range(3):
        body = {"integration": "acme", "message_id": new_id("m"), "sender": sender,
                "message": ["Bonjour", "Je suis apprentie", "J'ai 20 ans"][number]}
        raw = json.dumps(body).encode()
        answer = requests.post(f"{cluster.rasa_url}/webhooks/hr/webhook", data=raw, timeout=30,
                               headers={"Content-Type": "application/json",
                                        **signing.sign(HR_SECRET, raw)})
        assert answer.status_code == 202, answer.text
        ids.append(body["message_id"])
        cluster.receivers["hr"].wait_for(lambda r: r.json().get("in_reply_to") == ids[-1],
                                         timeout=120)
    received = [r.json()["in_reply_to"] for r in cluster.receivers["hr"].requests
                if r.json().get("sender") == sender]
    assert received == ids


def test_a_turn_sent_again_with_the_same_request_id_is_answered_once_and_stored_once(cluster):
    """What HAProxy does when a replica dies after storing a turn but before answering."""
    sender = new_id("replay")
    headers = {"X-Request-Id": new_id("req")}
    url = f"{cluster.rasa_url}/webhooks/rest/webhook"
    body = {"sender": sender, "message": "Bonjour"}
    first = http_json("POST", url, body, headers)
    again = http_json("POST", cluster.url_of("rasa-2") + "/webhooks/rest/webhook", body, headers)
    assert first[0] == again[0] == 200 and first[1]
    shown = lambda answer: [(m.get("text"), m.get("buttons")) for m in answer]  # noqa: E731
    assert shown(again[1]) == shown(first[1])
    assert cluster.user_texts(sender) == ["Bonjour"]


# -- replicas killed during the load ----------------------------------------------------------
@pytest.fixture(scope="module")
def killed_during_load(cluster):
    """Ten REST conversations and one idle widget on rasa-1; rasa-1 and actions-1 get kill -9
    once about a fifth of the turns are answered."""
    before = {name: cluster.replica(name)["restarts"] for name in ("rasa-1", "actions-1")}
    pids = {name: cluster.replica(name)["pid"] for name in before}

    async def scenario():
        widget = Widget(cluster.rasa_url, replica="rasa-1")
        await widget.open()
        first = await widget.turn("Bonjour")
        progress: list = []
        senders = [new_id("killed") for _ in range(10)]
        load = asyncio.gather(*(rest_conversation(cluster.rasa_url, s, turns(s),
                                                  progress=progress) for s in senders))
        while len(progress) < 20:
            await asyncio.sleep(0.2)
        for pid in pids.values():
            os.kill(pid, signal.SIGKILL)
        outcomes = await load
        second = await widget.turn("Je suis apprentie")
        widget_state = {"sender": widget.session_id, "first": first, "second": second,
                        "connections": widget.connections, "cookie": widget.server_cookie()}
        await widget.close()
        return outcomes, widget_state

    outcomes, widget_state = run(scenario())
    return {"outcomes": outcomes, "widget": widget_state, "before": before}


def test_after_kill_9_of_a_rasa_and_an_action_server_every_message_is_answered(killed_during_load):
    outcomes = killed_during_load["outcomes"]
    assert [(o.sender, i) for o in outcomes for i, n in enumerate(o.answered) if not n] == []


def test_after_kill_9_every_user_message_is_stored_once_in_order(cluster, killed_during_load):
    assert_stored_once_in_order(cluster, killed_during_load["outcomes"])


def test_killed_replicas_are_replaced_and_healthy_again(cluster, killed_during_load):
    cluster.wait_healthy(timeout=600, since_restarts=killed_during_load["before"])
    status, _ = http_json("GET", f"{cluster.url_of('rasa-1')}/", timeout=10)
    assert status == 200


def test_a_widget_whose_replica_died_reconnects_and_keeps_its_conversation(cluster,
                                                                          killed_during_load):
    state = killed_during_load["widget"]
    assert state["connections"] >= 2 and state["first"] > 0 and state["second"] > 0
    assert cluster.user_texts(state["sender"]) == ["Bonjour", "Je suis apprentie"]


# -- stores failing ---------------------------------------------------------------------------
def test_with_redis_stopped_a_message_gets_a_clear_error_and_the_conversation_stays_whole(cluster):
    sender = new_id("redis")
    assert cluster.say(sender, "Bonjour")
    cluster.redis_proxy.cut()
    try:
        status, answer = http_json("POST", f"{cluster.rasa_url}/webhooks/rest/webhook",
                                   {"sender": sender, "message": "Je suis apprentie"}, timeout=120)
    finally:
        cluster.redis_proxy.restore()
    assert status == 503 and "indisponible" in answer["error"], (status, answer)
    assert cluster.say(sender, "J'ai 20 ans")
    assert cluster.user_texts(sender) == ["Bonjour", "J'ai 20 ans"]


def test_postgresql_cut_during_load_keeps_no_answered_turn_only_in_memory(cluster):
    """Each turn is either refused (5xx) or answered and stored: never answered but lost."""
    senders = [new_id("pg") for _ in range(4)]
    answered: dict = {s: [] for s in senders}

    async def one(sender):
        import aiohttp
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=150)) as session:
            for text in turns(sender, 8):
                async with session.post(f"{cluster.rasa_url}/webhooks/rest/webhook",
                                        json={"sender": sender, "message": text}) as reply:
                    if reply.status == 200 and await reply.json():
                        answered[sender].append(text)
                await asyncio.sleep(0.5)

    async def scenario():
        load = asyncio.gather(*(one(s) for s in senders))
        await asyncio.sleep(4)
        cluster.pg_proxy.cut()
        await asyncio.sleep(12)
        cluster.pg_proxy.restore()
        await load

    run(scenario())
    for sender in senders:
        assert cluster.user_texts(sender) == answered[sender], sender
    assert any(len(a) < 8 for a in answered.values()), "the cut refused no turn at all"
