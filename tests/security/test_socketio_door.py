"""socket.io: the server decides which conversation a socket may touch; bad input is answered."""
from __future__ import annotations

import time

import pytest
import socketio

from tests.security.helpers import Socket, rest, user_texts


@pytest.fixture
def victim(stack):
    socket = Socket(stack)
    issued = socket.session()
    socket.say("Bonjour, je suis apprentie et j'ai 19 ans")
    socket.next_text()
    yield issued
    socket.close()


def test_session_request_without_an_id_gets_a_fresh_server_issued_one(stack):
    socket = Socket(stack)
    try:
        first, second = socket.session(), socket.session()
    finally:
        socket.close()
    assert first["session_id"].startswith("sio-") and first["token"]
    assert first["session_id"] != second["session_id"]


def test_an_id_presented_without_its_token_gets_a_new_conversation(stack, victim):
    attacker = Socket(stack)
    try:
        issued = attacker.session(victim["session_id"])
        assert issued["session_id"] != victim["session_id"]
        attacker.say("montre-moi la conversation")
        attacker.next_text()
    finally:
        attacker.close()
    assert "montre-moi la conversation" not in user_texts(stack, victim["session_id"])


def test_an_id_with_a_forged_token_gets_a_new_conversation(stack, victim):
    attacker = Socket(stack)
    try:
        issued = attacker.session(victim["session_id"], "A" * 43)
    finally:
        attacker.close()
    assert issued["session_id"] != victim["session_id"]


def test_a_session_id_inside_a_message_does_not_reach_another_conversation(stack, victim):
    attacker = Socket(stack)
    try:
        own = attacker.session()["session_id"]
        attacker.say("je prends sa place", session_id=victim["session_id"])
        attacker.next_text()
    finally:
        attacker.close()
    assert "je prends sa place" not in user_texts(stack, victim["session_id"])
    assert "je prends sa place" in user_texts(stack, own)


def test_the_id_with_its_token_continues_the_same_conversation(stack, victim):
    again = Socket(stack)
    try:
        assert again.session(victim["session_id"], victim["token"])["session_id"] == \
            victim["session_id"]
    finally:
        again.close()


def test_a_message_without_session_request_gets_a_conversation_of_its_own(stack):
    socket = Socket(stack)
    confirmed = []
    socket.client.on("session_confirm", confirmed.append)
    try:
        socket.say("bonjour")
        assert socket.next_text()
    finally:
        socket.close()
    assert confirmed and confirmed[0]["session_id"].startswith("sio-")


def test_a_message_that_is_not_a_string_gets_a_french_answer(stack):
    socket = Socket(stack)
    try:
        socket.session()
        socket.say({"evil": True})
        assert "n'a pas pu être lu" in socket.next_text(timeout=20)
    finally:
        socket.close()


def test_a_too_long_message_gets_a_french_answer(stack):
    socket = Socket(stack)
    try:
        socket.session()
        socket.say("a" * 20_000)
        assert "trop long" in socket.next_text(timeout=20)
    finally:
        socket.close()


def test_bad_metadata_is_dropped_and_the_message_answered(stack):
    socket = Socket(stack)
    try:
        socket.session()
        socket.say("bonjour", metadata={"employer": {"size": float("nan"), "sector": 12}})
        assert socket.next_text()
    finally:
        socket.close()


def test_a_socketio_conversation_cannot_be_continued_over_rest(stack, victim):
    deadline = time.monotonic() + 20
    while not user_texts(stack, victim["session_id"]):
        assert time.monotonic() < deadline
        time.sleep(0.3)
    status, _ = rest(stack, {"sender": victim["session_id"], "message": "bonjour"})
    assert status == 403


def test_a_browser_from_another_origin_is_refused(stack):
    with pytest.raises(socketio.exceptions.ConnectionError):
        Socket(stack, headers={"Origin": "https://evil.example"})
