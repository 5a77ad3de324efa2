"""The tracker store at a cost that does not grow with the conversation: what Rasa's policies
and the action server see must be what they would see on the whole session, and every event
must still be stored (the console's transcripts stay complete).

A long conversation is written through the store turn by turn, as Rasa does (retrieve, add the
turn's events, save), and compared with Rasa's own SQLTrackerStore reading the same table.
"""
from __future__ import annotations

import asyncio
import random

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered, ConversationPaused,
                                     ConversationResumed, SessionStarted, SlotSet,
                                     UserUttered, UserUtteranceReverted)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.settings import ROOT
from bot.storage import transcripts
from bot.storage.tracker_store import UrlSQLTrackerStore

INTENTS = ["informer", "saluer", "demander_aide", "alternance", "hors_sujet", "nlu_fallback"]


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def _store(domain, url, monkeypatch, recent="40", first="12"):
    monkeypatch.setenv("TRACKER_RECENT_EVENTS", recent)
    monkeypatch.setenv("TRACKER_FIRST_EVENTS", first)
    return UrlSQLTrackerStore(domain=domain, host=url)


def _rasa_store(domain, url):
    """Rasa's own SQL tracker store on the same table: the reference."""
    return SQLTrackerStore(domain=domain, host=url.replace("sqlite:///", "sqlite:///", 1))


def _turn(rng: random.Random, n: int) -> list:
    events = [UserUttered(f"message {n} : je suis alternant, 19 ans",
                          {"name": rng.choice(INTENTS), "confidence": 0.9},
                          input_channel="rest"),
              ActionExecuted("action_process_turn")]
    for name in rng.sample(["profile", "pending_field", "aid_results", "reask_count"],
                           rng.randint(0, 2)):
        value = {"profile": {"age": 18 + n % 9, "activity": "alternant"},
                 "pending_field": rng.choice(["age", "rent", None]),
                 "aid_results": {"results": [{"id": "visale", "status": rng.choice(
                     ["eligible", "need_info"])}]},
                 "reask_count": float(n % 3)}[name]
        events.append(SlotSet(name, value))
    events.append(BotUttered(f"réponse {n}"))
    if n == 20:
        events += [ActiveLoop("callback_form"), SlotSet("requested_slot", "callback_channel")]
    if n == 24:
        events += [ActiveLoop(None), SlotSet("requested_slot", None)]
    if n == 30:
        events.append(ConversationPaused())
    if n == 45:
        events.append(ConversationResumed())
    events.append(ActionExecuted("action_listen"))
    return events


def _play(store, sender: str, turns: int, domain, seed: int = 7, extra=None) -> None:
    rng = random.Random(seed)

    async def play():
        tracker = DialogueStateTracker(sender, domain.slots)
        for event in [ActionExecuted("action_session_start"), SessionStarted(),
                      ActionExecuted("action_listen")]:
            tracker.update(event)
        await store.save(tracker)
        for n in range(turns):
            tracker = await store.retrieve(sender)
            for event in _turn(rng, n) + ((extra or {}).get(n) or list)():
                tracker.update(event)
            await store.save(tracker)

    asyncio.run(play())


def _compare(domain, ours, reference) -> None:
    assert ours.current_slot_values() == reference.current_slot_values()
    assert ours.is_paused() == reference.is_paused()
    assert ours.active_loop_name == reference.active_loop_name
    assert ours.latest_message.text == reference.latest_message.text
    assert ours.latest_action_name == reference.latest_action_name
    # what the policies featurise (max_history 4-5): the last turns' states, identical
    assert ours.past_states(domain)[-8:] == reference.past_states(domain)[-8:]
    # the opening the actions look for (the notice, the first message's metadata) is there
    assert [e.as_dict() for e in list(ours.events)[:5]] == \
        [e.as_dict() for e in list(reference.events)[:5]]


def test_a_long_session_is_loaded_bounded_with_the_same_state(db_url, domain, monkeypatch):
    store = _store(domain, db_url, monkeypatch)
    _play(store, "long-conv", 60, domain)
    ours = asyncio.run(store.retrieve("long-conv"))
    reference = asyncio.run(_rasa_store(domain, db_url).retrieve("long-conv"))
    assert len(ours.events) <= 12 + 40 + 12 < len(reference.events)
    _compare(domain, ours, reference)


