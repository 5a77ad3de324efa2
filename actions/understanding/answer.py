"""The answer parser: the value of the one field the assistant asked, in the answer to it.

``parse_answer(field, text, today)`` reads the answer alone; ``answer_pending(reading, facts,
unassigned, used)`` gives the bare answer of a message (« oui », « 24 », « le 1er septembre »,
« CDD ») to the pending field once the readers have taken its other facts (``extract_facts``).
``DONT_KNOW`` is the « je ne sais pas » marker (a str, test it with ``is``).
"""
from __future__ import annotations

import datetime as _dt
import re

from . import dates as _dates
from .facts import facts_of
from .field_kinds import BOOL_FIELDS, DATE_FIELDS, ENUMS, MONEY_FIELDS, NONE_ALLOWED_DATES, NUMBER_FIELDS, in_bounds
from .money import _NOT_MONEY_UNITS, _YEARLY
from .numbers import APPROX_WORDS, DURATION, clean_number, duration_minutes
from .places import zone_for_place
from .reading import Reading, read
from .text import norm


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


_DONT_KNOW = re.compile(r"(?:\b(?:je\s+)?(?:ne\s+)?(?:sais|sait|connais)\s+(?:pas|plus|rien)\b|\bj'?sais pas\b|\baucune idee\b|\bpas d'idee\b|"
                        r"\bjsp\b|\bnsp\b|\bchais pas\b|\bj'en sais rien\b|\bj'en ai aucune idee\b|\bje n'en sais rien\b|"
                        r"\bpas sur\b|\bpas sure\b|\bje ne suis pas sur|\bje suis pas sur|\baucun idee\b|\bidk\b|"
                        r"\bje ne me souviens (?:pas|plus)\b|\bje me souviens (?:pas|plus)\b|\bje ne sais\b|\bincertain\b|"
                        r"\bje l'ignore\b|\bne sait pas\b|\bje ne connais pas\b|\bje connais pas\b|\bpas la moindre idee\b|"
                        r"\bbonne question\b|\bdon'?t know\b|\baucune? id[eé]e\b|^\s*\?+\s*$)")


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(norm(text)))


# --------------------------------------------------------------------------- the pending answer
_INCOME_FIELDS = ("gross_monthly_salary", "net_monthly_salary", "monthly_resources")
_INCOME_MARKS = {"gross_monthly_salary": r"\bbrut", "net_monthly_salary": r"\bnet(?:s|te|tes)?\b",
                 "monthly_resources": r"\b(?:revenus?|ressources?|foyer|menage|a deux|ensemble)\b"}


def answer_pending(r: Reading, facts: dict, unassigned: list, used: set) -> None:
    """Give the message's answer to the pending field (``r.pending``) in ``facts``, in place."""
    pending_field, t = r.pending, r.text
    # an amount whose kind the message leaves open answers the pending money question: asked for
    # the household's resources, "je touche 1000 balles" is the resources, not only a salary
    if pending_field in _INCOME_FIELDS and pending_field not in facts:
        incomes = [k for k in _INCOME_FIELDS if k in facts]
        if len(incomes) == 1 and not re.search(_INCOME_MARKS[incomes[0]], t):
            facts[pending_field] = facts.pop(incomes[0])
    # the bare answer to the pending question
    if pending_field and pending_field not in facts:
        value = _answer(pending_field, r, facts, unassigned, used)
        if value is not None and value is not DONT_KNOW:
            facts[pending_field] = value


def parse_answer(field: str, text: str, today: _dt.date):
    """The value of ``field`` in an answer to the question about that field; ``DONT_KNOW`` for
    "je ne sais pas" and its variants; None when the answer is unusable."""
    if text is None:
        return None
    r = read(text, today)
    if not r.text:
        return None
    return _answer(field, r, None, None, None)


def _facts_alone(r: Reading) -> dict:
    """extract_facts of the message with no pending question."""
    if not r.raw or not r.raw.strip():
        return {}
    return {k: v for k, v in facts_of(r)[0].items() if in_bounds(k, v)}


def _answer(field: str, r: Reading, known: dict | None, unassigned: list | None, known_used: set | None):
    """The answer to ``field``: of the message alone (``known`` None) or once the readers have
    taken its facts (``known``, ``unassigned``, ``known_used`` from ``facts_of``)."""
    t, today = r.text, r.today
    dont_know = bool(_DONT_KNOW.search(t))
    if field in BOOL_FIELDS:
        if dont_know:
            return DONT_KNOW
        facts = known if known is not None else _facts_alone(r)
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
                if not r.dates:
                    return False
        facts = known if known is not None else _facts_alone(r)
        if field in facts and facts[field] is not None:
            return facts[field]
        if unassigned is not None:
            if unassigned:
                return unassigned[0].value.isoformat()
        else:
            d = _dates.parse_date_answer(t, today)
            if d is not None:
                return d.isoformat()
        return DONT_KNOW if dont_know else None
    if field in NUMBER_FIELDS:
        facts = known if known is not None else _facts_alone(r)
        if field in facts:
            return facts[field] if in_bounds(field, facts[field]) else None
        used = set(known_used) if known_used is not None else set()
        if known is None:
            # numbers the message attributed to other fields are not this answer
            other = {k: v for k, v in facts.items() if k in NUMBER_FIELDS}
            if other:
                used = set()
                for n in r.numbers:
                    if any(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(n.value - v) < 1e-9 for v in other.values()):
                        used.add(n.start)
        used |= r.numbers_in_dates()
        v = _number_answer(field, r, used)
        if v is not None:
            return v if in_bounds(field, v) else None
        return DONT_KNOW if dont_know else None
    if field in ENUMS:
        v = _enum_from_text(field, t, today) if known is None else (known.get(field) or _enum_label_only(field, t))
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


# --------------------------------------------------------------------------- enums
# the French words of each value, when the readers found none (« privé », « agri », « HLM »)
_LABEL_WORDS = {
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


def _enum_from_text(field: str, t: str, today: _dt.date):
    """``field``'s value in normalised text ``t``: read as a message, else the value itself or
    its name, else the words of ``_LABEL_WORDS``."""
    facts = _facts_alone(read(t, today))
    if field in facts:
        return facts[field]
    values = ENUMS.get(field, ())
    # the value itself or its label
    for v in values:
        if re.search(r"\b" + re.escape(v.lower()) + r"\b", t) or re.search(r"\b" + re.escape(v.replace("_", " ").lower()) + r"\b", t):
            return v
    for v, rx in _LABEL_WORDS.get(field, ()):
        if re.search(rx, t):
            return v
    return None


def _enum_label_only(field: str, t: str):
    return _enum_from_text(field, t, _TODAY_FALLBACK) if field in ENUMS and len(t) < 60 else None


_TODAY_FALLBACK = _dt.date(2000, 1, 1)  # enum labels never depend on the date


# --------------------------------------------------------------------------- numbers
def _number_answer(field: str, r: Reading, used: set):
    t = r.text
    nums = [n for n in r.numbers if n.start not in used]
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
