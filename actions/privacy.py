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
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

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


def erased_payload() -> Dict[Text, Any]:
    """Tells the widget to forget what it shows and keeps for this conversation."""
    return {"type": "privacy", "status": "erased", "message": ERASED}


class ActionAskErasure(Action):
    def name(self) -> Text:
        return "action_ask_erasure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(text=QUESTION, buttons=[
            {"title": "Oui, tout effacer", "payload": "/confirmer_effacement"},
            {"title": "Non, garder", "payload": "/annuler_effacement"}])
        return []


class ActionEraseConversation(Action):
    def name(self) -> Text:
        return "action_erase_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
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
        dispatcher.utter_message(text=KEPT)
        return []
