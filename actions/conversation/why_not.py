"""Why an aid is not open, in this person's values, with what would change it; and « et si… /
même si… » hypotheses evaluated on a copy of the profile (the stored profile never changes)."""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from actions import understanding
from actions.eligibility import (ProfileError, evaluate, field_spec, format_date, is_project_reason, load_catalogue,
                                 validate_profile)

from .follow_up import answers, source_line
from .intents import normalise
from .state import jsonable
from .texts import value_text

# The products people ask about when they name none (« pourquoi j'ai droit à rien ? »).
MAIN_PRODUCTS = ("visale", "avance_loca_pass", "mobili_jeune", "pret_accession", "pret_travaux",
                 "accompagnement_salaries_difficulte")
# Words of a question that point at one kind of reason (« c'est à cause de mon âge ? »).
THEMES = {
    "age": (("age", " ans", "vieux", "jeune", "30 ans"), ("ans",)),
    "salaire": (("salaire", "gagne", "paie", "revenu", "smic", "brut", "net"), ("salaire", "smic", "ressources", "€")),
    "distance": (("km", "distance", "loin", "trajet", "minutes"), ("km", "minutes", "rapprocher")),
    "famille": (("pere", "mere", "parent", "famille", "oncle", "tante", "grand"), ("parent", "famille")),
    "fonctionnaire": (("fonctionnaire", "titulaire", "public", "mairie"), ("fonctionnaire", "public")),
    "bail": (("bail", "signe", "emmenage", "trop tard", "delai"), ("bail", "signature", "mois", "entree")),
    "taille": (("salaries", "taille", "petite", "boite", "entreprise"), ("salariés", "entreprise")),
}


def _rule_source(pid: str, codes: list) -> Optional[str]:
    product = load_catalogue()[pid]
    for code in codes:
        rule = product.rules.get(code)
        if rule and rule.get("source"):
            date = rule.get("source_date")
            when = f", {format_date(date)}" if date else ""
            return f"Source : {rule['source']}{when} (règle {code})."
    if product.sources:
        s = product.sources[0]
        return source_line({"title": s.get("title"), "url": s.get("url"), "date": s.get("date")})
    return None


def _theme_of(text: str) -> Optional[str]:
    f = f" {normalise(text)} "
    for theme, (words, _) in THEMES.items():
        if any(w in f for w in words):
            return theme
    return None


def _pick_reasons(reasons: list, theme: Optional[str]) -> list:
    if theme is None:
        return reasons
    marks = THEMES[theme][1]
    chosen = [r for r in reasons if any(m.lower() in r.lower() for m in marks)]
    return chosen or reasons


def _change_text(rules: list) -> Optional[str]:
    changes = answers().get("changes") or {}
    for code in rules:
        if code in changes:
            return changes[code]
    return None


def entry_text(entry: dict, theme: Optional[str] = None) -> str:
    name, status, reasons = entry["name"], entry["status"], entry.get("reasons") or []
    if status == "ineligible":
        chosen = _pick_reasons(reasons, theme)
        text = f"{name} ne vous est pas ouverte : " + " ; ".join(r.rstrip(".") for r in chosen) + "."
        change = _change_text(entry.get("rules") or [])
        if change:
            text += f" Ce qui changerait la réponse : {change}"
        return text
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


def why_not_text(pids: list, result: dict, text: str = "") -> str:
    """The why-not answer for the aids named (or the main aids that are not open)."""
    theme = _theme_of(text)
    by_id = {r["id"]: r for r in result["results"]}
    catalogue = load_catalogue()
    parts = []
    if not pids:
        pids = [p for p in MAIN_PRODUCTS if by_id.get(p, {}).get("status") == "ineligible"]
        # the aids of the person's project first: « j'y ai pas droit ? » from a buyer is not about Visale
        on_project = [p for p in pids if not any(is_project_reason(r) for r in by_id[p].get("reasons") or [])]
        pids = on_project or pids
        if theme:
            pids = [p for p in pids if _pick_reasons(by_id[p]["reasons"], theme) != by_id[p]["reasons"]] or pids
        if not pids:
            return ("D'après vos réponses, aucune aide ne vous est refusée : la liste ci-dessus dit ce que vous "
                    "pouvez demander. Un conseiller peut vous en dire plus au 0970 800 800.")
    for pid in pids[:3]:
        unverified = next((u for u in catalogue.unverified if u["id"] == pid), None)
        if unverified:
            parts.append(f"{unverified['name']} : {unverified['note']}\n"
                         "Source : catalogue de l'assistant (aucune source publique ne décrit cette aide).")
            continue
        entry = by_id.get(pid)
        if entry is None:
            continue
        line = entry_text(entry, theme)
        source = _rule_source(pid, entry.get("rules") or [])
        parts.append(line + (f"\n{source}" if source else ""))
    return "\n".join(parts)


