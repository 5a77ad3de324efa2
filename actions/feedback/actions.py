"""Rasa actions of feedback and follow-up (rules in data/rules_feedback.yml).

- ``action_feedback``: records « oui » / « non » (payload ``/donner_avis{"avis": ...}`` or
  words); after « non », the optional comment (``feedback_comment_form``).
- ``action_feedback_comment``: stores the comment (redacted), unless it is « non merci ».
- ``action_follow_up``: the opt-in (``rappel``), its refusal (``non``) and the answers to the
  follow-up (fait / pas_encore / pas_pu / besoin_aide — the last opens a ticket).
- ``action_follow_up_question``: the follow-up itself, triggered a week later by the web app.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback import question
from bot import settings
from bot.opening_hours import timezone
from bot.storage import feedback as store

logger = logging.getLogger(__name__)
NO_COMMENT = re.compile(r"^\W*(non|non merci|rien|pas de commentaire|aucun|aucun commentaire|"
                        r"non rien|ca ira|c'est bon|merci)\W*$")


def _plain(text: Any) -> str:
    value = unicodedata.normalize("NFKD", str(text or "").lower().strip())
    return "".join(c for c in value if not unicodedata.combining(c))


def _entity(tracker: Tracker, name: str) -> Optional[str]:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if isinstance(entity, dict) and entity.get("entity") == name and entity.get("value"):
            return _plain(entity["value"]).replace(" ", "_").replace("'", "")
    return None


def helpful_answer(tracker: Tracker) -> bool:
    value = _entity(tracker, "avis")
    if value in ("oui", "yes", "true", "1"):
        return True
    if value in ("non", "no", "false", "0"):
        return False
    text = _plain((tracker.latest_message or {}).get("text"))
    return not re.search(r"\b(pas|non|inutile|rien|aucun)\b", text)


def follow_up_answer(tracker: Tracker) -> Optional[str]:
    value = _entity(tracker, "suivi")
    aliases = {"besoin_daide": "besoin_aide", "pasencore": "pas_encore", "paspu": "pas_pu",
               "oui": "rappel", "relance": "rappel"}
    value = aliases.get(value or "", value)
    if value in store.FOLLOW_UP_ANSWERS or value in ("rappel", "non"):
        return value
    text = _plain((tracker.latest_message or {}).get("text"))
    if re.search(r"pas de relance|ne me relancez pas|annule", text):
        return "non"
    if re.search(r"rappel|relance|recontact", text):
        return "rappel"
    if re.search(r"besoin d.?aide|aidez", text):
        return "besoin_aide"
    if re.search(r"pas (pu|reussi|su)|impossible", text):
        return "pas_pu"
    if re.search(r"pas encore|bientot|pas eu le temps", text):
        return "pas_encore"
    if re.search(r"\b(fait|depose|envoye|deposee|envoyee)\b", text):
        return "fait"
    return None


def _is_payload(tracker: Tracker) -> bool:
    return str((tracker.latest_message or {}).get("text") or "").startswith("/")


def _recently_asked(tracker: Tracker, *parts: str, window: int = 30) -> bool:
    """One of the assistant's last messages contains one of ``parts``."""
    for event in list(tracker.events)[-window:]:
        if event.get("event") == "bot" and any(p in (event.get("text") or "") for p in parts):
            return True
    return False


def _say(dispatcher: CollectingDispatcher, message: dict) -> None:
    dispatcher.utter_message(text=message.get("text"), buttons=message.get("buttons") or [])


