"""The conversation logic, without Rasa: from one user message and the conversation state to
the assistant's messages and the new state.

The Rasa actions of ``actions/conversation/actions.py`` are thin wrappers around these
functions: they read the tracker (text, intent, entities, metadata, slots), call them, send the
messages and set the slots. Facts are read from French text by ``actions.understanding``
(``extract_facts``, ``parse_answer``); the questions, verdicts and product descriptions come from
the eligibility engine and its catalogue (``actions.eligibility``).

A message is a dict: ``{"text": ..., "buttons"?: [...], "custom"?: {...}}`` or
``{"response": "utter_..."}`` (a response of the domain).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Optional

from actions.eligibility import (ProfileError, evaluate, field_names, field_spec, format_date,
                                 format_euros, load_catalogue, next_question, validate_profile)

PHONE = "0970 800 800"  # the catalogue's phone number (every product has it); read below
ADVISOR_PAYLOAD = "/demander_conseiller"
EMPLOYER_FIELDS = {"sector": "employer_sector", "size": "employer_size", "contributes": "employer_contributes"}

# Intents whose message carries a situation: a project can be read from the intent itself when
# the text gave none (the understanding library reads the facts; this is only the NLU's hint).
PROJECT_OF_INTENT = {
    "chercher_logement": "louer",
    "acheter_logement": "acheter",
    "faire_travaux": "travaux",
    "difficulte_paiement": "difficulte",
}
PROJECT_HINT_MIN_CONFIDENCE = 0.7

# "non" / "aucun" / "pas de stage" to these questions means zero.
ZERO_WHEN_DENIED = {"internship_months", "cdd_months_last_6", "housing_benefit"}
MONEY_FIELDS = {"gross_monthly_salary", "net_monthly_salary", "monthly_resources", "rent", "housing_benefit"}
UNITS = {"previous_home_distance_km": " km", "previous_home_travel_minutes": " min",
         "internship_months": " mois", "cdd_months_last_6": " mois", "age": " ans",
         "employer_size": " salariés"}


# --------------------------------------------------------------------------------------------
# The understanding library (written in parallel): imported lazily so that the action server
# starts even while it is missing; without it only button answers are understood.
def understanding():
    try:
        from actions import understanding as u  # noqa: WPS433
    except ImportError:  # pragma: no cover - only while the library is not there yet
        return None
    return u


def _dont_know_marker(u):
    return getattr(u, "DONT_KNOW", object()) if u is not None else object()


# --------------------------------------------------------------------------------------------
@dataclass
class State:
    """The slots the conversation keeps (see domain.yml)."""
    profile: dict = field(default_factory=dict)
    pending_field: Optional[str] = None
    aid_results: Optional[dict] = None
    skipped_fields: list = field(default_factory=list)
    reask_count: int = 0
    fallback_count: int = 0

    @classmethod
    def from_slots(cls, slots: dict) -> "State":
        return cls(
            profile=dict(slots.get("profile") or {}),
            pending_field=slots.get("pending_field") or None,
            aid_results=slots.get("aid_results") or None,
            skipped_fields=list(slots.get("skipped_fields") or []),
            reask_count=int(slots.get("reask_count") or 0),
            fallback_count=int(slots.get("fallback_count") or 0),
        )

    def slots(self) -> dict:
        return {
            "profile": self.profile,
            "pending_field": self.pending_field,
            "aid_results": self.aid_results,
            "skipped_fields": list(self.skipped_fields),
            "reask_count": float(self.reask_count),
            "fallback_count": float(self.fallback_count),
        }


@dataclass
class Message:
    """What the actions know of the user's latest message."""
    text: str = ""
    intent: Optional[str] = None
    confidence: float = 0.0
    entities: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Small helpers
def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'")
    return re.sub(r"[^a-z0-9%']+", " ", text).strip()


