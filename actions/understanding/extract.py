"""Free French text -> employee-profile facts (interfaces.md section 4).

Choices (documented in the package docstring too):
- A salary without "brut"/"net" is the gross salary for an alternant (their contract states a
  gross salary, and Mobili-Jeune reads the contract salary) and the net salary otherwise.
- A yearly amount ("24 000 € brut par an", or a salary over 10 000 without "par mois") is divided
  by 12 for salaries and household resources; "revenu fiscal" amounts are ignored.
- "plus de 50 salariés" -> 51, "moins de 10 salariés" -> 9, "une vingtaine" -> 20.
- A rent "hors charges" is kept as the rent unless charges are given ("600 hc + 50 de charges" -> 650).
- A CDI started at least 8 months ago (the longest trial period, renewal included) is confirmed.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from . import dates as _dates
from .numbers import APPROX_WORDS, DURATION, clean_number, duration_minutes, find_numbers
from .places import zone_for_place, zone_in_text
from actions.eligibility import field_names, field_spec

from .text import fold, norm
from .clauses import _negated, _SIGNED_AGO, _denied, _c  # noqa: F401
from .work import _employer_size, _months_facts, _activity_contract, _sector  # noqa: F401
from .housing import _BOOL_RULES, _PROJECT_RULES, _EVENT_RULES, _PURCHASE_RULES, _WORKS_RULES, _DWELLING_RULES  # noqa: F401
from .money import _YEARLY, _NOT_MONEY_UNITS, _money  # noqa: F401
from .people import _age  # noqa: F401
from .travel import _distance_time  # noqa: F401
from .dated import _dates_facts  # noqa: F401


class _DontKnow(str):
    """The answer "je ne sais pas". A str (JSON-friendly), compare with ``is DONT_KNOW``."""
    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls, "DONT_KNOW")
        return cls._inst

    def __repr__(self):
        return "DONT_KNOW"

    def __reduce__(self):
        return (_DontKnow, ())


DONT_KNOW = _DontKnow()
Facts = dict  # dict[str, Any]: profile field -> value

# --------------------------------------------------------------------------- field kinds
# Read from the one schema of profile fields (catalogue/fields.yml): no list of names here.
_SPECS = {name: field_spec(name) for name in field_names()}
MONEY_FIELDS = tuple(n for n, s in _SPECS.items() if s.get("money"))
DATE_FIELDS = tuple(n for n, s in _SPECS.items() if s["type"] == "date")
NONE_ALLOWED_DATES = tuple(n for n, s in _SPECS.items() if s["type"] == "date" and s.get("none_allowed"))
BOOL_FIELDS = tuple(n for n, s in _SPECS.items() if s["type"] == "boolean")
ENUMS = {n: tuple(c["value"] for c in s["choices"]) for n, s in _SPECS.items() if s["type"] in ("enum", "enum_list")}
# bounds of fields.yml: a value outside is not a fact (the bot asks again)
BOUNDS = {n: (s["min"], s["max"]) for n, s in _SPECS.items() if "min" in s and "max" in s}


def _in_bounds(field: str, value) -> bool:
    b = BOUNDS.get(field)
    if b is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    return b[0] <= value <= b[1]


NUMBER_FIELDS = tuple(n for n, s in _SPECS.items() if s["type"] in ("integer", "number") and n != "as_of")









# --------------------------------------------------------------------------- public API

def _yes_no(t: str):
    """True/False for an answer that starts with a yes or a no, else None."""
    t = t.strip(" .!?,;:")
    if re.match(r"^(?:pas encore|non|nan|nope|no|nop|nn|pas du tout|absolument pas|jamais|aucun|aucune|pas vraiment|"
                r"du tout|negatif|nada|que dalle|non merci|toujours pas|pas pour l'instant|pas pour le moment|"
                r"pas encore non|faux|c'est faux|pas que je sache|ce n'est pas le cas|pas le cas|nenni|ben non|bah non|"
                r"euh non|heu non|oh non|surement pas|certainement pas|pas (?:de|d')\w+|je n'ai pas|j'ai pas|je ne suis pas|"
                r"je suis pas|il n'y a pas|y a pas|pas)\b", t):
        return False
    if re.match(r"^(?:oui|ouais|ouaip|ouai|ouep|oue|ui|wi|yes|yep|yup|ok|d'accord|bien sur|tout a fait|exact|"
                r"exactement|c'est ca|c'est bien ca|affirmatif|absolument|evidemment|carrement|certainement|"
                r"effectivement|si|en effet|c'est exact|c'est le cas|voila|volontiers|je confirme|confirme|vrai|"
                r"c'est vrai|bien entendu|correct|c'est correct|bah oui|ben oui|euh oui|heu oui|oui oui|of course|"
                r"tout a fait|c'est bon|bon|yes)\b", t):
        return True
    return None


_DONT_KNOW = _c(r"(?:\b(?:je\s+)?(?:ne\s+)?(?:sais|sait|connais)\s+(?:pas|plus|rien)\b|\bj'?sais pas\b|\baucune idee\b|\bpas d'idee\b|"
                r"\bjsp\b|\bnsp\b|\bchais pas\b|\bj'en sais rien\b|\bj'en ai aucune idee\b|\bje n'en sais rien\b|"
                r"\bpas sur\b|\bpas sure\b|\bje ne suis pas sur|\bje suis pas sur|\baucun idee\b|\bidk\b|"
                r"\bje ne me souviens (?:pas|plus)\b|\bje me souviens (?:pas|plus)\b|\bje ne sais\b|\bincertain\b|"
                r"\bje l'ignore\b|\bne sait pas\b|\bje ne connais pas\b|\bje connais pas\b|\bpas la moindre idee\b|"
                r"\bbonne question\b|\bdon'?t know\b|\baucune? id[eé]e\b|^\s*\?+\s*$)")


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(norm(text)))


_INCOME_FIELDS = ("gross_monthly_salary", "net_monthly_salary", "monthly_resources")
_INCOME_MARKS = {"gross_monthly_salary": r"\bbrut", "net_monthly_salary": r"\bnet(?:s|te|tes)?\b",
                 "monthly_resources": r"\b(?:revenus?|ressources?|foyer|menage|a deux|ensemble)\b"}


def extract_facts(text: str, today: _dt.date, pending_field: str | None = None) -> dict:
    """Every profile field the message states (see the package docstring)."""
    if not text or not text.strip():
        return {}
    t = norm(text)
    facts: dict[str, Any] = {}
    nums = find_numbers(t)
    used: set[int] = set()

    _activity_contract(t, facts)
    _sector(t, facts)
    if facts.get("activity") == "agent_public_contractuel":
        facts["employer_sector"] = "public"
    if facts.get("employer_sector") == "public" and facts.get("activity") in ("salarie", None) \
            and facts.get("contract") in ("cdd", "cdi") and not re.search(r"\bfonctionnaire|titulaire\b", t):
        facts["activity"] = "agent_public_contractuel"

    date_facts, unassigned = _dates_facts(t, today, pending_field)
    mentions = _dates.find_dates(t, today)
    date_spans = [(d.start, d.end) for d in mentions]
    for d in mentions:  # numbers inside dates are not amounts or ages
        for n in nums:
            if d.start <= n.start < d.end:
                used.add(n.start)

    age = _age(t, nums, used, today)
    if age is not None:
        facts["age"] = age
    facts.update(_distance_time(t, nums, used, pending_field))
    size = _employer_size(t, nums, used)
    if size is not None:
        facts["employer_size"] = size
    months = _months_facts(t, nums, used)
    facts.update(months)
    for n in nums:
        if n.unit == "mois":
            used.add(n.start)
    facts.update(_money(t, nums, used, facts, date_spans))
    if re.search(r"\b(?:pas d'apl|pas d'aide au logement|pas d'als|aucune apl|aucune aide au logement|sans apl|pas le droit (?:aux|a l')apl|0 d'apl|zero apl)\b", t):
        facts.setdefault("housing_benefit", 0)

    for fname, value, rx, negatable in _BOOL_RULES:
        if fname in facts:
            continue
        for m in rx.finditer(t):
            neg = negatable and _negated(t, m.start(), m.end())
            if fname == "lease_signed" and value is True and re.search(r"\b(?:je signe|vais signer|on signe)\b", t[max(0, m.start() - 5):m.end()]):
                neg = True
            facts[fname] = (not value) if neg else value
            break

    # project, events, purchase, works, dwelling
    proj = None
    for value, rx in _PROJECT_RULES:
        for m in rx.finditer(t):
            if value in ("acheter", "travaux") and _negated(t, m.start(), m.end()):
                continue
            if value == "difficulte" and _denied(t, m.start()):
                continue
            proj = value
            break
        if proj:
            break
    if proj:
        facts["project"] = proj
    events = []
    strong_only = proj != "difficulte" and pending_field not in ("difficulty_events", "project")
    for value, rx in _EVENT_RULES:
        m = next((m for m in rx.finditer(t) if not _denied(t, m.start())), None)
        if not m or (value in ("separation", "maladie", "deces", "sinistre", "expulsion") and _negated(t, m.start(), m.end())):
            continue
        if strong_only and value in ("separation", "maladie", "perte_emploi", "impayes_loyer", "impayes_pret"):
            if not re.search(r"impaye|expuls|surendet|payer|dette|huissier", t):
                continue
        events.append(value)
    if events:
        facts["difficulty_events"] = events
    if proj == "acheter" or pending_field == "purchase_operation":
        for value, rx in _PURCHASE_RULES:
            m = rx.search(t)
            if m and not _negated(t, m.start(), m.end()):
                facts["purchase_operation"] = value
                break
    if proj == "travaux" or pending_field == "works_kind":
        for value, rx in _WORKS_RULES:
            m = rx.search(t)
            if m and not _negated(t, m.start(), m.end()):
                facts["works_kind"] = value
                break
    if proj != "acheter":
        for value, rx in _DWELLING_RULES:
            m = rx.search(t)
            if m and not _negated(t, m.start(), m.end()):
                if value == "foyer" and re.search(r"\b(?:au foyer|du foyer|mon foyer|notre foyer|le foyer fiscal|ressources du foyer|revenus du foyer)\b", t) \
                        and not re.search(r"\bfoyer de jeunes|fjt|foyer d'hebergement|en foyer|dans un foyer|au foyer de jeunes", t):
                    continue
                facts["dwelling"] = value
                break

    zone, _key = zone_in_text(t)
    if zone is not None:
        facts["zone"] = zone

    # dates
    for k, v in date_facts.items():
        facts.setdefault(k, v)
    # a lease signed some time ago: the dwelling is entered ("j'ai signé mon bail il y a 7 mois")
    if facts.get("lease_signed") is True and "move_in_date" not in facts:
        m = _SIGNED_AGO.search(t)
        if m:
            n, unit = int(m.group(1)), m.group(2)
            days = {"jour": 1, "semaine": 7}.get(unit.rstrip("s"))
            if days:
                facts["move_in_date"] = (today - _dt.timedelta(days=n * days)).isoformat()
            else:
                months = n * (12 if unit.startswith("an") else 1)
                y, mth = divmod(today.month - 1 - months, 12)
                year, month = today.year + y, mth + 1
                last = (_dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)).day
                facts["move_in_date"] = _dt.date(year, month, min(today.day, last)).isoformat()
    # one has moved in only with a signed lease: "j'ai emménagé il y a 4 mois"
    mi = facts.get("move_in_date")
    if isinstance(mi, str) and "lease_signed" not in facts and _dt.date.fromisoformat(mi) < today:
        facts["lease_signed"] = True
    if facts.get("contract") == "cdi" and "cdi_confirmed" not in facts:
        js = facts.get("job_start_date")
        if isinstance(js, str):
            start = _dt.date.fromisoformat(js)
            if start <= _dates.add_months(today, -8):
                facts["cdi_confirmed"] = True

    # an amount whose kind the message leaves open answers the pending money question: asked for
    # the household's resources, "je touche 1000 balles" is the resources, not only a salary
    if pending_field in _INCOME_FIELDS and pending_field not in facts:
        incomes = [k for k in _INCOME_FIELDS if k in facts]
        if len(incomes) == 1 and not re.search(_INCOME_MARKS[incomes[0]], t):
            facts[pending_field] = facts.pop(incomes[0])

    # the bare answer to the pending question
    if pending_field and pending_field not in facts:
        value = parse_answer(pending_field, text, today, _norm=t, _facts=facts, _unassigned=unassigned, _used=used)
        if value is not None and value is not DONT_KNOW:
            facts[pending_field] = value
    return {k: v for k, v in facts.items() if _in_bounds(k, v)}


# --------------------------------------------------------------------------- parse_answer
def _enum_from_text(field: str, t: str, today: _dt.date):
    facts = extract_facts_norm(t, today, field)
    if field in facts:
        return facts[field]
    values = ENUMS.get(field, ())
    # the value itself or its label
    for v in values:
        if re.search(r"\b" + re.escape(v.lower()) + r"\b", t) or re.search(r"\b" + re.escape(v.replace("_", " ").lower()) + r"\b", t):
            return v
    label_map = {
        "employer_sector": [("prive_non_agricole", r"\bprive|privee|entreprise|hors agriculture\b"), ("agricole", r"\bagri"),
                            ("public", r"\bpublic|publique\b"), ("particulier_employeur", r"\bparticulier"), ("epic", r"\bepic\b")],
        "activity": [("salarie", r"\bsalarie|salariee|employe|employee\b"), ("etudiant", r"\betudi"),
                     ("demandeur_emploi", r"\bchomage|demandeu|sans emploi"), ("alternant", r"\balterna|apprenti"),
                     ("fonctionnaire", r"\bfonctionnaire|titulaire"), ("independant", r"\bindependant"),
                     ("retraite", r"\bretraite"), ("sans_activite", r"\bsans activite|aucune activite|inactif|je ne travaille pas|je travaille pas")],
        "project": [("louer", r"\blou|location|locataire"), ("acheter", r"\bache|achat|proprietaire"), ("travaux", r"\btravaux|renov"),
                    ("difficulte", r"\bdifficult|payer|garder mon logement")],
        "zone": [("I", r"\bile de france|zone (?:1|i)\b|^(?:1|i)$"),
                 ("III", r"\bmoins de 100 ?000 (?:habitants|hab)\b|\bpas (?:une |dans une )?grande (?:ville|agglo)"),
                 ("II", r"\bzone (?:2|ii)\b|^(?:2|ii)$|grande agglo|grande ville|grosse ville|plus de 100 ?000 (?:habitants|hab)\b|outre-mer|corse"),
                 ("III", r"\bzone (?:3|iii)\b|^(?:3|iii)$|ailleurs|campagne|petite ville|village|ville moyenne")],
        "dwelling": [("prive", r"\bprive|particulier"), ("social", r"\bsocial|hlm"), ("foyer", r"\bfoyer|residence sociale"),
                     ("residence_etudiante", r"\betudiant|crous")],
        "purchase_operation": [("neuf", r"\bneuf|neuve"), ("ancien_prive", r"\bancien"), ("terrain", r"\bterrain")],
        "works_kind": [("energie", r"\benerg"), ("amelioration", r"\bamelior"), ("handicap", r"\bhandicap"), ("copropriete", r"\bcopro")],
        "contract": [("interim", r"\binterim"), ("stage", r"\bstage"), ("apprentissage", r"\bapprenti")],
    }
    for v, rx in label_map.get(field, ()):
        if re.search(rx, t):
            return v
    return None


def extract_facts_norm(t: str, today: _dt.date, pending: str | None) -> dict:
    """extract_facts on already normalised text, without attributing a bare answer."""
    return {k: v for k, v in extract_facts(t, today, None).items()}


def _number_answer(field: str, t: str, facts: dict, used: set, today: _dt.date):
    nums = [n for n in find_numbers(t) if n.start not in used]
    if field == "previous_home_travel_minutes":
        for m in DURATION.finditer(t):
            v = duration_minutes(m)
            if v:
                return clean_number(v)
        for n in nums:
            if n.unit in (None, "min", "minute", "minutes"):
                return clean_number(n.value)
            if n.unit in ("h", "heure", "heures"):
                return clean_number(n.value * 60)
        return None
    if field == "previous_home_distance_km":
        for n in nums:
            if n.unit in (None, "km"):
                return clean_number(n.value)
        if re.search(r"\b(?:meme ville|meme immeuble|meme quartier|a cote|tout pres|pas loin)\b", t):
            return None
        return None
    if field == "employer_size":
        for n in nums:
            if n.unit in (None, "salaries", "salariés", "employes", "personnes", "collaborateurs", "agents"):
                before = t[max(0, n.start - 12):n.start]
                v = int(n.value)
                if re.search(r"plus de\s*$", before):
                    v += 1
                elif re.search(r"moins de\s*$", before):
                    v = max(0, v - 1)
                return v
        for w, v in APPROX_WORDS.items():
            if w in t:
                return v
        if re.search(r"\b(?:je suis seul|seul salarie|que moi|juste moi)\b", t):
            return 1
        return None
    if field in ("internship_months", "cdd_months_last_6"):
        if re.search(r"\b(?:aucun|aucune|rien|jamais|zero|pas de cdd|non)\b", t) and not nums:
            return 0
        for n in nums:
            if n.unit in (None, "mois"):
                v = n.value
            elif n.unit in ("semaine", "semaines"):
                v = round(n.value / 4.33, 1)
            elif n.unit == "ans":
                v = n.value * 12
            else:
                continue
            if field == "cdd_months_last_6" and v > 6:
                v = 6
            return clean_number(v)
        if re.search(r"\bun semestre\b", t):
            return 6
        if re.search(r"\bun an\b|\bune annee\b", t):
            return 12 if field == "internship_months" else 6
        return None
    if field == "age":
        for n in nums:
            if n.unit in (None, "ans") and 14 <= n.value <= 110 and n.value == int(n.value):
                return int(n.value)
        return None
    if field in MONEY_FIELDS:
        if re.search(r"\b(?:aucune?|rien|zero|pas d'apl|pas d'aide|je n'en ai pas|j'en ai pas|je touche rien|nada|pas le droit)\b", t) \
                and not nums:
            return 0 if field in ("housing_benefit",) else None
        for n in nums:
            if n.unit in _NOT_MONEY_UNITS:
                continue
            value = n.value
            window = t[max(0, n.start - 30):n.end + 30]
            mark = re.search(r"\b(brut|bruts|brute|net|nets|nette)\b", window)
            if mark and field in ("gross_monthly_salary", "net_monthly_salary"):
                wants_gross = field == "gross_monthly_salary"
                if mark.group(1).startswith("brut") != wants_gross:
                    return None
            if _YEARLY.search(t[n.end:n.end + 30]) or (value > 10000 and field in ("gross_monthly_salary", "net_monthly_salary", "monthly_resources")
                                                      and not re.search(r"par mois|/ ?mois|mensuel", window)):
                value = value / 12
            return clean_number(round(value, 2))
        return None
    return None


def parse_answer(field: str, text: str, today: _dt.date, *, _norm=None, _facts=None, _unassigned=None, _used=None):
    """The value of ``field`` in an answer to the question about that field; ``DONT_KNOW`` for
    "je ne sais pas" and its variants; None when the answer is unusable."""
    if text is None:
        return None
    t = _norm if _norm is not None else norm(text)
    if not t:
        return None
    dont_know = bool(_DONT_KNOW.search(t))
    if field in BOOL_FIELDS:
        if dont_know:
            return DONT_KNOW
        facts = _facts if _facts is not None else extract_facts(text, today, None)
        if field in facts and isinstance(facts[field], bool):
            return facts[field]
        yn = _yes_no(t)
        if yn is not None:
            return yn
        # "je suis boursiere" while scholarship is asked; "je ne suis pas boursier"
        return None
    if field in DATE_FIELDS:
        if field in NONE_ALLOWED_DATES and not dont_know:
            if _yes_no(t) is False or re.search(r"\b(?:pas de promesse|pas de mutation|aucune|pas concerne|pas concernee|je n'en ai pas|j'en ai pas|pas mute|pas ete mute)\b", t):
                found = _dates.find_dates(t, today)
                if not found:
                    return False
        facts = _facts if _facts is not None else extract_facts(text, today, None)
        if field in facts and facts[field] is not None:
            return facts[field]
        if _unassigned is not None:
            if _unassigned:
                return _unassigned[0].value.isoformat()
        else:
            if not facts or not any(k in facts for k in DATE_FIELDS):
                d = _dates.parse_date_answer(t, today)
                if d is not None:
                    return d.isoformat()
        if _unassigned is None:
            d = _dates.parse_date_answer(t, today)
            if d is not None:
                return d.isoformat()
        return DONT_KNOW if dont_know else None
    if field in NUMBER_FIELDS:
        facts = _facts if _facts is not None else extract_facts(text, today, None)
        if field in facts:
            return facts[field] if _in_bounds(field, facts[field]) else None
        used = set(_used) if _used is not None else set()
        if _facts is None:
            # numbers the message attributed to other fields are not this answer
            other = {k: v for k, v in facts.items() if k in NUMBER_FIELDS}
            if other:
                used = set()
                for n in find_numbers(t):
                    if any(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(n.value - v) < 1e-9 for v in other.values()):
                        used.add(n.start)
        for d in _dates.find_dates(t, today):
            for n in find_numbers(t):
                if d.start <= n.start < d.end:
                    used.add(n.start)
        v = _number_answer(field, t, facts, used, today)
        if v is not None:
            return v if _in_bounds(field, v) else None
        return DONT_KNOW if dont_know else None
    if field in ENUMS:
        v = _enum_from_text(field, t, today) if _facts is None else (_facts.get(field) or _enum_label_only(field, t))
        if field == "zone" and v is None:
            z = zone_for_place(t)
            if z:
                return z
        if field == "difficulty_events":
            if v is None and (_yes_no(t) is False or re.search(r"\b(?:aucune|rien|aucun)\b", t)):
                return []
            if isinstance(v, str):
                v = [v]
        if v is not None:
            return v
        return DONT_KNOW if dont_know else None
    return DONT_KNOW if dont_know else None


def _enum_label_only(field: str, t: str):
    return _enum_from_text(field, t, _TODAY_FALLBACK) if field in ENUMS and len(t) < 60 else None


_TODAY_FALLBACK = _dt.date(2000, 1, 1)  # enum labels never depend on the date