def _offer_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The follow-up offer after a « oui », on the channels that can carry it, when the verdict
    named aids to apply for."""
    if tracker.get_latest_input_channel() not in settings.follow_up_channels():
        return
    names = question.aids_to_apply_for(tracker.get_slot("aid_results"))
    if names:
        _say(dispatcher, question.offer(names))


class ActionFeedback(Action):
    def name(self) -> Text:
        return "action_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not _is_payload(tracker) and not _recently_asked(tracker, question.FEEDBACK_TEXT):
            # words that sound like feedback but answer no question: an ordinary message
            return [FollowupAction("action_process_turn")]
        helpful = helpful_answer(tracker)
        try:
            await asyncio.to_thread(store.record_feedback, tracker.sender_id, helpful,
                                    tracker.get_latest_input_channel())
        except Exception:
            logger.exception("cannot record the feedback")
        if not helpful:
            return [SlotSet("feedback_comment", None), FollowupAction("feedback_comment_form")]
        dispatcher.utter_message(text=question.text("thanks_yes"))
        _offer_follow_up(dispatcher, tracker)
        return []


class ActionFeedbackComment(Action):
    def name(self) -> Text:
        return "action_feedback_comment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        latest = tracker.latest_message or {}
        # a button clicked instead of a comment is a new answer (words are the comment, even
        # when they sound like an answer: « votre réponse ne disait pas le délai »)
        intent = (latest.get("intent") or {}).get("name") if str(
            latest.get("text") or "").startswith("/") else None
        if intent == "donner_avis":
            return [SlotSet("feedback_comment", None)] + await ActionFeedback().run(
                dispatcher, tracker, domain)
        if intent == "suivre_demande":
            return [SlotSet("feedback_comment", None)] + await ActionFollowUp().run(
                dispatcher, tracker, domain)
        comment = str(tracker.get_slot("feedback_comment") or "").strip()
        given = bool(comment) and not comment.startswith("/") and not NO_COMMENT.match(_plain(comment))
        if given:
            try:
                await asyncio.to_thread(store.add_comment, tracker.sender_id, comment)
            except Exception:
                logger.exception("cannot record the feedback comment")
        dispatcher.utter_message(text=question.text("thanks_comment" if given else "thanks_no_comment"))
        return [SlotSet("feedback_comment", None)]


class ActionFollowUp(Action):
    def name(self) -> Text:
        return "action_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not _is_payload(tracker) and not _recently_asked(
                tracker, "dans une semaine", "Avez-vous fait votre demande", "C'est noté : le"):
            return [FollowupAction("action_process_turn")]
        answer = follow_up_answer(tracker)
        channel = tracker.get_latest_input_channel()
        conversation = tracker.sender_id
        if answer is None:
            dispatcher.utter_message(text=question.text("unclear"))
            return []
        try:
            if answer == "rappel":
                return await self._schedule(dispatcher, tracker, channel)
            if answer == "non":
                await asyncio.to_thread(store.cancel_follow_up, conversation)
                dispatcher.utter_message(text=question.text("cancelled"))
                return []
            await asyncio.to_thread(store.record_answer, conversation, answer, channel)
        except Exception:
            logger.exception("cannot record the follow-up")
        dispatcher.utter_message(text=question.text(f"answers.{answer}"))
        if answer == "besoin_aide":
            return [FollowupAction("action_handoff")]
        return []

    async def _schedule(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                        channel: Optional[str]) -> List[Dict[Text, Any]]:
        if channel not in settings.follow_up_channels():
            dispatcher.utter_message(text=question.text("not_on_this_channel"))
            return []
        names = question.aids_to_apply_for(tracker.get_slot("aid_results"))
        if not names:
            dispatcher.utter_message(text=question.text("nothing_to_follow"))
            return []
        delay = dt.timedelta(days=settings.follow_up_delay_days())
        row = await asyncio.to_thread(store.schedule_follow_up, tracker.sender_id, channel,
                                      names, delay)
        local_due = row.due_at.replace(tzinfo=dt.timezone.utc).astimezone(timezone()).date()
        dispatcher.utter_message(text=question.text(
            "scheduled", date=question.french_date(local_due), aides=question.aids_phrase(names)))
        return []


class ActionFollowUpQuestion(Action):
    """Triggered by the web app (``relancer_demande``) when a follow-up falls due."""

    def name(self) -> Text:
        return "action_follow_up_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        try:
            names = await asyncio.to_thread(store.follow_up_products, tracker.sender_id)
        except Exception:
            logger.exception("cannot read the follow-up")
            names = []
        names = names or question.aids_to_apply_for(tracker.get_slot("aid_results"))
        _say(dispatcher, question.follow_up_question(names))
        return []
