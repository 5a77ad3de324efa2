"""The widget's channel: socket.io with session persistence delivers replies to a real client.

Guards the known version trap (python-socketio >= 5.10 with Rasa 3.6: replies vanish silently).
"""
import queue
import time

import socketio

from tests.servers import socketio_session


def test_socketio_client_receives_the_greeting(stack):
    client = socketio.Client(reconnection=False)
    replies: "queue.Queue[dict]" = queue.Queue()
    client.on("bot_uttered", lambda data: replies.put(data))
    client.connect(stack.rasa_url, socketio_path="/socket.io", transports=["polling"])
    try:
        session_id = socketio_session(client)["session_id"]
        client.emit("user_uttered", {"message": "bonjour", "session_id": session_id})
        first = replies.get(timeout=30)
        assert "Bonjour" in first.get("text", "")
        # the conversation is stored under the widget's session id (saved at the end of the turn)
        deadline = time.monotonic() + 30
        while True:
            events = stack.tracker(session_id)["events"]
            if any(e["event"] == "user" and e.get("text") == "bonjour" for e in events):
                break
            assert time.monotonic() < deadline, "the user message never reached the tracker store"
            time.sleep(0.3)
    finally:
        client.disconnect()


def test_socketio_reply_reaches_a_reconnected_tab(stack):
    """Session persistence: a second connection with the same session id and its token gets
    the replies."""
    first = socketio.Client(reconnection=False)
    first.connect(stack.rasa_url, transports=["polling"])
    issued = socketio_session(first)
    session_id = issued["session_id"]
    first.disconnect()

    second = socketio.Client(reconnection=False)
    replies: "queue.Queue[dict]" = queue.Queue()
    second.on("bot_uttered", lambda data: replies.put(data))
    second.connect(stack.rasa_url, transports=["polling"])
    try:
        assert socketio_session(second, session_id, issued["token"])["session_id"] == session_id
        second.emit("user_uttered", {"message": "merci", "session_id": session_id})
        assert "plaisir" in replies.get(timeout=30).get("text", "")
    finally:
        second.disconnect()
