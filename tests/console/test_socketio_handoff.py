"""The widget's channel end to end: a socket.io user asks for a conseiller, an advisor (logged in
through the console's form over HTTP) takes the ticket and replies; the socket.io client receives
both live, in its room."""
from __future__ import annotations

import queue
import re
import uuid
from urllib.parse import urlencode

import socketio

from tests.console.conftest import make_advisor
from tests.console.test_console_access import _login_form_token, _post_login, raw
from tests.servers import socketio_session


def next_of_type(events: "queue.Queue[dict]", kind: str, timeout: float = 30) -> dict:
    while True:
        data = events.get(timeout=timeout)
        if data.get("type") == kind:
            return data


def test_socketio_user_gets_the_advisor_live(stack):
    make_advisor(stack, "sio-advisor", "mot de passe socket", name="Inès Robert")
    cookie, token = _login_form_token(stack)
    status, headers, _ = _post_login(stack, cookie, token, "sio-advisor", "mot de passe socket")
    assert status == 303
    session = headers["set-cookie"].split(";")[0]
    raw("GET", f"{stack.web_url}/console/api/queue", headers={"Cookie": session})  # online

    received: "queue.Queue[dict]" = queue.Queue()
    confirmed: "queue.Queue[str]" = queue.Queue()
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", lambda data: received.put(data))
    client.on("session_confirm", lambda data: confirmed.put(data))
    client.connect(stack.rasa_url, transports=["polling"])
    try:
        session_id = socketio_session(client)["session_id"]
        client.emit("user_uttered", {"message": "je voudrais parler à un conseiller",
                                     "session_id": session_id})
        queued = next_of_type(received, "handoff")
        assert queued["status"] == "queued" and queued.get("mode") == "live"
        ticket = queued["ticket_id"]

        status, _, page = raw("GET", f"{stack.web_url}/console/tickets/{ticket}",
                              headers={"Cookie": session})
        assert status == 200 and "Widget web (socket.io)" in page  # the channel label of bot/channels/registry.py
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        form = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": session}
        status, _, _ = raw("POST", f"{stack.web_url}/console/tickets/{ticket}/take",
                           urlencode({"csrf_token": csrf}).encode(), form)
        assert status == 303
        joined = next_of_type(received, "handoff")
        assert joined["status"] == "advisor_joined" and "Inès Robert" in joined["message"]

        status, _, _ = raw("POST", f"{stack.web_url}/console/tickets/{ticket}/reply",
                           urlencode({"csrf_token": csrf, "text": "Bonjour, c'est Inès."}).encode(), form)
        assert status == 303
        assert next_of_type(received, "advisor_message") == {
            "type": "advisor_message", "advisor": "Inès Robert", "text": "Bonjour, c'est Inès."}

        status, _, _ = raw("POST", f"{stack.web_url}/console/tickets/{ticket}/close",
                           urlencode({"csrf_token": csrf, "outcome": "Réponse apportée"}).encode(), form)
        assert status == 303
        assert next_of_type(received, "handoff")["status"] == "closed"
    finally:
        client.disconnect()