def jsonable(value: Any) -> Any:
    """Slot values must be JSON: dates become ISO strings, tuples lists."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def employer_facts(metadata: Optional[dict]) -> dict:
    """Profile fields from the message metadata ``{"employer": {"sector", "size", "contributes"}}``."""
    employer = (metadata or {}).get("employer") if isinstance(metadata, dict) else None
    if not isinstance(employer, dict):
        return {}
    facts = {}
    for key, name in EMPLOYER_FIELDS.items():
        if employer.get(key) is not None:
            facts[name] = employer[key]
    return facts


def phone() -> str:
    for product in load_catalogue():
        if product.phone:
            return product.phone
    return PHONE


def value_text(name: str, value: Any) -> str:
    """A value in French for the 'C'est noté' line."""
    if value is False and name in ("job_promise_start_date", "mutation_date"):
        return "aucune"
    if isinstance(value, bool):
        return "oui" if value else "non"
    spec = field_spec(name)
    if isinstance(value, list):
        if not value:
            return "aucune"
        labels = {c["value"]: c["label"] for c in spec["choices"]}
        return ", ".join(labels.get(v, str(v)).lower() for v in value)
    if spec["choices"] and spec["type"] == "enum":
        labels = {c["value"]: c["label"] for c in spec["choices"]}
        return labels.get(value, str(value))
    if spec["type"] == "date":
        try:
            return format_date(value)
        except (TypeError, ValueError):
            return str(value)
    if name in MONEY_FIELDS and isinstance(value, (int, float)):
        return format_euros(value)
    if isinstance(value, (int, float)):
        number = format_euros(value)[:-2]  # the French number without " €"
        return number + UNITS.get(name, "")
    return str(value)


def noted_text(facts: dict) -> str:
    order = {n: i for i, n in enumerate(field_names())}
    parts = []
    for name in sorted(facts, key=lambda n: order.get(n, 999)):
        label = field_spec(name)["label"]
        if label.startswith("si "):  # "si votre période d'essai est terminée" → "Votre période ... : oui"
            label = label[3:]
        parts.append(f"{label[0].upper()}{label[1:]} : {value_text(name, facts[name])}")
    return "C'est noté. " + " ; ".join(parts) + "."


# --------------------------------------------------------------------------------------------
# Questions
def choices_for(spec: dict) -> list:
    choices = [dict(c) for c in spec["choices"]]
    if spec.get("multiple"):
        choices.append({"value": [], "label": "Aucune de ces difficultés"})
    return choices


def button_payload(name: str, value: Any) -> str:
    """``/informer{"reponse": "<field>:<value>"}``: understood by action_process_turn."""
    if isinstance(value, bool):
        encoded = "true" if value else "false"
    elif isinstance(value, list):
        encoded = "none" if not value else ",".join(value)
    else:
        encoded = str(value)
    return "/informer" + json.dumps({"reponse": f"{name}:{encoded}"}, ensure_ascii=False)


def ask_message(name: str, prefix: str = "") -> dict:
    spec = field_spec(name)
    text = f"{prefix}{spec['question']}\nPourquoi cette question : {spec['why']}"
    choices = choices_for(spec) if spec["ask"] in ("choice", "boolean") or spec["choices"] else []
    message = {
        "text": text,
        "custom": {"type": "ask", "field": name, "input": spec["ask"], "choices": choices},
    }
    if spec.get("multiple"):
        message["custom"]["multiple"] = True
    if choices:
        message["buttons"] = [{"title": c["label"], "payload": button_payload(name, c["value"])}
                              for c in choices]
    return message


def decode_button(entities: list) -> Optional[tuple]:
    """The (field, value) of a clicked button, from the entity ``reponse``."""
    for entity in entities or ():
        if entity.get("entity") != "reponse" or not isinstance(entity.get("value"), str):
            continue
        name, _, raw = entity["value"].partition(":")
        try:
            spec = field_spec(name)
        except KeyError:
            return None
        if spec["type"] == "boolean" or (raw in ("true", "false") and spec["type"] != "enum"):
            value: Any = raw == "true"
        elif spec["type"] == "date" and raw == "false":
            value = False
        elif spec.get("multiple"):
            value = [] if raw in ("none", "") else raw.split(",")
        elif spec["type"] in ("integer", "number"):
            try:
                value = float(raw)
                value = int(value) if value.is_integer() else value
            except ValueError:
                return None
        else:
            value = raw
        return name, value
    return None


def label_answer(name: str, text: str) -> Any:
    """The value of a choice whose label is exactly the text (a button title typed or sent)."""
    wanted = normalise(text)
    if not wanted:
        return None
    spec = field_spec(name)
    for choice in choices_for(spec):
        if normalise(choice["label"]) == wanted:
            value = choice["value"]
            return [value] if spec.get("multiple") and not isinstance(value, list) else value
    return None


