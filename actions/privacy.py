"""The right to erasure asked in the chat (issue 13; rules in data/rules_privacy.yml).

« supprimez mes données » → ``action_ask_erasure`` asks for a confirmation (nothing is erased
yet); « oui » or the button → ``action_erase_conversation`` erases the conversation's events,
tickets, callback requests and notes (bot/storage/erasure.py), tells the user, and sets the
``conversation_erased`` slot so that the tracker store writes nothing of this turn back;
« non » → ``action_cancel_erasure`` keeps everything.

Importing this module also redacts the action server's logs (bot/storage/log_redaction.py).
"""
from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation.actions import run_turn  # the ordinary turn of the conversation
from bot.storage import erasure, log_redaction

logger = logging.getLogger(__name__)
log_redaction.install()

QUESTION = ("Voulez-vous que j'efface toute cette conversation, avec ce que vous m'avez dit de "
            "votre situation et, s'il y en a, votre demande de conseiller ou de rappel ? "
            "C'est définitif.")
ERASED = ("C'est fait : votre conversation et les données qui s'y rattachent (demande de "
          "conseiller, demande de rappel) sont effacées. Seules des statistiques anonymes "
          "restent (canal, date, aides trouvées). Vous pouvez recommencer quand vous voulez.")
FAILED = ("Je n'ai pas pu effacer votre conversation pour le moment. Réessayez dans un instant, "
          "ou demandez-le à un conseiller d'Action Logement.")
KEPT = ("D'accord, je n'efface rien. Nous pouvons reprendre là où nous en étions.")


# Words without which a message is not an erasure request, whatever the classifier says (« je
# change d'appart », « garder mon logement » were read as one): the conversation goes on.
ERASURE_WORDS = re.compile(r"supprim|effac|oubli|detrui|retir.*donnee|donnees? personnelle|rgpd|"
                           r"\bdelete|\berase")


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                   if not unicodedata.combining(c))


def asks_erasure(text: str) -> bool:
    """A button payload of this feature, or a message that names erasing."""
    return text.startswith("/") or bool(ERASURE_WORDS.search(_folded(text)))


def erasure_was_asked(tracker: Tracker) -> bool:
    """The assistant's latest message before this one was the erasure question."""
    for event in reversed(tracker.events[:-1] if tracker.events else []):
        if event.get("event") == "bot":
            return (event.get("text") or "") == QUESTION
    return False


async def _conversation_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    return run_turn(dispatcher, tracker)


def erased_payload() -> Dict[Text, Any]:
    """Tells the widget to forget what it shows and keeps for this conversation."""
    return {"type": "privacy", "status": "erased", "message": ERASED}


class ActionAskErasure(Action):
    def name(self) -> Text:
        return "action_ask_erasure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        if not asks_erasure(tracker.latest_message.get("text") or ""):
            return await _conversation_turn(dispatcher, tracker)
        dispatcher.utter_message(text=QUESTION, buttons=[
            {"title": "Oui, tout effacer", "payload": "/confirmer_effacement"},
            {"title": "Non, garder", "payload": "/annuler_effacement"}])
        return []


class ActionEraseConversation(Action):
    def name(self) -> Text:
        return "action_erase_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if not (erasure_was_asked(tracker) and (text.startswith("/") or asks_erasure(text)
                                               or tracker.latest_message.get("intent", {}).get("name") == "affirmer")):
            # the question was not asked just before (the request was not one): never erase
            return await _conversation_turn(dispatcher, tracker)
        channel = tracker.get_latest_input_channel() or "inconnu"
        try:
            await asyncio.to_thread(erasure.erase_conversation, tracker.sender_id,
                                    f"l'usager (conversation, canal {channel})")
        except Exception:
            logger.exception("cannot erase a conversation at the user's request")
            dispatcher.utter_message(text=FAILED)
            return []
        dispatcher.utter_message(text=ERASED, json_message=erased_payload())
        return [SlotSet("conversation_erased", True)]


class ActionCancelErasure(Action):
    def name(self) -> Text:
        return "action_cancel_erasure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if not (text.startswith("/") or erasure_was_asked(tracker)):
            return await _conversation_turn(dispatcher, tracker)
        dispatcher.utter_message(text=KEPT)
        return []
