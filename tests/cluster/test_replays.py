"""A turn re-sent with the id of the latest stored user message is answered from the store
(bot/channels/replays.py), on Rasa's own tracker objects (no server needed)."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels import replays


def app_with(events: list) -> SimpleNamespace:
    store = InMemoryTrackerStore(Domain.empty())
    asyncio.run(store.save(DialogueStateTracker.from_events("emp", events)))
    return SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=store)))


EVENTS = [UserUttered("Bonjour", metadata={"request_id": "r-1"}),
          BotUttered("Bonjour !\n\nQue puis-je pour vous ?"),
          BotUttered("Votre situation ?", data={"buttons": [{"title": "Apprentie",
                                                             "payload": "/a"}]})]


def test_the_repeat_of_the_latest_turn_gets_the_stored_replies_as_rest_gave_them():
    answer = asyncio.run(replays.answered_before(app_with(EVENTS), "emp", "r-1"))
    assert answer == [
        {"recipient_id": "emp", "text": "Bonjour !"},
        {"recipient_id": "emp", "text": "Que puis-je pour vous ?"},
        {"recipient_id": "emp", "text": "Votre situation ?",
         "buttons": [{"title": "Apprentie", "payload": "/a"}]}]


def test_a_new_turn_or_an_older_id_is_processed_normally():
    app = app_with(EVENTS + [UserUttered("Je suis apprentie", metadata={"request_id": "r-2"})])
    assert asyncio.run(replays.answered_before(app, "emp", "r-1")) is None
    assert asyncio.run(replays.answered_before(app, "emp", "r-3")) is None
    assert asyncio.run(replays.answered_before(app, "inconnu", "r-2")) is None


def test_only_a_short_printable_request_id_is_kept():
    assert replays.request_id({"x-request-id": "abc-123"}) == "abc-123"
    assert replays.request_id({"x-request-id": "a b"}) is None
    assert replays.request_id({"x-request-id": "x" * 129}) is None
    assert replays.request_id({}) is None
