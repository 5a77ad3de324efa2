"""Rasa custom actions of the conversation: thin wrappers over ``dialogue.py``.

All are ``async def run`` and do no I/O: the engine and the understanding library are pure
Python and answer in well under a millisecond, so the event loop is never blocked for long.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import territory_answers
from actions.feedback.question import after_verdict  # issue 16: feedback question
from actions.slot_changes import slot_set_events
from bot import settings

from . import dialogue
from .dialogue import Message, State
from bot.storage.redaction import redact_text  # issue 13


def today(tracker: Tracker = None) -> _dt.date:
    """The date of the conversation turn (the engine reads every ceiling at this date).
    A test stack (``ASSISTANT_TEST_DATES=1``) lets the message metadata fix it."""
    if tracker is not None and settings.test_dates_allowed():
        fixed = latest_metadata(tracker).get("today")
        try:
            return _dt.date.fromisoformat(str(fixed))
        except ValueError:
            pass
    return _dt.date.today()


def latest_metadata(tracker: Tracker) -> dict:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return event.get("metadata") or {}
    return {}


def latest_employer(tracker: Tracker) -> dict:
    """The employer context of the latest message that carried one."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            facts = dialogue.employer_facts(event.get("metadata"))
            if facts:
                return facts
    return {}


def message_of(tracker: Tracker) -> Message:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    # issue 13: facts come from the text with identifiers masked (a phone, an address number
    # or a card is never read as a rent or an age)
    return Message(text=redact_text(latest.get("text") or ""), intent=intent.get("name"),
                   confidence=float(intent.get("confidence") or 0.0),
                   entities=list(latest.get("entities") or []), metadata=latest_metadata(tracker))


def notice_needed(tracker: Tracker) -> bool:
    return not any(e.get("event") == "action" and e.get("name") == "utter_notice" for e in tracker.events)


def send(dispatcher: CollectingDispatcher, messages: List[dict]) -> None:
    for m in messages:
        if "response" in m:
            dispatcher.utter_message(response=m["response"])
        else:
            dispatcher.utter_message(text=m.get("text"), buttons=m.get("buttons") or [],
                                     json_message=m.get("custom"))


def slot_events(state: State, tracker: Tracker) -> List[Dict[Text, Any]]:
    """SlotSet events for the slots this turn changed (actions/slot_changes.py)."""
    return slot_set_events(tracker.current_slot_values(), state.slots())


def previous_user_texts(tracker: Tracker) -> List[str]:
    """The user's earlier messages (not the latest): which aid the conversation is about."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return texts[:-1]


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A question about the aids (follow-up aspect, why-not, hypothesis, topic): answered from
    the catalogue, the profile untouched. False when the message is not such a question."""
    state = State.from_slots(tracker.current_slot_values())
    messages = dialogue.answer_question(state, message_of(tracker), today(tracker),
                                        previous_user_texts(tracker))
    if messages is None:
        return False
    send(dispatcher, messages)
    return True


def handoff_with_facts(tracker: Tracker) -> List[Dict[Text, Any]]:
    """An advisor request inside a situation (« qu'un conseiller m'appelle, je ne paie plus mon
    prêt »): the facts are kept in the profile, then the handoff opens."""
    state = State.from_slots(tracker.current_slot_values())
    _, new_state = dialogue.process_turn(state, message_of(tracker), today(tracker))
    events = [SlotSet("profile", new_state.profile)] if new_state.profile != state.profile else []
    return events + [FollowupAction("action_handoff")]


def run_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """The brain: merge the facts of the latest message, then ask the next question or conclude."""
    msg = message_of(tracker)
    if dialogue.asks_advisor(msg.text):
        return handoff_with_facts(tracker)
    state = State.from_slots(tracker.current_slot_values())
    # a question about the territory (cotation, social housing request...) gets the local answer
    if not territory_answers.reply(msg.text, state.profile) and answer_question(dispatcher, tracker):
        return []
    # issue 12 hook: the territory (commune, local answers, local steps) around the turn
    messages, state = territory_answers.around_turn(
        state, msg.text, lambda s: dialogue.process_turn(s, msg, today(tracker),
                                                         notice_needed=notice_needed(tracker)))
    send(dispatcher, messages + after_verdict(messages))  # issue 16: feedback question
    return slot_events(state, tracker)


class ActionProcessTurn(Action):
    """Every message that carries facts or answers a question: merge, then ask or conclude."""

    def name(self) -> Text:
        return "action_process_turn"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return run_turn(dispatcher, tracker)


class ActionProductInfo(Action):
    """"C'est quoi Visale ?", « faut payer quelque chose pour Visale ? »: the catalogue's answer
    for that aspect, then the pending question again; anything else is a turn."""

    def name(self) -> Text:
        return "action_product_info"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return run_turn(dispatcher, tracker)


class ActionWhyNot(Action):
    """"Pourquoi pas Mobili-Jeune ?": the rule that failed with this person's value, and what
    would change it; anything else is a turn."""

    def name(self) -> Text:
        return "action_why_not"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return run_turn(dispatcher, tracker)


class ActionResetProfile(Action):
    """"Recommencer": a new empty profile (the employer context of the metadata is kept)."""

    def name(self) -> Text:
        return "action_reset_profile"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not dialogue.asks_reset(message_of(tracker).text):
            return run_turn(dispatcher, tracker)  # "je recommence un CDD" is not a reset
        messages, state = dialogue.reset_state(State.from_slots(tracker.current_slot_values()),
                                               latest_employer(tracker), today(tracker))
        send(dispatcher, messages)
        return slot_events(state, tracker)


class ActionReplyEnglish(Action):
    """A message in English: a short English explanation and the buttons of the question."""

    def name(self) -> Text:
        return "action_reply_english"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not dialogue.is_english(message_of(tracker).text):
            return run_turn(dispatcher, tracker)  # French after all
        state = State.from_slots(tracker.current_slot_values())
        send(dispatcher, dialogue.english_reply(state))
        return []


def profile_with_request_facts(tracker: Tracker) -> dict:
    """The profile slot plus the facts of the latest message (used by action_handoff, so that
    « un conseiller svp, j'ai 3 loyers de retard » reaches the advisor with its facts)."""
    state = State.from_slots(tracker.current_slot_values())
    msg = message_of(tracker)
    if not msg.text or msg.text.startswith("/"):
        return state.profile
    try:
        facts = dialogue.extract_facts(msg.text, today(tracker), state.pending_field)
    except Exception:  # noqa: BLE001 - a bug in a reader must not block the handoff
        return state.profile
    profile, _, _ = dialogue.clean_facts(state.profile, facts)
    return profile
