"""The money reader: salaries (gross or net), resources, rent with its charges, housing benefit;
yearly amounts divided by 12; counts (« 3 loyers impayés ») are not amounts."""
from __future__ import annotations

import re
from typing import Any

from .numbers import clean_number
from .reading import Reading
from .work import _ACTIVITY_RULES

_c = re.compile  # a rule pattern

# --------------------------------------------------------------------------- money
_MONEY_CATS = [
    ("housing_benefit", _c(r"\b(?:apl|als|alf|aide au logement|aides au logement|aide logement|aides logement|allocation logement|allocations logement|aide de la caf|caf|alloc|allocs|aide personnalisee au logement)\b")),
    ("rent", _c(r"\b(?:loyer|loyers|cc|charges comprises|hc|hors charges|charges|je loue|louer|loue|location|appart|studio|logement|chambre|coloc|colocation|t\d|f\d)\b")),
    ("salary", _c(r"\b(?:salaire|salaires|touche|touches|gagne|gagnes|paye|payee|paie|remuneration|remunere|remuneree|smic|brut|net|nets|bruts|fiche de paie|bulletin de salaire|mensuel|mensuels|par mois)\b")),
    ("resources", _c(r"\b(?:revenus|revenu|ressources|foyer|menage|a deux|nos|notre|ensemble|on gagne|on touche|conjoint|conjointe|mari|femme|copain|copine|compagnon|compagne)\b")),
]
_YEARLY = _c(r"\b(?:par an|/ ?an|annuel|annuels|annuelle|l'annee|brut annuel|net annuel|a l'annee|k€ ?/ ?an)\b")
_NOT_MONEY_UNITS = {"km", "ans", "mois", "jours", "jour", "semaine", "semaines", "min", "minute", "minutes", "h",
                    "heure", "heures", "salaries", "salariés", "employes", "personnes", "collaborateurs",
                    "agents", "enfant", "enfants", "piece", "pieces", "m2", "m²", "%", "fois", "etage",
                    "etages", "annees", "loyers", "baux", "logements", "apparts", "echeances", "mensualites",
                    "retards", "impayes", "credits", "prets"}


def _is_alternant_context(t: str, facts: dict) -> bool:
    return facts.get("activity") == "alternant" or bool(_ACTIVITY_RULES[0][1].search(t))


def read_money(r: Reading, used: set, facts: dict) -> dict:
    """Salaries, resources, rent and housing benefit of the message (see the module docstring);
    « pas d'APL » is a housing benefit of 0."""
    found = _money(r, used, facts)
    if re.search(r"\b(?:pas d'apl|pas d'aide au logement|pas d'als|aucune apl|aucune aide au logement|sans apl|pas le droit (?:aux|a l')apl|0 d'apl|zero apl)\b", r.text):
        found.setdefault("housing_benefit", 0)
    return found


def _money(r: Reading, used: set, facts: dict) -> dict:
    t, nums, date_spans = r.text, r.numbers, r.date_spans
    found: dict[str, Any] = {}
    charges_extra = None
    for n in nums:
        if n.start in used or n.unit in _NOT_MONEY_UNITS:
            continue
        if re.match(r"\s*(?:loyers|baux|logements|apparts|echeances|mensualites|retards|impayes|credits|prets|mois)\b", t[n.end:]):
            continue  # a count (« 3 loyers impayés », « ça fait 2 loyers »), not an amount
        if any(s <= n.start < e for s, e in date_spans):
            continue
        if re.search(r"\b(?:t|f)$", t[max(0, n.start - 2):n.start]) and n.unit is None:
            continue
        cs, ce = r.clause_of(n.start)
        clause = t[cs:ce]
        rel = n.start - cs
        after = t[n.end:n.end + 40]
        before = t[max(cs, n.start - 45):n.start]
        # post-positioned markers win: "250 d'apl", "1100 brut", "650 cc", "50 de charges"
        cat = None
        post = re.match(r"\s*(?:€|euros?|e)?\s*(?:par mois |/ ?mois |mensuels? )?(?P<w>d'apl|d'als|d'alf|de caf|d'aides? au logement|d'aide logement|d'aides? logement|d'allocs?|d'allocation logement|de loyer|brut|bruts|net|nets|cc|charges comprises|hc|hors charges|de charges|de salaire|de revenus|de ressources)\b", after)
        if post:
            w = post.group("w")
            if w in ("d'apl", "d'als", "d'alf", "de caf", "d'allocs", "d'alloc", "d'allocation logement") or "logement" in w:
                cat = "housing_benefit"
            elif w in ("de loyer", "cc", "charges comprises", "hc", "hors charges"):
                cat = "rent"
            elif w == "de charges":
                charges_extra = n.value
                used.add(n.start)
                continue
            elif w in ("brut", "bruts", "net", "nets", "de salaire"):
                cat = "salary"
            else:
                cat = "resources"
        if cat is None:
            best = None
            for name, rx in _MONEY_CATS:
                for m in rx.finditer(clause):
                    if name == "rent" and m.group(0) in ("appart", "studio", "logement", "chambre", "coloc", "colocation", "louer", "loue", "location", "je loue") \
                            and n.unit != "€" and not re.search(r"\ba\s*$", before):
                        continue
                    if name == "resources" and m.group(0) in ("nos", "notre", "ensemble", "a deux") and n.unit != "€" \
                            and not re.search(r"revenu|ressource|gagn|touch", clause):
                        continue
                    d = (rel - m.end()) if m.end() <= rel else (m.start() - rel) + 8
                    if d < 0:
                        d = 0
                    if best is None or d < best[0]:
                        best = (d, name)
            if best is not None:
                cat = best[1]
        if cat is None:
            continue
        if n.unit is None and cat in ("salary", "resources") and n.value < 100:
            continue
        value = n.value
        window = t[max(cs, n.start - 60):min(ce, n.end + 40)]
        yearly = bool(_YEARLY.search(t[n.end:min(ce, n.end + 30)])) or bool(re.search(r"\bannuel", window))
        if re.search(r"revenu fiscal|\brfr\b|avis d'imposition", window):
            continue
        if cat == "salary":
            if re.search(r"\b(?:revenus|ressources|foyer|menage|a deux|on gagne|nos salaires)\b", clause):
                cat = "resources"
        if cat in ("salary", "resources") and (yearly or (value > 10000 and not re.search(r"par mois|/ ?mois|mensuel", window))):
            value = value / 12
        elif yearly:
            continue
        if cat == "salary":
            mark = re.search(r"\b(brut|bruts|brute|net|nets|nette)\b", t[max(cs, n.start - 25):min(ce, n.end + 25)])
            if mark:
                field = "gross_monthly_salary" if mark.group(1).startswith("brut") else "net_monthly_salary"
            else:
                field = "gross_monthly_salary" if _is_alternant_context(t, facts) else "net_monthly_salary"
        elif cat == "resources":
            field = "monthly_resources"
        else:
            field = cat
        # « 600 hc + 50 de charges », « 550 + 50 de charges »: the charges are added to the rent
        if field == "rent" and re.match(r"\s*(?:€|euros?|e)?\s*(?:hc\b|hors charges|\+)", after):
            found["_rent_hc"] = True
        if field in found:
            continue
        found[field] = clean_number(round(value, 2))
        used.add(n.start)
    if charges_extra is not None and "rent" in found and found.pop("_rent_hc", False):
        found["rent"] = clean_number(found["rent"] + charges_extra)
    found.pop("_rent_hc", None)
    return found