def next_field(profile: dict, skipped: list, today: _dt.date) -> tuple:
    """(field to ask or None, evaluation result). Fields answered "je ne sais pas" are never
    asked again: the next most decisive field is asked instead (the engine's own order)."""
    result = evaluate(profile, today)
    if not skipped:
        return next_question(result), result
    counts: dict = {}
    for r in result["results"]:
        if r["status"] == "need_info":
            for name in r["missing"]:
                if name not in skipped:
                    counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None, result
    order = {n: i for i, n in enumerate(field_names())}
    return min(counts, key=lambda n: (-counts[n], order.get(n, 999))), result


def clean_facts(profile: dict, facts: dict) -> tuple:
    """Merge ``facts`` into ``profile``; facts the engine refuses are dropped with a French
    explanation. Returns (new profile, kept facts, list of problems)."""
    kept = {k: jsonable(v) for k, v in facts.items() if v is not None}
    problems = []
    for _ in range(len(kept) + 1):
        merged = dict(profile)
        merged.update(kept)
        try:
            validate_profile(merged)
            return merged, kept, problems
        except ProfileError as error:
            if error.field in kept:
                value = kept.pop(error.field)
                try:
                    label = field_spec(error.field)["label"]
                except KeyError:  # a fact the profile does not know: ignored silently
                    continue
                problems.append(f"Je n'ai pas pu retenir {label} ({value}) : la valeur ne semble pas possible.")
            elif error.field in profile:
                profile = {k: v for k, v in profile.items() if k != error.field}
            else:
                break
    return dict(profile), {}, problems


# --------------------------------------------------------------------------------------------
# Verdict
def _first_sentence_list(items: list) -> str:
    return " ; ".join(s.rstrip(".") for s in items)


MAX_CONDITIONS = 2  # the summary stays short; the aid_results payload carries every condition


def verdict_messages(result: dict) -> list:
    """The aid_results payload and a short French summary."""
    results = result["results"]
    eligible = [r for r in results if r["status"] == "eligible"]
    to_confirm = [r for r in results if r["status"] == "to_confirm"]
    need_info = [r for r in results if r["status"] == "need_info"]
    lines = []
    if eligible:
        lines.append("D'après vos réponses, vous pouvez demander :")
        for r in eligible:
            amount = (r.get("amount") or {}).get("text")
            line = f"• {r['name']}"
            if amount:
                line += f" : {amount}"
            if r.get("apply_url"):
                line += f". Demande sur {r['apply_url']}"
            conditions = r.get("conditions") or []
            if conditions:
                line += f". À condition de : {_first_sentence_list(conditions[:MAX_CONDITIONS])}"
                more = len(conditions) - MAX_CONDITIONS
                if more == 1:
                    line += " (et une autre condition, détaillée sur le site de la demande)"
                elif more > 1:
                    line += f" (et {more} autres conditions, détaillées sur le site de la demande)"
            lines.append(line + ".")
    else:
        lines.append("D'après vos réponses, aucune aide d'Action Logement ne vous est ouverte pour l'instant.")
    if to_confirm:
        lines.append("À vérifier avec un conseiller :")
        for r in to_confirm:
            reason = r["reasons"][0] if r.get("reasons") else ""
            lines.append(f"• {r['name']} : {reason}".rstrip(" :"))
    if need_info:
        labels = sorted({field_spec(m)["label"] for r in need_info for m in r.get("missing", [])})
        names = ", ".join(r["name"] for r in need_info)
        lines.append(f"Pour {names}, il faudrait connaître : {', '.join(labels)}.")
    lines.append("Vous pouvez me demander « pourquoi pas Visale ? » pour une aide absente de cette liste, "
                 "corriger une réponse (« en fait j'ai 31 ans ») ou dire « recommencer ».")
    summary = {"text": "\n".join(lines)}
    payload = {"custom": dict({"type": "aid_results"}, **result)}
    return [summary, payload]