# -- hypotheses ----------------------------------------------------------------------------------
HYPOTHESIS_FACTS = {  # words of a hypothesis that state a fact the reader cannot date
    "mut": {"mutation_date": "today"},
    "promesse": {"job_promise_start_date": "today"},
    "bail mobilite": {"bail_mobilite": True},
}


def hypothesis_facts(text: str, today: _dt.date) -> dict:
    clause = normalise(text)
    for marker in ("et si", "meme si", "si jamais", "imaginons", "admettons", "supposons", "dans le cas ou"):
        if marker in clause:
            clause = clause.split(marker, 1)[1]
            break
    try:
        facts = understanding.extract_facts(clause, today, None) or {}
    except Exception:  # noqa: BLE001 - a bug in a reader must not stop the dialogue
        facts = {}
    for word, extra in HYPOTHESIS_FACTS.items():
        if word in clause:
            for name, value in extra.items():
                facts.setdefault(name, today.isoformat() if value == "today" else value)
    return {k: v for k, v in facts.items() if v is not None and k != "project"}


def hypothesis_text(profile: dict, text: str, today: _dt.date, pids: list) -> Optional[str]:
    """« Et si j'avais 28 ans ? »: the verdict on a copy of the profile; None when the hypothesis
    states no fact the assistant can read."""
    facts = {k: jsonable(v) for k, v in hypothesis_facts(text, today).items()}
    if not facts:
        return None
    changed = {k: v for k, v in facts.items() if profile.get(k) != v}
    if not changed:
        changed = facts
    supposed = dict(profile)
    supposed.update(changed)
    try:
        validate_profile(supposed)
    except ProfileError:
        return None
    before = {r["id"]: r for r in evaluate(profile, today)["results"]}
    after = {r["id"]: r for r in evaluate(supposed, today)["results"]}
    said = " et ".join(
        f"{field_spec(k)['label']} : {value_text(k, v)}"
        + (f" (au lieu de {value_text(k, profile[k])})" if profile.get(k) not in (None, v) else "")
        for k, v in changed.items())
    lines = [f"Si c'était le cas ({said}) — sans changer vos réponses enregistrées :"]
    watch = pids or [p for p in after if after[p]["status"] != before.get(p, {}).get("status")
                     and not load_catalogue()[p].discontinued]
    if not watch:
        watch = [p for p in MAIN_PRODUCTS if after.get(p, {}).get("status") in ("eligible", "to_confirm")][:3]
        lines.append("rien ne changerait dans ma réponse.")
    sources = []
    for pid in watch[:4]:
        entry = after[pid]
        status = entry["status"]
        if status == "eligible":
            lines.append(f"• {entry['name']} : vous pourriez la demander.")
        elif status == "ineligible":
            lines.append(f"• {entry['name']} : toujours pas ouverte ({(entry.get('reasons') or [''])[0]}).")
        elif status == "to_confirm":
            lines.append(f"• {entry['name']} : à vérifier avec un conseiller.")
        elif status == "need_info":
            labels = ", ".join(field_spec(m)["label"] for m in entry.get("missing", []))
            lines.append(f"• {entry['name']} : il faudrait aussi connaître {labels}.")
        source = _rule_source(pid, entry.get("rules") or [])
        if source and source not in sources:
            sources.append(source)
    lines.extend(sources[:2])
    return "\n".join(lines)
