"""Visale zone of a place (town, département name or number, postal code, region).

The table is ``data/visale_zones.yml`` (sources and definition in that file), completed by the
territory files of the eligibility catalogue (``actions/eligibility/territories/*.yml``): every
commune of a territory (Rennes Métropole: 43 communes) resolves to the zone its file gives, from
the INSEE urban units, by name, INSEE code or postcode. Names are compared in a folded form:
lowercase, no accents, hyphens and apostrophes as spaces.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from actions.eligibility.territories import find_place as _territory_place, load_territories

from .text import fold

_DATA = Path(__file__).with_name("data") / "visale_zones.yml"
_AMBIGUOUS = object()
# Postal codes of the big cities themselves (zone II) whose département alone gives no zone.
_BIG_CITY_POSTCODES = frozenset(
    [f"690{i:02d}" for i in range(1, 10)] + [f"130{i:02d}" for i in range(1, 17)]
    + ["31000", "31100", "31200", "31300", "31400", "31500", "33000", "33100", "33200", "33300", "33800",
       "06000", "06100", "06200", "06300", "44000", "44100", "44200", "44300", "67000", "67100", "67200",
       "34000", "34070", "34080", "34090", "59000", "59160", "59260", "59777", "59800", "35000", "35200",
       "35700", "38000", "38100", "76000", "76100", "42000", "42100", "37000", "37100", "37200",
       "63000", "63100", "45000", "45100", "54000", "14000", "49000", "49100", "57000", "57050",
       "21000", "29200", "72000", "72100", "51100", "68100", "68200", "66000", "66100", "80000",
       "80080", "80090", "87000", "87100", "76600", "76610", "76620", "59140", "59240", "59640",
       "64100", "74000", "25000", "64000", "86000", "30000", "30900", "17000", "56100", "44600",
       "10000", "73000", "16000", "26000", "57100", "83000", "83100", "83200", "84000", "13100",
       "13090", "13080", "13290", "13540"])


def place_key(name: str) -> str:
    t = fold(name)
    t = re.sub(r"[-'’.]", " ", t)
    t = re.sub(r"\bst\b", "saint", t)
    t = re.sub(r"\bste\b", "sainte", t)
    return re.sub(r"\s+", " ", t).strip()


@functools.lru_cache(maxsize=1)
def _tables():
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    names: dict[str, object] = {}
    depts: dict[str, object] = {}

    def put(d, key, zone):
        key = place_key(str(key))
        old = d.get(key)
        if old is not None and old != zone:
            d[key] = _AMBIGUOUS
        else:
            d[key] = zone

    for code, labels in raw["zone_I_departements"].items():
        depts[str(code)] = "I"
        for lab in labels:
            put(names, lab, "I")
    for lab in raw["zone_I_regions"]:
        put(names, lab, "I")
    for code, labels in raw["zone_II_departements"].items():
        depts[str(code)] = "II"
        for lab in labels:
            put(names, lab, "II")
    for code, labels in raw["departements_without_big_agglomeration"].items():
        depts[str(code)] = "III"
        for lab in labels:
            put(names, lab, "III")
    for code, labels in raw["departements_with_big_agglomeration"].items():
        depts[str(code)] = None
        for lab in labels:
            put(names, lab, _AMBIGUOUS)
    for lab in raw["zone_I_communes"]:
        put(names, lab, "I")
    for communes in raw["zone_II_agglomerations"].values():
        for lab in communes:
            put(names, lab, "II")
    for lab in raw["zone_II_corse"] + raw["zone_II_drom"]:
        put(names, lab, "II")
    for lab in raw["zone_III_communes"]:
        put(names, lab, "III")
    for lab in raw["uncertain"] + raw["ambiguous"]:
        names[place_key(lab)] = _AMBIGUOUS
    # communes of the territory files: their zone comes from the file (INSEE urban units)
    for terr in load_territories().values():
        for c in terr.communes:
            key = place_key(c["name"])
            if names.get(key) not in (None, c["visale_zone"]):
                names[key] = _AMBIGUOUS if key not in _territory_names() else c["visale_zone"]
            else:
                names[key] = c["visale_zone"]
            bare = re.sub(r"^(?:le|la|les|l) ", "", key)  # "au Rheu", "à l'Hermitage"
            if bare != key and bare not in names:
                names[bare] = c["visale_zone"]
    # Paris arrondissements and "paris 15", "paris 15e"
    return names, depts


@functools.lru_cache(maxsize=1)
def _territory_names():
    keys = {place_key(c["name"]) for t in load_territories().values() for c in t.communes}
    return frozenset(keys | {re.sub(r"^(?:le|la|les|l) ", "", k) for k in keys})


def _from_code(code: str):
    code = code.upper()
    if re.fullmatch(r"\d{5}", code):
        tp = _territory_place(code)
        if tp is not None:
            return tp.zone  # postcode or INSEE code of a territory commune (None if it does not decide)
    _, depts = _tables()
    if code in _BIG_CITY_POSTCODES:
        return "II"
    if re.fullmatch(r"\d{5}", code):          # postal code
        if code.startswith("97"):
            return depts.get(code[:3])
        if code.startswith("20"):
            return "II"                        # Corse
        dep = code[:2]
        if dep == "75" or depts.get(dep) in ("I", "III"):
            return depts.get(dep)
        return None                            # a big agglomeration may or may not hold it
    code = code.lstrip("0") if len(code) > 2 else code
    if re.fullmatch(r"\d", code):
        code = "0" + code
    return depts.get(code)


def zone_for_place(name: str) -> str | None:
    """``"I"``, ``"II"``, ``"III"`` for a town, a département (name or number), a postal code or a
    region; None when the place is unknown or does not decide the zone (a département holding a
    big agglomeration, a name shared by places in different zones, a town near the threshold)."""
    if not name or not name.strip():
        return None
    key = place_key(name)
    names, _ = _tables()
    if key not in names:
        key = re.sub(r"^(?:a|au|aux|en|dans le|dans la|dans les|dans l|sur|vers|le|la|les|l|de|du)\s+", "", key)
    if re.fullmatch(r"\d{5}|\d{1,3}|2a|2b", key):
        return _from_code(key)
    tp = _territory_place(key)
    if tp is not None and tp.commune is not None:
        return tp.zone
    z = names.get(key)
    if z is None:
        m = re.fullmatch(r"(paris|lyon|marseille)\s+\d{1,2}(?:e|eme|er)?(?: arrondissement)?", key)
        if m:
            return names.get(m.group(1))
        m = re.fullmatch(r"(?:departement|dept|dep) (?:du |de la |de l |des |de )?(.+)", key)
        if m:
            return zone_for_place(m.group(1))
        return None
    return None if z is _AMBIGUOUS else z


_AWAY_BEFORE = re.compile(r"(?:km|kilometres?|min|minutes?|heures?|h|loin|eloigne|eloignee|route|trajet|train) (?:de |d')(?:la |le |l')?$")
_FROM_BEFORE = re.compile(r"(?:viens|venais|venant|arrive|arrivant|quitte|quitter|quittant|habitais|habitait|"
                          r"vivais|vivait|etais|ancien logement|ancien appart|originaire|parents|partir)\s+"
                          r"(?:de |d'|du |des |depuis )?(?:la |le |l')?$")
_PREP_BEFORE = re.compile(r"(?:\b(?:a|au|aux|en|dans|sur|vers|pres de|cote de|proche de|de|d'|du|pour|"
                          r"region|secteur|cote|agglo|agglomeration|ville de|commune de|quartier|banlieue de|"
                          r"mute a|muter a|mutee a|habite|installer a|installe a)\s+(?:le |la |les |l')?)$")
_NEEDS_PREP = {"nice", "tours", "pau", "sens", "lens", "gap", "orange", "grasse", "lourdes", "cannes",
               "aix", "die", "isle", "lons", "bron", "ifs", "dax", "apt", "bayeux", "vire", "metz", "caen",
               "brest", "nancy", "loos", "croix", "hem", "lomme", "mende", "foix", "auch", "flers",
               "millau", "thiers", "riom", "dole", "uzes", "redon", "vitre", "dinan", "saintes", "royan",
               "la garde", "la crau", "fontaine", "marly", "beaumont", "ile rousse", "corte", "calvi",
               "le port", "gex", "cluses", "moulins", "castres", "laval", "mayenne", "lot", "cher",
               "indre", "gard", "var", "nord", "aube", "aude", "ain", "loire", "marne", "manche", "somme",
               "oise", "orne", "eure", "allier", "jura", "doubs", "tarn", "gers", "creuse", "vienne",
               "landes", "vendee", "meuse", "drome", "isere", "rhone", "yonne", "savoie", "ardennes",
               "vosges", "corse", "aisne", "lot et garonne", "cantal", "lozere", "sarthe", "mans",
               "le mans", "reunion", "cognac", "sete", "agde", "cholet", "die"}


@functools.lru_cache(maxsize=1)
def _max_len():
    names, _ = _tables()
    return max(len(k.split()) for k in names)


def find_places(t: str):
    """Places named in folded text ``t``: list of (start_token, key, zone or None, role) where
    role is "from" for the former home ("je viens de Lyon") and "to" otherwise."""
    names, _ = _tables()
    spaced = re.sub(r"[-'.,;:!?()/]", " ", t)
    toks = spaced.split()
    out = []
    i = 0
    maxn = min(_max_len(), 6)
    while i < len(toks):
        hit = None
        for n in range(maxn, 0, -1):
            if i + n > len(toks):
                continue
            key = " ".join(toks[i:i + n])
            key = re.sub(r"\bst\b", "saint", key)
            if key in names:
                hit = (n, key)
                break
        if hit is None:
            m = None
            # "dans le 93", "le 69", "en 75", a postal code "93200"
            tok = toks[i]
            before = " ".join(toks[max(0, i - 2):i])
            if re.fullmatch(r"\d{5}", tok) and re.search(r"\b(?:a|au|en|dans|code postal|cp|le|vers)$", before) \
                    or re.fullmatch(r"(?:\d{2}|97[1-8]|2a|2b)", tok) and re.search(r"\b(?:dans le|dans l|en|departement|dept|du)$", before) \
                    and not re.match(r"\s*(?:ans|mois|km|min|h|heures?|jours?|semaines?|€|e|euros?|salaries|%|personnes|m2|"
                                     r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|/)",
                                     " ".join(toks[i + 1:i + 2])):
                m = tok
            if m is not None:
                out.append((i, m, _from_code(m), _role(toks, i)))
            i += 1
            continue
        n, key = hit
        before = " ".join(toks[max(0, i - 4):i]) + " "
        if n == 1 and (len(key) <= 5 or key in _NEEDS_PREP) or key in _NEEDS_PREP \
                or (key in _territory_names() and key != "rennes" and n <= 2):
            if not _PREP_BEFORE.search(before):
                i += n
                continue
        z = names[key]
        out.append((i, key, None if z is _AMBIGUOUS else z, _role(toks, i)))
        i += n
    return out


def _role(toks, i):
    before = " ".join(toks[max(0, i - 5):i])
    if _FROM_BEFORE.search(before + " " if before else "") or _AWAY_BEFORE.search(before + " "):
        return "from"
    if re.search(r"(?:\bde|\bdepuis|\bd)$", before) and not re.search(r"(?:pres|cote|proche|region|banlieue|ville|commune|agglo|agglomeration|secteur|departement) (?:de|d)$", before):
        return "from?"
    return "to"


def zone_in_text(t: str):
    """(zone, key) of the place where the new home is, from folded text; (None, None) if no place,
    (None, key) when the place does not decide the zone."""
    places = find_places(t)
    if not places:
        return None, None
    to = [p for p in places if p[3] == "to"]
    if not to:
        maybe = [p for p in places if p[3] == "from?"]
        if len(maybe) == len(places) and len(maybe) == 1:
            to = maybe  # "un appart près de Lyon" / "dans la région de Lyon": lone place
        else:
            return None, None
    last = to[-1]
    return last[2], last[1]
