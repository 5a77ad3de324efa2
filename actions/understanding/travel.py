"""Distance and travel time between the former and the new home (« à 80 km de chez mes
parents », « 1h15 de train »); commuting figures are not the move."""
from __future__ import annotations

import re

from .numbers import DURATION, clean_number, duration_minutes
from .reading import Reading

_c = re.compile  # a rule pattern

# --------------------------------------------------------------------------- distances / times
_TRAVEL = _c(r"\b(?:route|trajet|train|voiture|tgv|ter|bus|transports?|metro|rer|d'ici|de chez|ancien|ancienne|distance|loin|eloigne|eloignee|de mes parents|de l'ancien|de mon ancien|km|en car|en avion|de porte a porte|minutes? de|heures? de|aller)\b")
_COMMUTE = _c(r"\b(?:par jour|chaque jour|par semaine|aller-retour|aller retour|a/r|quotidien|tous les jours|par an|km/h|de pause|de travail|par nuit)\b")


def read_distance_time(r: Reading, used: set) -> dict:
    """previous_home_distance_km and previous_home_travel_minutes of the move."""
    t, nums, pending = r.text, r.numbers, r.pending
    out = {}
    for n in nums:
        if n.unit == "km" and n.start not in used:
            after = t[n.end:n.end + 25]
            if _COMMUTE.search(after) or re.match(r"\s*/\s*h", after):
                continue
            out.setdefault("previous_home_distance_km", clean_number(n.value))
            used.add(n.start)
    for m in DURATION.finditer(t):
        mins = duration_minutes(m)
        if mins is None or mins <= 0 or mins > 10000:
            continue
        cs, ce = r.clause_of(m.start())
        clause = t[cs:ce]
        after = t[m.end():m.end() + 25]
        before = t[max(cs, m.start() - 20):m.start()]
        if _COMMUTE.search(after) or re.search(r"\b(?:35|39)\s*h", m.group(0)) and "semaine" in clause:
            continue
        travel = bool(_TRAVEL.search(clause)) or pending == "previous_home_travel_minutes"
        if not travel:
            if re.search(r"\ba\s*$", before) and (m.group("m") or m.group("tq") or m.group("dh")):
                travel = True
        if not travel:
            continue
        if re.search(r"\b(?:a|vers|des|jusqu'a|jusqu a|avant|apres)\s*$", before) and not _TRAVEL.search(after) \
                and m.group("h") and not m.group("m") and "de" not in after[:4]:
            continue  # "je commence a 9h"
        out.setdefault("previous_home_travel_minutes", clean_number(mins))
        for n in nums:
            if m.start() <= n.start < m.end():
                used.add(n.start)
    return out
