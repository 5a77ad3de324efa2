"""One turn of the conversation, without Rasa: from the user's message and the conversation
state to the assistant's messages and the new state.

1. the employer context of the metadata, then the facts of the message: a clicked button, else
   ``actions.understanding.extract_facts`` (every fact) and ``parse_answer`` (the bare answer to
   the pending question), else « oui » / « non » / « je ne sais pas » from the intent;
2. the merge into the profile (the engine refuses impossible values, said in French);
3. not understood: the first deciding question when nothing is known yet (initiative), the
   pending question again (« pas pour l'instant » is never an ending), then an advisor offer;
4. the next question, or the verdict.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from actions import understanding
from actions.eligibility import field_spec

from .asking import ask_message, clean_facts, decode_button, label_answer, next_field
from .intents import asks_why_asked, is_goodbye, not_understood, says_later
from .questions import alongside_facts
from .state import Message, State, employer_facts
from .texts import (ENGLISH_OPENING, ENGLISH_TEXT, GOODBYE_TEXT, HELP_TEXT, INVITE_TEXT, LATER_TEXT,
                    OFF_TOPIC_TEXT, OPENING_TEXT, REASK_PREFIX, REASK_TEXT, REPHRASE_OPENING,
                    REPHRASE_TEXT, ROBOT_TEXT, THANKS_OPENING, THANKS_TEXT,
                    WHY_ASKED_PREFIX, advisor_offer, noted_text)
from .verdict import verdict_messages

# Intents whose message carries a situation: a project can be read from the intent itself when
# the text gave none (the understanding library reads the facts; this is only the NLU's hint).
PROJECT_OF_INTENT = {
    "chercher_logement": "louer",
    "acheter_logement": "acheter",
    "faire_travaux": "travaux",
    "difficulte_paiement": "difficulte",
}
PROJECT_HINT_MIN_CONFIDENCE = 0.7
FIRST_QUESTION = "project"


def opening_messages(intent: str, english: bool, today: _dt.date) -> list:
    """Nothing known yet: what the assistant does (in English for an English message), then the
    first deciding question with its buttons; free text is still read."""
    if english:
        return [{"text": ENGLISH_OPENING}, ask_message(FIRST_QUESTION)]
    lead = {"demander_aide": HELP_TEXT + "\n", "hors_sujet": OFF_TOPIC_TEXT + "\n",
            "demander_si_robot": ROBOT_TEXT + "\n", "remercier": THANKS_OPENING + "\n",
            "nlu_fallback": REPHRASE_OPENING + "\n"}.get(intent, "")
    return [ask_message(FIRST_QUESTION, prefix=lead + OPENING_TEXT)]


def pending_reply(state: State, pending: str, text: str, intent: str) -> Optional[list]:
    """A message that does not answer the pending question but keeps it open: « plus tard »,
    « pourquoi vous demandez ça ? », « je comprends pas » — the question again, never an end."""
    if asks_why_asked(text):
        return [ask_message(pending, prefix=WHY_ASKED_PREFIX + field_spec(pending)["why"] + "\n")]
    if says_later(text) and state.reask_count < 1:
        state.reask_count += 1
        return [ask_message(pending, prefix=LATER_TEXT)]
    if not_understood(text) and state.reask_count < 1:
        state.reask_count += 1
        return [ask_message(pending, prefix="Je reformule. ")]
    return None


def _dont_know(u, value) -> bool:
    return value is u.DONT_KNOW


def process_turn(state: State, msg: Message, today: _dt.date, notice_needed: bool = False) -> tuple:
    """One user message → (messages, new state). See the module documentation."""
    u = understanding
    state = State(profile=dict(state.profile), pending_field=state.pending_field,
                  aid_results=state.aid_results, skipped_fields=list(state.skipped_fields),
                  reask_count=state.reask_count, fallback_count=state.fallback_count)
    messages: list = []
    was_empty = not state.profile and state.aid_results is None
    pending = state.pending_field
    text = (msg.text or "").strip()
    is_payload = text.startswith("/")
    intent = msg.intent or ""

    # 1. employer context of the metadata (never asked afterwards)
    facts: dict = dict(employer_facts(msg.metadata))
    silent = set(facts)  # not repeated in "C'est noté"

    # 2. the facts of the message
    answered = None  # the value given to the pending question
    dont_know = False
    button = decode_button(msg.entities)
    if button is not None:
        facts[button[0]] = button[1]
        if button[0] == pending:
            answered = button[1]
    elif text and not is_payload:
        off_topic = intent == "hors_sujet"
        extracted = {}
        if not off_topic:
            try:
                extracted = u.extract_facts(text, today, pending) or {}
            except Exception:  # noqa: BLE001 - a bug in the library must not stop the dialogue
                extracted = {}
        facts.update({k: v for k, v in extracted.items() if v is not None})
        if pending:
            if pending in extracted:
                answered = extracted[pending]
            else:
                value = label_answer(pending, text)
                if value is None:
                    try:
                        value = u.parse_answer(pending, text, today)
                    except Exception:  # noqa: BLE001
                        value = None
                if _dont_know(u, value):
                    dont_know = True
                elif value is not None:
                    facts[pending] = value
                    answered = value
            if answered is None and not dont_know and not off_topic:
                spec = field_spec(pending)
                if intent == "ne_sait_pas" and not (says_later(text) and state.reask_count < 1):
                    dont_know = True
                elif intent in ("affirmer", "nier") and pending not in facts:
                    yes = intent == "affirmer"
                    if spec["type"] == "boolean":
                        answered = facts[pending] = yes
                    elif not yes and spec.get("none_allowed"):
                        answered = facts[pending] = False
                    elif not yes and spec.get("multiple"):
                        answered = facts[pending] = []
                    elif not yes and spec.get("zero_when_denied"):
                        answered = facts[pending] = 0
        if "project" not in facts and not state.profile.get("project") and intent in PROJECT_OF_INTENT \
                and msg.confidence >= PROJECT_HINT_MIN_CONFIDENCE:
            facts["project"] = PROJECT_OF_INTENT[intent]
    elif intent == "ne_sait_pas" and pending:
        dont_know = True

    # 3. merge (later values overwrite earlier ones: corrections)
    before = dict(state.profile)
    profile, kept, problems = clean_facts(state.profile, facts)
    changed = {k: v for k, v in kept.items() if before.get(k) != v}
    state.profile = profile
    for name in changed:
        if name in state.skipped_fields:
            state.skipped_fields.remove(name)
    if problems:
        messages.append({"text": " ".join(problems)})
    if dont_know and pending and pending not in state.skipped_fields:
        state.skipped_fields.append(pending)
    if pending and pending in changed:
        answered = changed[pending]
    understood = bool(changed) or dont_know or (answered is not None)

    if notice_needed and was_empty and (understood or intent in PROJECT_OF_INTENT):
        messages.insert(0, {"response": "utter_notice"})
    if pending and not understood and intent in ("dire_au_revoir", "remercier") and not is_goodbye(text):
        intent = "nlu_fallback"  # while a question is pending, only an unmistakable goodbye ends

    # 4. not understood
    if not understood:
        english = bool(text and not is_payload and _safe(u, "looks_english", text))
        if was_empty and not pending:
            # Initiative: nothing is known yet, so the first deciding question, with buttons;
            # after two messages not understood, an advisor is offered as well.
            if intent == "dire_au_revoir" and not english:  # a goodbye is answered, not questioned
                return messages + [{"text": GOODBYE_TEXT}], state
            state.fallback_count += 1
            extra = [advisor_offer()] if state.fallback_count >= 2 and not english else []
            state.pending_field = FIRST_QUESTION  # the next message is read as its answer first
            return messages + opening_messages(intent, english, today) + extra, state
        if english:
            messages.append({"text": ENGLISH_TEXT})
            if pending:
                messages.append(ask_message(pending))
            return messages, state
        if intent == "dire_au_revoir":  # unmistakable (else read as an answer above)
            return messages + [{"text": GOODBYE_TEXT}], state
        if pending and intent != "saluer":
            if intent == "hors_sujet":
                return messages + [{"text": OFF_TOPIC_TEXT}, ask_message(pending)], state
            if intent == "demander_si_robot":
                return messages + [{"text": ROBOT_TEXT}, ask_message(pending)], state
            reply = pending_reply(state, pending, text, intent)
            if reply is not None:
                return messages + reply, state
        elif intent == "remercier":
            return messages + [{"text": THANKS_TEXT}], state
        elif intent == "demander_si_robot":
            return messages + [{"text": ROBOT_TEXT}], state
        elif intent == "demander_aide":
            return messages + [{"text": HELP_TEXT}, {"text": INVITE_TEXT}], state
        elif intent == "hors_sujet":
            return messages + [{"text": OFF_TOPIC_TEXT}], state
        if intent == "saluer":  # a plain "bonjour": greeted by the rule, now the pending question
            messages.append({"text": INVITE_TEXT} if not pending else ask_message(pending))
            return messages, state
        nothing_said = intent in ("affirmer", "nier", "remercier") and not pending
        if nothing_said and state.aid_results is not None:
            messages.append({"text": "Avez-vous une autre question ? Vous pouvez aussi dire « recommencer »."})
            return messages, state
        state.fallback_count += 1
        if pending:
            state.reask_count += 1
            if state.reask_count < 2:
                messages.append(ask_message(pending, prefix=REASK_PREFIX.get(pending, REASK_TEXT)))
                if state.fallback_count >= 2:  # two misses in a row: a person can help
                    messages.append(advisor_offer())
                return messages, state
            # second unusable answer: accept it as "je ne sais pas" and move on
            state.skipped_fields.append(pending)
            messages.append({"text": "Ce n'est pas grave, passons à la suite."})
            if state.fallback_count >= 2:
                messages.append(advisor_offer())
        elif state.fallback_count >= 2:
            messages.append(advisor_offer())
            return messages, state
        elif state.profile or state.aid_results is not None:
            messages.append({"text": REPHRASE_TEXT})
            return messages, state
        else:
            messages.append({"text": REPHRASE_TEXT})
            return messages, state
    else:
        state.fallback_count = 0
        state.reask_count = 0 if (answered is not None or dont_know or pending is None) else state.reask_count
        shown = {k: v for k, v in changed.items() if k not in silent}
        if shown:
            messages.append({"text": noted_text(shown)})
        side = alongside_facts(text, msg.entities, state.profile, today) if changed and not is_payload else None
        if side:  # two needs in one message: the facts above, the question's answer here
            messages.append({"text": side})

    # 5. the next question, or the verdict
    name, result = next_field(state.profile, state.skipped_fields, today)
    if name is not None:
        if name != pending:
            state.reask_count = 0
        state.pending_field = name
        messages.append(ask_message(name))
        return messages, state
    state.pending_field = None
    state.reask_count = 0
    result_changed = state.aid_results is None or changed or dont_know or \
        _statuses(state.aid_results) != _statuses(result)
    state.aid_results = result
    if result_changed:
        messages.extend(verdict_messages(result))
    else:
        messages.append({"text": "Rien ne change dans ma réponse. Avez-vous une autre question ?"})
    return messages, state



def _statuses(result: Optional[dict]) -> dict:
    return {r["id"]: r["status"] for r in (result or {}).get("results", [])}


def _safe(u, name: str, *args) -> Any:
    fn = getattr(u, name, None)
    if fn is None:
        return None
    try:
        return fn(*args)
    except Exception:  # noqa: BLE001
        return None



def continue_after_digression(state: State) -> list:
    """After a product question or a "pourquoi pas": ask the pending question again."""
    if state.pending_field:
        return [ask_message(state.pending_field)]
    return []


def reset_state(previous: State, metadata_employer: dict, today: _dt.date) -> tuple:
    """A new empty profile (employer context kept), the first question."""
    state = State(profile=dict(metadata_employer))
    messages = [{"text": "C'est noté, on recommence à zéro : j'ai effacé vos réponses."}]
    name, _ = next_field(state.profile, [], today)
    if name:
        state.pending_field = name
        messages.append(ask_message(name))
    return messages, state