# --------------------------------------------------------------------------------------------
# Products
PRODUCT_ALIASES = {
    "visale": ["visale", "vizale", "garantie visale", "visa visale"],
    "avance_loca_pass": ["avance loca pass", "loca pass", "locapass", "loca-pass", "avance locapass"],
    "mobili_jeune": ["mobili jeune", "mobilijeune", "mobili jeunes", "mobili-jeune", "mobile jeune"],
    "mobili_jeune_vte": ["mobili jeune vte", "aide vte", "vte"],
    "mobili_pass": ["mobili pass", "mobilipass", "mobili-pass"],
    "pret_accession": ["pret accession", "pret 1%", "pret 1 %", "pret employeur", "pret action logement"],
    "pret_travaux": ["pret travaux"],
    "logement_social_alin": ["al'in", "al in", "alin", "logement social", "hlm"],
    "accompagnement_salaries_difficulte": ["accompagnement", "difficulte", "conseiller social"],
    "agri_loca_pass": ["agri loca pass", "agri locapass"],
    "agri_mobili_jeune": ["agri mobili jeune"],
    "agri_mobilite": ["agri mobilite"],
    "aide_saisonniers_agricoles": ["saisonniers agricoles", "saisonnier agricole", "aide aux saisonniers"],
    "agri_accession": ["agri accession"],
    "agri_travaux": ["agri travaux"],
    "aide_mobilite": ["aide mobilite", "aide a la mobilite"],
    "mon_job_mon_logement": ["mon job mon logement"],
    "prime_accession": ["prime accession", "prime de 10000", "prime de 10 000"],
    "garantie_loca_pass": ["garantie loca pass", "garantie locapass"],
    "aide_adaptation_vieillissement": ["vieillissement"],
    "aide_renovation_energetique": ["renovation energetique"],
    "pret_agrandissement": ["pret agrandissement", "agrandissement"],
    "aide_exceptionnelle_covid": ["covid"],
    "louer_pour_l_emploi": ["louer pour l'emploi", "louer pour l emploi"],
}


def _alias_table() -> list:
    table = []
    catalogue = load_catalogue()
    for product in catalogue:
        table.append((normalise(product.name), product.id))
        table.append((normalise(product.id.replace("_", " ")), product.id))
    for pid, aliases in PRODUCT_ALIASES.items():
        table.extend((normalise(a), pid) for a in aliases)
    return sorted({(a, p) for a, p in table if a}, key=lambda x: -len(x[0]))


_ALIASES: list = []


def find_product(text: str, entities: list) -> Optional[str]:
    """The catalogue id the message is about (entity ``produit``, else a known name in the text)."""
    global _ALIASES
    if not _ALIASES:
        _ALIASES = _alias_table()
    ids = set(load_catalogue().products) | {u["id"] for u in load_catalogue().unverified}
    for entity in entities or ():
        if entity.get("entity") == "produit":
            value = str(entity.get("value"))
            if value in ids:
                return value
            found = find_product(value, [])
            if found:
                return found
    padded = f" {normalise(text)} "
    for alias, pid in _ALIASES:
        if f" {alias} " in padded:
            return pid
    return None


def _unverified(product_id: str) -> Optional[dict]:
    for u in load_catalogue().unverified:
        if u["id"] == product_id:
            return u
    return None


def product_info_text(product_id: Optional[str], today: _dt.date) -> str:
    if product_id is None:
        return ("De quelle aide parlez-vous ? Je connais par exemple la garantie Visale, l'Avance Loca-Pass, "
                "l'aide Mobili-Jeune, le Prêt Accession, le Prêt Travaux et AL'in.")
    unverified = _unverified(product_id)
    if unverified:
        return f"{unverified['name']} : {unverified['note']} Vous pouvez joindre Action Logement au {phone()}."
    p = load_catalogue()[product_id]
    if p.end is not None and p.end < today:
        text = (f"{p.name} n'existe plus : les dernières demandes datent du {format_date(p.end)}"
                + (f" ({p.end_note.rstrip('.')})" if p.end_note else "") + f". C'était : {p.summary}")
    else:
        text = f"{p.name} : {p.summary} Montant : {p.amounts}"
        if p.apply_url:
            text += f" Demande sur {p.apply_url}."
        if p.phone:
            text += f" Téléphone : {p.phone}."
    if p.sources:
        source = p.sources[0]
        text += f"\nSource : {source.get('title')} ({source.get('url')})."
    return text


def why_not_text(product_id: Optional[str], result: dict) -> str:
    if product_id is None:
        return "Pour quelle aide voulez-vous savoir ? Par exemple : « pourquoi pas Mobili-Jeune ? »."
    unverified = _unverified(product_id)
    if unverified:
        return f"{unverified['name']} : {unverified['note']}"
    entry = next((r for r in result["results"] if r["id"] == product_id), None)
    if entry is None:  # pragma: no cover - every catalogue product is in the results
        return "Je ne trouve pas cette aide dans le catalogue."
    name, status, reasons = entry["name"], entry["status"], entry.get("reasons") or []
    if status == "ineligible":
        return f"{name} ne vous est pas ouverte : " + " ".join(reasons)
    if status == "ended":
        return f"{name} : " + " ".join(reasons)
    if status == "eligible":
        amount = (entry.get("amount") or {}).get("text")
        text = f"Bonne nouvelle : d'après vos réponses, vous pouvez demander {name}"
        text += f" ({amount})." if amount else "."
        if entry.get("apply_url"):
            text += f" Demande sur {entry['apply_url']}."
        return text
    if status == "to_confirm":
        return f"{name} est à vérifier avec un conseiller : " + " ".join(reasons)
    labels = ", ".join(field_spec(m)["label"] for m in entry.get("missing", []))
    return f"Pour {name}, il me manque encore : {labels}."


