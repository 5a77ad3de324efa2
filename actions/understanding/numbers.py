"""Numbers, amounts, distances and travel times in normalised French text (see text.norm)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# "1 200", "1.200", "1200", "1,5", "1.2"; "1,2 k" and "1k2" handled by the caller of _value
NUMBER = re.compile(
    r"(?<![\w/.,])(?P<num>\d{1,3}(?:[ .]\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<k>k)(?P<kfrac>\d{1,3})?(?:\s?(?:€|e|euros?)\b)?(?![a-z]))?")
_UNIT = re.compile(
    r"\s*(?P<unit>€|eur\b|euros?\b|e\b|balles\b|boules\b|km\b|kilometres?\b|ans\b|an\b|mois\b|jours?\b|"
    r"semaines?\b|min\b|minutes?\b|h\b|heures?\b|salaries\b|salariés\b|employes\b|personnes\b|collaborateurs\b|"
    r"agents\b|enfants?\b|pieces?\b|m2\b|m²|%|fois\b|etages?\b|ans\b|annees\b)?")


@dataclass(frozen=True)
class Num:
    start: int
    end: int
    value: float
    unit: str | None
    raw: str


def _value(m: re.Match) -> float:
    raw = m.group("num")
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+", raw):
        v = float(raw.replace(" ", "").replace(".", ""))
    else:
        v = float(raw.replace(",", "."))
    if m.group("k"):
        frac = m.group("kfrac")
        v = v * 1000 + (float(frac) * 10 ** (3 - len(frac)) if frac else 0)
    return v


def find_numbers(t: str) -> list[Num]:
    out = []
    for m in NUMBER.finditer(t):
        v = _value(m)
        u = _UNIT.match(t, m.end())
        unit = u.group("unit") if u else None
        end = u.end() if unit else m.end()
        if m.group("k"):
            unit = "€"
        if unit in ("eur", "euro", "euros", "e", "balles", "boules"):
            unit = "€"
        if unit in ("kilometre", "kilometres"):
            unit = "km"
        if unit == "an":
            unit = "ans"
        out.append(Num(m.start(), end, v, unit, t[m.start():end]))
    return out


def clean_number(v: float):
    """An int when the value is whole (1200.0 -> 1200), else the float rounded to 2 decimals."""
    r = round(v, 2)
    return int(r) if r == int(r) else r


# Travel times: "1h15", "1 h 30", "2 heures", "1 heure et demie", "45 min", "une demi-heure",
# "trois quarts d'heure", "1h30 de route".
DURATION = re.compile(
    r"(?<![\w])(?:(?P<h>\d+(?:[.,]5)?)\s*(?:h|heures?)(?:\s*(?:et\s+)?(?P<hm>\d{1,2})(?:\s*(?:min|minutes?))?"
    r"|\s+et\s+(?P<half>demie?|quart))?|(?P<m>\d+)\s*(?:min|minutes?)\b|(?P<dh>une demi-heure|une demi heure|1 demi-heure|1/2 ?h|1/2 heure)"
    r"|(?P<tq>3 quarts? d'? ?heure|trois quarts? d'? ?heure|3/4 d'? ?heure|3/4 ?h)|(?P<uneh>une heure|1 heure)(?:\s+et\s+(?P<half2>demie?|quart))?)(?![\w/])")


def duration_minutes(m: re.Match) -> float | None:
    g = m.groupdict()
    if g.get("h"):
        v = float(g["h"].replace(",", ".")) * 60
        if g.get("hm"):
            v += int(g["hm"])
        elif g.get("half"):
            v += 30 if g["half"].startswith("demi") else 15
        return v
    if g.get("m"):
        return float(g["m"])
    if g.get("dh"):
        return 30.0
    if g.get("tq"):
        return 45.0
    if g.get("uneh"):
        v = 60.0
        if g.get("half2"):
            v += 30 if g["half2"].startswith("demi") else 15
        return v
    return None


APPROX_WORDS = {"une dizaine": 10, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
                "une quarantaine": 40, "une cinquantaine": 50, "une soixantaine": 60, "une centaine": 100,
                "un millier": 1000, "des milliers": 1000, "quelques centaines": 300}
