"""Which answer a question gets, whatever intent the classifier gave it: a hypothesis (« et si… »),
a why-not, a follow-up aspect of an aid or a topic outside Action Logement. ``None`` means the
message is not such a question (the turn reads it as facts or an answer)."""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from actions import understanding

from . import follow_up, why_not
from .asking import ask_message
from .intents import asks_why_not, is_hypothesis, is_question
from .products import find_products
from .state import Message, State
from .texts import ENGLISH_OPENING, ENGLISH_TEXT

QUESTION_INTENTS = {"question_produit", "pourquoi_pas"}


# The kind of aid a question on an aspect is most likely about, when it names none.
KIND_OF_ASPECT = {"amount": "subvention", "payment": "subvention", "repayment": "pret", "coverage": "garantie",
                  "landlord": "garantie", "confidential": "accompagnement_salaries_difficulte"}


def context_product_of(previous_texts: list, aid_results: Optional[dict], aspect: Optional[str] = None) -> Optional[str]:
    """The aid the conversation was about: the last one named, else the open aid of the kind the
    aspect suggests (« combien je vais toucher ? » is about a subsidy), else the first open one."""
    for text in reversed(previous_texts):
        found = find_products(text)
        if found:
            return found[0]
    open_aids = [r for r in (aid_results or {}).get("results", []) if r.get("status") == "eligible"]
    kind = KIND_OF_ASPECT.get(aspect or "")
    for r in open_aids:
        if kind and kind in (r.get("kind"), r.get("id")):
            return r["id"]
    return open_aids[0]["id"] if open_aids else None


def _new_facts(state: State, msg: Message, today: _dt.date) -> dict:
    try:
        facts = understanding.extract_facts(msg.text or "", today, state.pending_field) or {}
    except Exception:  # noqa: BLE001
        return {}
    return {k: v for k, v in facts.items() if v is not None and state.profile.get(k) != v}


def answer_question(state: State, msg: Message, today: _dt.date, previous_texts: list = ()) -> Optional[list]:
    """The messages answering a question about the aids, or None. While a question is pending,
    only a real question (a « ? » or a question word) that names an aid or a topic is answered,
    and the pending question is asked again after it."""
    text = (msg.text or "").strip()
    if not text or text.startswith("/"):
        return None
    pids = find_products(text, msg.entities)
    pending = state.pending_field
    asked = is_question(text) or msg.intent in QUESTION_INTENTS
    verdict_known = state.aid_results is not None
    during_questions = bool(pending) or not verdict_known
    # « et si j'avais 28 ans ? » is answered on a copy, also while a question is pending (its facts
    # are not answers)
    # « si je prends 600 € de Loca-Pass, je rembourse combien ? » asks an aspect, not a hypothesis
    leading_si = not during_questions and follow_up.aspect_of(text) is None
    hypothesis = is_hypothesis(text, leading_si=leading_si) and bool(state.profile)
    if during_questions and not hypothesis:
        # during the questions: a question naming an aid or a topic, carrying no new fact
        if not asked or _new_facts(state, msg, today):
            return None
        if not pids and follow_up.topic_of(text) is None:
            return None
    reply: Optional[str] = None
    topic = follow_up.topic_of(text)
    if topic and not pids:
        reply = follow_up.topic_answer(topic)
    if reply is None and hypothesis:
        reply = why_not.hypothesis_text(state.profile, text, today, pids)
    why = asks_why_not(text) or (msg.intent == "pourquoi_pas" and follow_up.aspect_of(text) in (None, "who"))
    if reply is None and why and verdict_known:
        reply = why_not.why_not_text(pids, state.aid_results, text)
    if reply is None:
        context = None if pids else context_product_of(list(previous_texts), state.aid_results,
                                                        follow_up.aspect_of(text))
        reply = follow_up.answer(text, msg.entities, state.profile, today, context_product=context)
    if reply is None and msg.intent in QUESTION_INTENTS and pids:
        reply = follow_up.product_answer(pids[0], None, state.profile, text, today)
    if reply is None:
        return None
    messages = [{"text": reply}]
    if pending:
        messages.append(ask_message(pending))
    return messages


def alongside_facts(text: str, entities: list, profile: dict, today: _dt.date) -> Optional[str]:
    """« j'ai 24 ans, c'est quoi Visale au fait ? »: the facts are read by the turn, and the question
    about an aid (or a topic outside Action Logement) that came with them gets its answer too."""
    if not text or text.startswith("/") or not is_question(text) or is_hypothesis(text, leading_si=False) \
            or asks_why_not(text):
        return None
    if not find_products(text, entities) and follow_up.topic_of(text) is None:
        return None
    return follow_up.answer(text, entities, profile, today)


def product_info_text(product_id: Optional[str], today: _dt.date) -> str:
    if product_id is None:
        return ("De quelle aide parlez-vous ? Je connais par exemple la garantie Visale, l'Avance Loca-Pass, "
                "l'aide Mobili-Jeune, le Prêt Accession, le Prêt Travaux et AL'in.")
    return follow_up.product_answer(product_id, None, {}, "", today)


def is_english(text: str) -> bool:
    try:
        return bool(understanding.looks_english(text))
    except Exception:  # noqa: BLE001
        return False


def english_reply(state: State) -> list:
    """A message in English: a short English explanation and the buttons of the question."""
    if state.pending_field:
        return [{"text": ENGLISH_TEXT}, ask_message(state.pending_field)]
    if not state.profile and state.aid_results is None:
        return [{"text": ENGLISH_OPENING}, ask_message("project")]
    return [{"text": ENGLISH_TEXT}]
