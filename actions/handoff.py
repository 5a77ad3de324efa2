"""Handoff to an advisor (``action_handoff``) and the callback request that replaces it when
nobody can answer live (``callback_form``, ``validate_callback_form``, ``action_callback_submit``).

- In opening hours (``ADVISOR_HOURS``, public holidays excepted: bot/opening_hours.py) with an advisor online (a console page open within the
  last 2 minutes), a ticket is queued, the user is told an advisor will answer here, the
  ``handoff`` payload is sent and the conversation is paused (the console resumes it).
- Otherwise a ticket is queued all the same (the advisors see it when they come back), the user
  gets the Action Logement phone line, and the assistant offers a callback: preferred channel,
  the number or address to use, a time slot and an explicit consent; nothing else is asked.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import unicodedata
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ConversationPaused, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation.actions import answerable_question, profile_with_request_facts
from actions.eligibility.fields import short_values
from bot import opening_hours as hours
from bot.storage import advisors, callback_contacts, tickets
from bot.storage.redaction import MASKS, partly_masked

logger = logging.getLogger(__name__)

PHONE = f"Vous pouvez aussi appeler Action Logement au {hours.PHONE_LINE} ({hours.PHONE_HOURS})."
CALLBACK_SLOTS = ("callback_channel", "callback_contact", "callback_time", "callback_consent")
DIFFICULTY_REASONS = short_values("difficulty_events")  # « impayés de loyer »… (fields.yml)


def handoff_reason(tracker: Tracker) -> str:
    """Why the conversation reaches an advisor, in French, for the queue."""
    reasons = []
    intent = (tracker.latest_message or {}).get("intent", {}).get("name")
    text = (tracker.latest_message or {}).get("text") or ""
    if intent == "demander_conseiller" and not text.startswith("/"):
        reasons.append("demande explicite")
    profile = tracker.get_slot("profile") or {}
    if isinstance(profile, dict):
        if profile.get("project") == "difficulte" or profile.get("difficulty_events"):
            events = [DIFFICULTY_REASONS.get(e, str(e)) for e in profile.get("difficulty_events") or []]
            reasons.append("difficulté" + (f" ({', '.join(events)})" if events else ""))
    results = tracker.get_slot("aid_results") or {}
    if isinstance(results, dict):
        to_confirm = [r.get("name") or r.get("id") for r in results.get("results") or []
                      if isinstance(r, dict) and r.get("status") == "to_confirm"]
        if to_confirm:
            reasons.append("à confirmer : " + ", ".join(to_confirm))
    misses = 0
    for event in reversed(tracker.events[-12:]):
        if event.get("event") == "user":
            if (event.get("parse_data") or {}).get("intent", {}).get("name") == "nlu_fallback":
                misses += 1
    if misses >= 2 or (text.startswith("/") and not reasons and misses):
        reasons.append("incompréhensions répétées")
    if not reasons:
        reasons.append("demande d'un conseiller")
    return "; ".join(reasons)


# Words without which a message is not a request for a person, whatever the classifier says
# (an off-topic "je veux commander une pizza" must not open a ticket for an advisor).
PERSON_REQUEST = re.compile(
    r"conseil|humain|quelqu.?un|personne|agent|interlocut|relation|rappel|appel|telephon|numero"
    r"|joindre|rdv|rendez|contact|transf|parler|passe[rz]?\b|operat")


SELF_NAMING = re.compile(r"\b(?:je\s+)?m\s*['’]?\s*appel+e?s?\b")


def asks_for_a_person(text: str) -> bool:
    """A button payload (``/demander_conseiller``) or a message that names a person or a call."""
    if text.startswith("/"):
        return True
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = SELF_NAMING.sub(" ", plain)  # « je m'appelle Léa » names the user, asks for nobody
    return bool(PERSON_REQUEST.search(plain))


def handoff_payload(ticket_id: int, status: str, message: str, **extra: Any) -> dict:
    return {"type": "handoff", "ticket_id": ticket_id, "status": status, "message": message,
            **extra}


class ActionHandoff(Action):
    def name(self) -> Text:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if not asks_for_a_person((tracker.latest_message or {}).get("text") or ""):
            # Misread as an advisor request: handle it as any other message.
            return [FollowupAction("action_process_turn")]
        # issue 11 hook: a question the catalogue answers is answered (« je contacte qui ? »);
        # the facts said with a real request are kept (profile slot and ticket)
        if answerable_question(tracker):
            return [FollowupAction("action_process_turn")]
        profile = profile_with_request_facts(tracker)
        kept = [SlotSet("profile", profile)] if profile != tracker.get_slot("profile") else []
        aid_results = tracker.get_slot("aid_results")
        channel = tracker.get_latest_input_channel()
        reason = handoff_reason(tracker)
        try:
            live = hours.configured().is_open() and await asyncio.to_thread(advisors.advisors_online) > 0
        except hours.HoursError as error:
            logger.error("ADVISOR_HOURS is invalid: %s", error)
            live = False
        except Exception:
            logger.exception("cannot tell whether an advisor is online")
            live = False
        try:
            ticket, _ = await asyncio.to_thread(
                tickets.open_ticket, tracker.sender_id, channel, reason,
                profile if isinstance(profile, dict) else None,
                aid_results if isinstance(aid_results, dict) else None,
                "live" if live else "callback")
            position = await asyncio.to_thread(tickets.queue_position, ticket.id)
        except Exception:
            logger.exception("cannot create the handoff ticket")
            dispatcher.utter_message(
                text="Je n'arrive pas à joindre l'équipe des conseillers pour le moment. " + PHONE)
            return []

        if live:
            wait = ("Vous êtes le prochain ou la prochaine à être pris en charge."
                    if position <= 1 else f"{position - 1} personne(s) attendent avant vous.")
            message = ("Je transmets votre demande à un conseiller d'Action Logement, avec ce que "
                       "vous m'avez déjà dit. Il vous répondra ici même, dans cette conversation, "
                       f"en général en quelques minutes. {wait}")
            dispatcher.utter_message(text=message, json_message=handoff_payload(
                ticket.id, "queued", message, mode="live", position=position))
            return kept + [SlotSet("handoff_ticket_id", ticket.id), ConversationPaused()]

        when = hours.describe()
        try:
            holiday = hours.holiday_name(dt.datetime.now(hours.timezone()).date())
        except hours.HoursError:
            holiday = None
        closed = f"Aujourd'hui est un jour férié ({holiday}). " if holiday else ""
        message = (f"{closed}Aucun conseiller n'est disponible en ce moment (ils répondent en direct "
                   f"{when}). Votre demande est enregistrée. {PHONE} "
                   "Je peux aussi demander qu'un conseiller vous rappelle.")
        dispatcher.utter_message(text=message, json_message=handoff_payload(
            ticket.id, "queued", message, mode="callback"))
        stale = [SlotSet(slot, None) for slot in CALLBACK_SLOTS if tracker.get_slot(slot) is not None]
        return kept + [SlotSet("handoff_ticket_id", ticket.id)] + stale + [FollowupAction("callback_form")]


def _plain(text: Any) -> str:
    value = str(text or "").strip().lower()
    for accented, plain in (("é", "e"), ("è", "e"), ("ê", "e"), ("à", "a"), ("ç", "c")):
        value = value.replace(accented, plain)
    return value


PHONE_RE = re.compile(r"^(?:\+33|0033|0)([1-9]\d{8})$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[a-z]{2,}$", re.I)


def _held(tracker: Tracker, channel: str, contact: str) -> Dict[Text, Any]:
    """Privacy (issue 13): the contact waits in its own table until consent; the slot (and so
    the tracker store) only keeps its mask."""
    ticket_id = tracker.get_slot("handoff_ticket_id")
    callback_contacts.hold(tracker.sender_id, channel, contact,
                           int(ticket_id) if isinstance(ticket_id, (int, float)) else None)
    return {"callback_contact": MASKS["phone" if channel == "telephone" else "email"]}


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        if tracker.get_slot("callback_channel") == "aucun":
            return ["callback_channel"]
        return list(CALLBACK_SLOTS)

    def validate_callback_channel(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:  # cleared, not answered: nothing to say
            return {"callback_channel": None}
        text = _plain(value)
        if re.search(r"\b(non|pas|aucun|rien)\b", text):
            return {"callback_channel": "aucun"}
        if re.search(r"tel|phone|appel|portable|mobile", text):
            return {"callback_channel": "telephone"}
        if re.search(r"mail|courriel", text):
            return {"callback_channel": "email"}
        dispatcher.utter_message(text="Répondez « téléphone », « e-mail » ou « non merci ».")
        return {"callback_channel": None}

    def validate_callback_contact(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:  # cleared, not answered: nothing to say
            return {"callback_contact": None}
        text = str(value or "").strip()
        if tracker.get_slot("callback_channel") == "email":
            if EMAIL_RE.match(text) and len(text) <= 254:
                return _held(tracker, "email", text)
            dispatcher.utter_message(text="Cette adresse e-mail ne semble pas complète. "
                                          "Écrivez-la sous la forme prenom.nom@exemple.fr.")
            return {"callback_contact": None}
        digits = re.sub(r"[\s.\-()]", "", text)
        match = PHONE_RE.match(digits)
        if match:
            number = "0" + match.group(1)
            return _held(tracker, "telephone", " ".join(number[i:i + 2] for i in range(0, 10, 2)))
        dispatcher.utter_message(text="Ce numéro ne semble pas valide. Écrivez un numéro "
                                      "français à 10 chiffres, par exemple 06 12 34 56 78.")
        return {"callback_contact": None}

    def validate_callback_time(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:  # cleared, not answered: nothing to say
            return {"callback_time": None}
        text = _plain(value)
        if "matin" in text:
            return {"callback_time": "le matin (9 h - 12 h)"}
        if "midi" in text or "aprem" in text:
            return {"callback_time": "l'après-midi (14 h - 18 h)"}
        if re.search(r"importe|indifferent|n'importe|quand|tout", text):
            return {"callback_time": "à tout moment des heures d'ouverture"}
        dispatcher.utter_message(text="Répondez « le matin », « l'après-midi » ou « peu importe ».")
        return {"callback_time": None}

    def validate_callback_consent(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:  # cleared, not answered: nothing to say
            return {"callback_consent": None}
        text = _plain(value)
        if re.search(r"\b(non|refuse|pas)\b", text):
            return {"callback_consent": "non"}
        if re.search(r"\b(oui|ok|d'accord|accepte|j'accepte|daccord|bien sur)\b", text):
            return {"callback_consent": "oui"}
        dispatcher.utter_message(text="Répondez « oui » ou « non ».")
        return {"callback_consent": None}


class ActionCallbackSubmit(Action):
    def name(self) -> Text:
        return "action_callback_submit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        clear = [SlotSet(slot, None) for slot in CALLBACK_SLOTS]
        channel = tracker.get_slot("callback_channel")
        if channel == "aucun" or tracker.get_slot("callback_consent") != "oui":
            await asyncio.to_thread(callback_contacts.forget, tracker.sender_id)
            kept = "" if channel == "aucun" else " Je n'ai gardé aucune de vos coordonnées."
            dispatcher.utter_message(text=f"D'accord, pas de rappel.{kept} {PHONE} "
                                          "Je reste à votre disposition pour vos questions.")
            return clear
        ticket_id = tracker.get_slot("handoff_ticket_id")
        contact = await asyncio.to_thread(callback_contacts.held, tracker.sender_id) \
            or tracker.get_slot("callback_contact")
        slot = tracker.get_slot("callback_time")
        try:
            await asyncio.to_thread(tickets.record_callback, int(ticket_id), channel, contact,
                                    slot, True)
            await asyncio.to_thread(callback_contacts.forget, tracker.sender_id)
        except Exception:
            logger.exception("cannot record the callback request")
            dispatcher.utter_message(text="Je n'ai pas pu enregistrer votre demande de rappel. "
                                          + PHONE)
            return clear
        how = "par téléphone au" if channel == "telephone" else "par e-mail à l'adresse"
        dispatcher.utter_message(
            text=(f"C'est noté : un conseiller vous contactera {how} {partly_masked(contact)}, {slot}, "
                  "dès que possible. Ces coordonnées ne servent qu'à ce rappel. "
                  "En attendant, je peux répondre à vos questions sur les aides."))
        return clear


def _buttons(*pairs: tuple[str, str]) -> list[dict]:
    return [{"title": title, "payload": payload} for title, payload in pairs]


class AskCallbackChannel(Action):
    def name(self) -> Text:
        return "action_ask_callback_channel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text="Souhaitez-vous qu'un conseiller vous recontacte ? Si oui, par téléphone ou par e-mail ?",
            buttons=_buttons(("Par téléphone", "téléphone"), ("Par e-mail", "e-mail"),
                             ("Non merci", "non merci")))
        return []


class AskCallbackContact(Action):
    def name(self) -> Text:
        return "action_ask_callback_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("callback_channel") == "email":
            text = "À quelle adresse e-mail le conseiller peut-il vous écrire ? Elle ne sert qu'à ce rappel."
        else:
            text = "À quel numéro le conseiller peut-il vous appeler ? Il ne sert qu'à ce rappel."
        dispatcher.utter_message(text=text)
        return []


class AskCallbackTime(Action):
    def name(self) -> Text:
        return "action_ask_callback_time"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text="Quel moment vous convient le mieux ?",
            buttons=_buttons(("Le matin (9 h - 12 h)", "le matin"),
                             ("L'après-midi (14 h - 18 h)", "l'après-midi"),
                             ("Peu importe", "peu importe")))
        return []


class AskCallbackConsent(Action):
    def name(self) -> Text:
        return "action_ask_callback_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text=("Acceptez-vous qu'un conseiller d'Action Logement vous contacte avec ces "
                  "coordonnées, pour cette demande uniquement ?"),
            buttons=_buttons(("Oui, j'accepte", "oui"), ("Non", "non")))
        return []
