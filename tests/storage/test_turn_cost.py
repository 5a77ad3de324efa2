"""A long conversation on the real stack: the windowed tracker store (bot/storage/tracker_store.py)
and the changed-slots-only actions answer exactly as Rasa does on the whole session, and a turn
that changes nothing stores no slot again.

The reference is Rasa's own Agent, in this process, on the same model and the same action
server, with its in-memory tracker store holding every event.
"""
from __future__ import annotations

import asyncio
import json
import uuid

import pytest
import sqlalchemy as sa

from tests.conversation.helpers import DONT_KNOW, last_ask, verdict
from tests.conversation.personas import PERSONAS, answers_of

FOLLOW_UPS = ["c'est quoi Visale ?", "pourquoi pas Mobili-Jeune ?", "merci",
              "en fait mon loyer est de 520 euros", "je ne sais pas",
              "et l'avance Loca-Pass, c'est quoi ?", "en fait mon loyer est de 650 euros"]


def _script(stack, turns: int) -> tuple[str, list, list]:
    """TC01 until the verdict, then follow-up questions; (sender, texts, replies)."""
    persona, answers = PERSONAS["TC01"], answers_of("TC01")
    sender = f"long-{uuid.uuid4().hex[:10]}"
    texts, replies, text, follow = [], [], persona["first"], 0
    for _ in range(turns):
        reply = stack.say(sender, text)
        texts.append(text)
        replies.append(reply)
        ask = last_ask(reply)
        if ask is not None and verdict(reply) is None:
            text = answers.get(ask["field"], DONT_KNOW)
        else:
            text, follow = FOLLOW_UPS[follow % len(FOLLOW_UPS)], follow + 1
    return sender, texts, replies


def _visible(messages: list) -> list:
    return [(m.get("text"), json.dumps(m.get("custom"), sort_keys=True),
             [b.get("title") for b in m.get("buttons") or []]) for m in messages]


def _events(stack, sender: str) -> list:
    engine = sa.create_engine(stack.database_url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "select data from events where sender_id = :s order by id"), {"s": sender})
        return [json.loads(d) for (d,) in rows]


@pytest.mark.timeout(2400)  # 2 × 30 turns, and loading a second model, on a busy machine
def test_a_long_conversation_answers_as_rasa_does_on_the_whole_session(stack):
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot.tools.model import model_path

    sender, texts, replies = _script(stack, 30)
    stored = _events(stack, sender)
    assert len(stored) > 160  # well past the window the store loads (40 + 60 events)
    assert [e["text"] for e in stored if e["event"] == "user"] == texts  # every event stored

    agent = Agent.load(str(model_path()), action_endpoint=EndpointConfig(
        f"{stack.actions_url}/webhook",
        headers={"Authorization": f"Bearer {stack.env['ACTIONS_TOKEN']}"}))

    async def reference() -> list:
        return [await agent.handle_text(text, sender_id=sender) for text in texts]

    expected = asyncio.run(reference())
    for n, (ours, theirs) in enumerate(zip(replies, expected), start=1):
        assert _visible(ours) == _visible(theirs), f"turn {n}: {texts[n - 1]!r}"


def test_a_fact_said_again_after_the_verdict_stores_no_verdict_again(stack):
    persona, answers = PERSONAS["TC01"], answers_of("TC01")
    sender = f"again-{uuid.uuid4().hex[:10]}"
    reply = stack.say(sender, persona["first"])
    for _ in range(25):
        if verdict(reply) is not None:
            break
        reply = stack.say(sender, answers.get(last_ask(reply)["field"], DONT_KNOW))
    assert verdict(reply) is not None
    stack.say(sender, "j'ai 19 ans")
    before = len(_events(stack, sender))
    stack.say(sender, "j'ai 19 ans")  # nothing new: the profile and the verdict stay
    new = _events(stack, sender)[before:]
    assert [e["text"] for e in new if e["event"] == "user"] == ["j'ai 19 ans"]
    assert {"profile", "aid_results"} & {e["name"] for e in new if e["event"] == "slot"} == set()
