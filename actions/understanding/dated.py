"""Dates of the message given to their field by the nearest cue of their clause (promesse,
mutation, emménager, contrat…)."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from .reading import Reading

_c = re.compile  # a rule pattern

# --------------------------------------------------------------------------- dates
_DATE_FIELD_CUES = [
    ("age", _c(r"\b(?:ne|nee|naissance|anniversaire)\b")),
    ("job_promise_start_date", _c(r"\b(?:promesse|promesses)\b")),
    ("mutation_date", _c(r"\b(?:mute|mutee|mutation|muter|mutes|mutees)\b")),
    ("move_in_date", _c(r"\b(?:emmenag\w*|demenag\w*|entree dans|entre dans|entree|entrer dans|rentrer dans|rentre dans|arrive dans|arrivee dans|suis arrive|suis arrivee|installe|installee|m'installer|installation|remise des cles|les cles|etat des lieux|date d'entree|j'habite la|j'y habite|je vis la|dans (?:l'|le |mon |ma |mon nouvel |mon nouveau |ma nouvelle |le nouvel |le nouveau |la nouvelle )(?:appart\w*|logement|studio|maison|chambre|coloc\w*)|j'habite (?:dans|ici)|je vis dans|bail commence|bail debute|debut du bail|pris (?:un|une|mon|ma|notre) (?:appart\w*|studio|logement|chambre|maison|location|coloc\w*|t\d|f\d))\b")),
    ("job_start_date", _c(r"\b(?:contrat|commence|commencer|commencerai|commencement|debut|debute|debuter|embauche|embauchee|prise de poste|prends mon poste|prendre mon poste|poste|cdi|cdd|alternance|alternant\w*|apprentissage|apprenti\w*|travaille|travail|recrute|recrutee|en poste|signe mon contrat|rentree|stage|mission|je bosse|boulot|la boite|l'entreprise|saison\w*|vendange\w*)\b")),
]

_CONTINUES = _c(r"^\s*(?:c'est|c'etait|ca|cela|ce sera|effecti\w*|depuis)\b")


def read_dates(r: Reading) -> tuple[dict, list]:
    """(date fields of the message, the dates no cue gives to a field)."""
    t = r.text
    out: dict[str, Any] = {}
    unassigned = []
    for d in r.dates:
        cs, ce = r.clause_of(d.start)
        clause_before = t[cs:d.start]
        clause_after = t[d.end:ce]
        best = None
        for fname, rx in _DATE_FIELD_CUES:
            for m in rx.finditer(clause_before):
                dist = len(clause_before) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, fname)
            for m in rx.finditer(clause_after):
                dist = m.start() + 5
                if best is None or dist < best[0]:
                    best = (dist, fname)
        if best is None and _CONTINUES.match(clause_before) and cs > 0:
            ps, _pe = r.clause_of(max(0, cs - 2))
            previous = t[ps:cs]
            hits = [(m.end(), fname) for fname, rx in _DATE_FIELD_CUES for m in rx.finditer(previous)]
            if hits:
                best = (0, max(hits)[1])
        if best is None:
            unassigned.append(d)
            continue
        fname = best[1]
        clause = t[cs:ce]
        for strong in ("job_promise_start_date", "mutation_date"):
            if dict(_DATE_FIELD_CUES)[strong].search(clause) and fname == "job_start_date":
                fname = strong
                break
        if fname == "age":
            continue
        out.setdefault(fname, d.value.isoformat())
    # "pas de promesse", "pas ete mute", "aucune mutation" -> False (none), only when stated
    if re.search(r"\b(?:pas|aucune|sans|jamais) (?:de |d')?(?:promesse)", t):
        out.setdefault("job_promise_start_date", False)
    if re.search(r"\b(?:pas (?:ete )?mute|pas (?:de |eu de )?mutation|aucune mutation|jamais (?:ete )?mute|sans mutation)", t):
        out.setdefault("mutation_date", False)
    return out, unassigned


_SIGNED_AGO = re.compile(r"\b(?:signe (?:le |mon |un |notre )?bail|bail (?:est |a ete )?signe) (?:il y a|depuis|ca fait|cela fait) (\d+) (jours?|semaines?|mois|ans?)\b")


def signed_ago_move_in(r: Reading) -> str | None:
    """The move-in date of a lease signed some time ago (« j'ai signé mon bail il y a 7 mois »)."""
    m = _SIGNED_AGO.search(r.text)
    if not m:
        return None
    today = r.today
    n, unit = int(m.group(1)), m.group(2)
    days = {"jour": 1, "semaine": 7}.get(unit.rstrip("s"))
    if days:
        return (today - _dt.timedelta(days=n * days)).isoformat()
    months = n * (12 if unit.startswith("an") else 1)
    y, mth = divmod(today.month - 1 - months, 12)
    year, month = today.year + y, mth + 1
    last = (_dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)).day
    return _dt.date(year, month, min(today.day, last)).isoformat()
