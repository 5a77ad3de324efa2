"""Rasa custom actions of the conversation: thin wrappers over ``dialogue.py``.

All are ``async def run`` and do no I/O: the engine and the understanding library are pure
Python and answer in well under a millisecond, so the event loop is never blocked for long.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import settings

from actions import territory_answers
from actions.slot_changes import slot_set_events

from . import dialogue
from .dialogue import Message, State


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
    return Message(text=latest.get("text") or "", intent=intent.get("name"),
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


def run_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """The brain: merge the facts of the latest message, then ask the next question or conclude."""
    state = State.from_slots(tracker.current_slot_values())
    msg = message_of(tracker)
    # issue 12 hook: the territory (commune, local answers, local steps) around the turn
    messages, state = territory_answers.around_turn(
        state, msg.text, lambda s: dialogue.process_turn(s, msg, today(tracker), notice_needed=notice_needed(tracker)))
    send(dispatcher, messages)
    return slot_events(state, tracker)


class ActionProcessTurn(Action):
    """Every message that carries facts or answers a question: merge, then ask or conclude."""

    def name(self) -> Text:
        return "action_process_turn"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return run_turn(dispatcher, tracker)


class ActionProductInfo(Action):
    """"C'est quoi Visale ?": the catalogue's description, then the pending question again."""

    def name(self) -> Text:
        return "action_product_info"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        state = State.from_slots(tracker.current_slot_values())
        msg = message_of(tracker)
        product = dialogue.find_product(msg.text, msg.entities)
        if product is None and territory_answers.reply(msg.text, state.profile):  # issue 12: a local question
            return run_turn(dispatcher, tracker)
        if product is None and State.from_slots(tracker.current_slot_values()).pending_field:
            return run_turn(dispatcher, tracker)  # no aid named: rather an answer to the question
        if product is not None and dialogue.asks_why_not(msg.text):
            return await ActionWhyNot().run(dispatcher, tracker, domain)
        messages = [{"text": dialogue.product_info_text(product, today(tracker))}]
        messages += dialogue.continue_after_digression(state)
        send(dispatcher, messages)
        return []


class ActionWhyNot(Action):
    """"Pourquoi pas Mobili-Jeune ?": the rule that failed, or what is missing."""

    def name(self) -> Text:
        return "action_why_not"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        state = State.from_slots(tracker.current_slot_values())
        msg = message_of(tracker)
        product = dialogue.find_product(msg.text, msg.entities)
        if product is None and state.pending_field:
            return run_turn(dispatcher, tracker)  # no aid named: rather an answer to the question
        try:
            result = dialogue.evaluate(state.profile, today(tracker))
        except dialogue.ProfileError:  # pragma: no cover - the profile slot is always validated
            result = dialogue.evaluate({}, today(tracker))
        messages = [{"text": dialogue.why_not_text(product, result)}]
        messages += dialogue.continue_after_digression(state)
        send(dispatcher, messages)
        return []


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
    """A message in English: the service speaks French (said in both languages)."""

    def name(self) -> Text:
        return "action_reply_english"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not dialogue.is_english(message_of(tracker).text):
            return run_turn(dispatcher, tracker)  # French after all
        state = State.from_slots(tracker.current_slot_values())
        send(dispatcher, [{"text": dialogue.ENGLISH_TEXT}] + dialogue.continue_after_digression(state))
        return []