def test_every_event_is_stored_once_in_order(db_url, domain, monkeypatch):
    store = _store(domain, db_url, monkeypatch)
    _play(store, "complete", 50, domain)
    reference = asyncio.run(_rasa_store(domain, db_url).retrieve_full_tracker("complete"))
    stored = transcripts.transcript_events("complete", url=db_url)
    assert [e["event"] for e in stored] == [e.as_dict()["event"] for e in reference.events]
    texts = [e["text"] for e in stored if e["event"] == "user"]
    assert texts == [f"message {n} : je suis alternant, 19 ans" for n in range(50)]


def test_the_paused_state_survives_in_the_skipped_middle(db_url, domain, monkeypatch):
    store = _store(domain, db_url, monkeypatch)
    _play(store, "paused", 44, domain)  # paused at turn 30, never resumed
    ours = asyncio.run(store.retrieve("paused"))
    reference = asyncio.run(_rasa_store(domain, db_url).retrieve("paused"))
    assert reference.is_paused() and ours.is_paused()
    _compare(domain, ours, reference)


def test_a_rewind_in_the_middle_loads_the_session_whole(db_url, domain, monkeypatch):
    store = _store(domain, db_url, monkeypatch)
    _play(store, "rewound", 50, domain, extra={10: lambda: [UserUtteranceReverted()]})
    ours = asyncio.run(store.retrieve("rewound"))
    reference = asyncio.run(_rasa_store(domain, db_url).retrieve("rewound"))
    assert len(ours.events) == len(reference.events)
    _compare(domain, ours, reference)


def test_a_new_session_starts_from_its_own_events(db_url, domain, monkeypatch):
    store = _store(domain, db_url, monkeypatch)
    _play(store, "two-sessions", 30, domain)

    async def new_session():
        tracker = await store.retrieve("two-sessions")
        for event in [ActionExecuted("action_session_start"), SessionStarted(),
                      SlotSet("profile", tracker.get_slot("profile")),
                      ActionExecuted("action_listen"), UserUttered("bonjour", {"name": "saluer"})]:
            tracker.update(event)
        await store.save(tracker)
        return await store.retrieve("two-sessions")

    ours = asyncio.run(new_session())
    reference = asyncio.run(_rasa_store(domain, db_url).retrieve("two-sessions"))
    assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in reference.events]


def test_the_queries_use_the_new_indexes(db_url, domain, monkeypatch):
    _store(domain, db_url, monkeypatch)
    names = {i["name"] for i in sa.inspect(sa.create_engine(db_url)).get_indexes("events")}
    assert {"ix_events_sender_id_id", "ix_events_sender_type_action"} <= names


def test_a_long_talk_with_an_advisor_stays_bounded_and_resumes_as_before(db_url, domain,
                                                                         monkeypatch):
    store = _store(domain, db_url, monkeypatch)
    _play(store, "advisor", 22, domain)  # the conversation is not paused at the end

    async def advisor_talk():
        tracker = await store.retrieve("advisor")
        tracker.update(ConversationPaused())
        await store.save(tracker)
        for n in range(80):  # user and advisor messages while paused: no action at all
            tracker = await store.retrieve("advisor")
            tracker.update(UserUttered(f"question {n} au conseiller", {"name": "informer"},
                                       input_channel="socketio"))
            tracker.update(BotUttered(f"réponse {n} du conseiller", metadata={"advisor": "Camille"}))
            await store.save(tracker)
        paused = await store.retrieve("advisor")
        tracker = await store.retrieve("advisor")
        for event in [ConversationResumed(), ActionExecuted("action_listen"),
                      UserUttered("merci, et Visale ?", {"name": "question_produit"}),
                      ActionExecuted("action_product_info"), BotUttered("Visale est…"),
                      ActionExecuted("action_listen")]:
            tracker.update(event)
        await store.save(tracker)
        return paused, await store.retrieve("advisor")

    paused, resumed = asyncio.run(advisor_talk())
    assert paused.is_paused() and len(paused.events) <= 12 + 40 + 12
    assert paused.get_latest_input_channel() == "socketio"
    reference = asyncio.run(_rasa_store(domain, db_url).retrieve("advisor"))
    _compare(domain, resumed, reference)
