"""Answers to the questions people ask about an aid, from ``catalogue/answers.yml``.

Python decides which entry answers (the aid named, else the one the conversation was about;
the aspect named by the question's words; a topic outside Action Logement), the catalogue says
what is answered and where it comes from. Every answer ends with its dated source. An aspect the
catalogue cannot answer says so and offers an advisor.
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from pathlib import Path
from typing import Optional

import yaml

from actions import understanding
from actions.eligibility import format_date, format_euros, load_catalogue, value_at

from .products import find_products, normalise

ANSWERS_FILE = Path(__file__).resolve().parent.parent / "eligibility" / "catalogue" / "answers.yml"


@functools.lru_cache(maxsize=1)
def answers() -> dict:
    return yaml.safe_load(ANSWERS_FILE.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _keyword(word: str) -> str:
    """A trigger word of answers.yml, normalised once (they are a few hundred, read each turn)."""
    return normalise(word)


def _has(folded: str, words) -> bool:
    padded = f" {folded} {folded.replace(chr(39), ' ')} "  # « l'apl » names « apl »
    return any(f" {w} " in padded or (len(w) > 5 and w in folded)
               for w in map(_keyword, words))


def aspect_of(text: str) -> Optional[str]:
    """The first aspect whose words are in the question (the order of answers.yml)."""
    folded = normalise(text)
    for aspect, words in answers()["aspects"].items():
        if _has(folded, words):
            return aspect
    return None


# « 200 d'APL », « 150 € d'apl »: a figure the person gives, not a question about the APL
_FIGURE_OF = re.compile(r"\d[\d\s]*(?:€|e|euros?)?\s*(?:d'|de |d )\s*[a-z]+")


def topic_of(text: str) -> Optional[str]:
    folded = _FIGURE_OF.sub(" ", normalise(text))
    for topic, entry in answers()["topics"].items():
        if _has(folded, entry["words"]):
            return topic
    return None


def source_line(source: dict) -> str:
    date = source.get("date")
    when = f", {format_date(date)}" if isinstance(date, (_dt.date, str)) and date else ""
    return f"Source : {source.get('title')} ({source.get('url')}{when})."


def _catalogue_source(product) -> dict:
    if product.sources:
        s = product.sources[0]
        return {"title": s.get("title"), "url": s.get("url"), "date": s.get("date")}
    return {"title": "catalogue de l'assistant", "url": "https://www.actionlogement.fr", "date": None}


# -- personalised figures ---------------------------------------------------------------------
def _money_in(text: str) -> Optional[float]:
    """An amount of money written in the question (« si je prends 600 € »)."""
    for m in re.finditer(r"(\d[\d\s\u202f\u00a0]*(?:[.,]\d+)?)\s*(?:€|e\b|euros?\b|balles\b)", text or ""):
        raw = re.sub(r"[\s\u202f\u00a0]", "", m.group(1)).replace(",", ".")
        try:
            return float(raw)
        except ValueError:
            continue
    return None


def loca_pass_repayment(entry: dict, profile: dict, text: str, today: _dt.date) -> str:
    terms = entry["terms"]
    ceiling = value_at("loca_pass_montant_max", today)
    amount = _money_in(text)
    if amount is None or amount <= 0:
        amount, prefix = ceiling, f"Pour l'avance maximale de {format_euros(ceiling)}"
    else:
        amount = min(amount, ceiling)
        prefix = f"Pour une avance de {format_euros(amount)}"
    monthly = max(terms["monthly_min"], math.ceil(amount / terms["months_max"]))
    months = math.ceil(amount / monthly)
    return f"{prefix} : environ {format_euros(monthly)} par mois pendant {months} mois."


def mobili_jeune_amount(entry: dict, profile: dict, text: str, today: _dt.date) -> str:
    rent, benefit = profile.get("rent"), profile.get("housing_benefit")
    if rent is None:
        return "Dites-moi votre loyer et vos APL, je calcule votre montant."
    benefit = benefit or 0
    bounds = value_at("mobili_jeune_montant_mensuel", today)
    yearly_cap = value_at("mobili_jeune_plafond_annuel", today)
    rest = rent - benefit
    if rest < bounds["min"]:
        return (f"Pour vous : loyer {format_euros(rent)} moins {format_euros(benefit)} d'APL, il reste "
                f"{format_euros(max(rest, 0))} à votre charge, moins de {format_euros(bounds['min'])} : pas d'aide.")
    monthly = min(rest, bounds["max"])
    return (f"Pour vous : loyer {format_euros(rent)} moins {format_euros(benefit)} d'APL = {format_euros(rest)}, "
            f"soit {format_euros(monthly)} par mois (dans la limite de {format_euros(yearly_cap)} par an).")


PERSONAL = {"loca_pass_repayment": loca_pass_repayment, "mobili_jeune_amount": mobili_jeune_amount}


def _with_question_facts(profile: dict, text: str, today: _dt.date) -> dict:
    """The profile plus the facts the question states (« avec 450 de loyer et 380 d'APL »), on a
    copy: the figure is personal, the stored profile does not change here."""
    try:
        facts = understanding.extract_facts(text, today, None) or {}
    except Exception:  # noqa: BLE001
        facts = {}
    merged = dict(profile)
    merged.update({k: v for k, v in facts.items() if v is not None})
    return merged


def _entry_text(pid: str, aspect: str, entry: dict, profile: dict, text: str, today: _dt.date) -> str:
    body = entry["text"]
    profile = _with_question_facts(profile, text, today) if "{personal}" in body else profile
    if "{personal}" in body:
        compute = PERSONAL.get(entry.get("personal"))
        body = body.replace("{personal}", compute(entry, profile, text, today) if compute else "").strip()
    return body


# -- the answer --------------------------------------------------------------------------------
def _ended_text(product, today: _dt.date) -> Optional[str]:
    if product.end is None or product.end >= today:
        return None
    note = f" ({product.end_note.rstrip('.')})" if product.end_note else ""
    return (f"{product.name} n'existe plus : elle a pris fin le {format_date(product.end)}{note}. "
            f"C'était : {product.summary}")


def product_answer(pid: str, aspect: Optional[str], profile: dict, text: str, today: _dt.date) -> str:
    """One product, one aspect: the catalogue's answer with its source."""
    catalogue = load_catalogue()
    unverified = next((u for u in catalogue.unverified if u["id"] == pid), None)
    if unverified is not None:
        return (f"{unverified['name']} : {unverified['note']} Un conseiller peut vous répondre au 0970 800 800.\n"
                "Source : catalogue de l'assistant (aucune source publique ne décrit cette aide).")
    product = catalogue[pid]
    ended = _ended_text(product, today)
    if ended:
        return f"{ended}\n{source_line(_catalogue_source(product))}"
    entries = answers()["products"].get(pid, {})
    aspect = aspect or "what"
    entry = entries.get(aspect)
    if entry is None and aspect in ("what", "exists"):
        body = f"{product.name} : {product.summary} Montant : {product.amounts}"
        if aspect == "exists":
            body = f"{product.name} existe toujours. {product.summary}"
        return f"{body}\n{source_line(_catalogue_source(product))}"
    if entry is None:
        return answers()["unknown"].format(name=product.name)
    return f"{_entry_text(pid, aspect, entry, profile, text, today)}\n{source_line(entry['source'])}"


def topic_answer(topic: str) -> str:
    entry = answers()["topics"][topic]
    return f"{entry['text']}\n{source_line(entry['source'])}"


def compare_answer(pids: list, profile: dict, text: str, today: _dt.date) -> str:
    parts = [product_answer(pid, "what", profile, text, today) for pid in pids[:2]]
    return "\n".join(parts)


def answer(text: str, entities: list, profile: dict, today: _dt.date,
           context_product: Optional[str] = None) -> Optional[str]:
    """The answer to a follow-up question, or None when the message is not one we can answer
    (no aid, no aspect, no topic: the caller handles it as any other message)."""
    pids = find_products(text, entities)
    aspect = aspect_of(text)
    topic = topic_of(text)
    if topic and not pids:
        return topic_answer(topic)
    if len(pids) == 1 and aspect == "compare":  # « la différence entre Mobili-Jeune et l'APL »: both sides
        first = product_answer(pids[0], "what", profile, text, today)
        return f"{first}\n{topic_answer(topic)}" if topic else first
    if len(pids) >= 2 and aspect in ("compare", "what", None):
        return compare_answer(pids, profile, text, today)
    if len(pids) >= 2 and aspect == "cumul":
        return product_answer(pids[0], "cumul", profile, text, today)
    pid = pids[0] if pids else context_product
    if pid is None:
        return None
    if not pids and aspect is None:
        return None
    return product_answer(pid, aspect, profile, text, today)
