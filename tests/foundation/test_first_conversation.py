"""The first French conversation, over the REST channel of the real running servers."""
import uuid

import pytest


def texts(messages):
    return " ".join(m.get("text", "") for m in messages)


def new_sender():
    return f"test-{uuid.uuid4().hex[:12]}"


def test_greeting_presents_the_assistant_with_its_notice(stack):
    reply = texts(stack.say(new_sender(), "bonjour"))
    assert "Bonjour" in reply
    assert "Action Logement" in reply
    # the notice: what it asks, and not to type sensitive data
    assert "questions" in reply and "sensibles" in reply


@pytest.mark.parametrize("message", ["Salut", "bjr", "bonsoir"])
def test_greeting_variants(stack, message):
    assert "Bonjour" in texts(stack.say(new_sender(), message))


@pytest.mark.parametrize("message, expected", [
    ("au revoir", "Au revoir"),
    ("merci beaucoup", "plaisir"),
    ("êtes-vous un robot ?", "assistant automatique"),
    ("etes vous un robot", "assistant automatique"),
    ("que pouvez-vous faire ?", "Visale"),
    ("quel temps fait-il ?", "aides au logement"),
])
def test_small_talk_answers_in_french(stack, message, expected):
    assert expected in texts(stack.say(new_sender(), message))


def test_assistant_uses_vouvoiement(stack):
    sender = new_sender()
    reply = texts(stack.say(sender, "bonjour")) + texts(stack.say(sender, "aide"))
    assert "vous" in reply.lower()
    for informal in (" tu ", " toi ", " ton ", " ta "):
        assert informal not in f" {reply.lower()} "


def test_unintelligible_message_gets_a_polite_rephrase_request(stack):
    reply = texts(stack.say(new_sender(), "zzkq wxv plouf grmbl"))
    assert "reformuler" in reply


def test_empty_and_odd_messages_never_crash_the_channel(stack):
    sender = new_sender()
    for message in ["", "   ", "😀😀", "a" * 3000, "<script>alert(1)</script>"]:
        answer = stack.say(sender, message)
        assert isinstance(answer, list)
    # the conversation still works afterwards
    assert "Bonjour" in texts(stack.say(sender, "bonjour"))