def advisor_offer() -> dict:
    return {
        "text": ("Je n'arrive pas à vous comprendre, désolé. Un conseiller d'Action Logement peut vous aider : "
                 f"appelez le {phone()} (appel non surtaxé), ou demandez à parler à un conseiller."),
        "buttons": [{"title": "Parler à un conseiller", "payload": ADVISOR_PAYLOAD}],
    }


REPHRASE_TEXT = "Pardon, je n'ai pas compris. Pouvez-vous reformuler en quelques mots ?"
ENGLISH_TEXT = ("Je suis désolé, ce service ne parle que français. "
                "Sorry, this assistant only speaks French: you can write to me in French, or call Action Logement "
                "on +33 970 800 800.")


# --------------------------------------------------------------------------------------------
# The brain
REASK_TEXT = ("Pardon, je n'ai pas compris votre réponse : pouvez-vous reformuler ? "
              "Vous pouvez aussi répondre « je ne sais pas ».\n")
# A town missing from the zone table is a common unusable answer: say what would do instead.
REASK_PREFIX = {
    "zone": ("Je ne trouve pas ce lieu dans ma table des zones. Dites-moi plutôt si le logement est en "
             "Île-de-France, dans une grande agglomération (plus de 100 000 habitants), en Corse ou outre-mer, "
             "ou ailleurs (choix ci-dessous). Vous pouvez aussi répondre « je ne sais pas ».\n"),
}


def _dont_know(u, value) -> bool:
    return u is not None and value is _dont_know_marker(u)


def process_turn(state: State, msg: Message, today: _dt.date, notice_needed: bool = False) -> tuple:
    """One user message → (messages, new state). See the module documentation."""
    u = understanding()
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
        if u is not None and not off_topic:
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
                if value is None and u is not None:
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
                if intent == "ne_sait_pas":
                    dont_know = True
                elif intent in ("affirmer", "nier") and pending not in facts:
                    yes = intent == "affirmer"
                    if spec["type"] == "boolean":
                        answered = facts[pending] = yes
                    elif not yes and spec.get("none_allowed"):
                        answered = facts[pending] = False
                    elif not yes and spec.get("multiple"):
                        answered = facts[pending] = []
                    elif not yes and pending in ZERO_WHEN_DENIED:
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

    # 4. not understood
    if not understood:
        if intent == "hors_sujet":
            messages.append({"response": "utter_hors_sujet"})
            if pending:
                messages.append(ask_message(pending))
            return messages, state
        if u is not None and text and not is_payload and _safe(u, "looks_english", text):
            messages.append({"text": ENGLISH_TEXT})
            if pending:
                messages.append(ask_message(pending))
            return messages, state
        if intent == "saluer":  # a plain "bonjour": greeted by the rule, now the invitation
            messages.append({"response": "utter_inviter"} if not pending else ask_message(pending))
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


RESET_WORDS = ("recommenc", "zero", "reset", "reinitialis", "depuis le debut", "efface", "nouvelle simulation",
               "refaire", "reprendre", "repartir")


def asks_reset(text: str) -> bool:
    """Whether a message classified as "recommencer" really asks for it (a wrong guess would
    erase the profile): one of the words of a reset must be there, or a button payload."""
    if (text or "").startswith("/recommencer"):
        return True
    folded = normalise(text)
    return any(word in folded for word in RESET_WORDS)


WHY_WORDS = ("pourquoi", " pq ", "pkoi", " pk ", "pas droit", "pas le droit", "refuse", "bloque", "il manque",
             "comment ca se fait")


def asks_why_not(text: str) -> bool:
    """A question about an aid that is really a "pourquoi pas" (the classifier mixes the two)."""
    folded = f" {normalise(text)} "
    return any(word in folded for word in WHY_WORDS)


def is_english(text: str) -> bool:
    """The understanding library's judgement when it is there; else trust the classifier."""
    u = understanding()
    if u is None or getattr(u, "looks_english", None) is None:
        return True
    return bool(_safe(u, "looks_english", text))


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
