"""Text normalisation shared by the extractors.

``norm(text)`` lowercases, strips accents, unifies apostrophes and spaces, expands SMS
spellings ("jsuis", "jai", "chui"...), corrects small typos of the keywords the extractors
look for, and writes French number words as digits (``text_to_num.alpha2digit``, plus the
small numbers it leaves alone: "deux mois" -> "2 mois").
"""
from __future__ import annotations

import functools
import re
import unicodedata

from text_to_num import alpha2digit

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'",
                       "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
                       "\u2013": "-", "\u2014": "-", "\u20ac": " € "})


def strip_accents(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def fold(text: str) -> str:
    """Lowercase, no accents, one kind of apostrophe, single spaces (no other change)."""
    text = strip_accents(unicodedata.normalize("NFKC", text).translate(_APOS)).lower()
    return re.sub(r"\s+", " ", text).strip()


# SMS and spoken spellings -> standard words (applied on whole tokens of folded text).
_SMS = {
    "jsuis": "je suis", "chuis": "je suis", "chui": "je suis", "jsui": "je suis", "suis": "suis",
    "jai": "j'ai", "jé": "j'ai", "g": "j'ai", "jme": "je me", "jvais": "je vais", "jvai": "je vais",
    "jpeux": "je peux", "jpense": "je pense", "jcherche": "je cherche", "jtravaille": "je travaille",
    "jtouche": "je touche", "jgagne": "je gagne", "jhabite": "j'habite", "jdemenage": "je demenage",
    "jcommence": "je commence", "jpaye": "je paye", "jpaie": "je paie", "jsais": "je sais",
    "jsp": "je sais pas", "jsé": "je sais", "chépa": "je sais pas", "chepa": "je sais pas",
    "chais": "je sais", "sais pas": "sais pas", "ché": "je sais", "jpp": "je sais pas",
    "ya": "il y a", "yа": "il y a", "y'a": "il y a", "ds": "dans", "pr": "pour", "ptet": "peut-etre",
    "tt": "tout", "bcp": "beaucoup", "qd": "quand", "mtn": "maintenant", "mnt": "maintenant",
    "dc": "donc", "pcq": "parce que", "pck": "parce que", "psk": "parce que", "stp": "s'il vous plait",
    "svp": "s'il vous plait", "cc": "cc", "ct": "c'etait", "c": "c'est", "cé": "c'est", "ke": "que",
    "koi": "quoi", "kan": "quand", "mm": "meme", "appt": "appart", "apart": "appart", "apparts": "appart",
    "appartement": "appart", "apl's": "apl", "taf": "travail", "boulot": "travail", "job": "travail",
    "ans.": "ans", "nn": "non", "ouai": "ouais", "oki": "ok", "okay": "ok", "dac": "d'accord",
    "dacc": "d'accord", "daccord": "d'accord", "bjr": "bonjour", "slt": "salut", "msg": "message",
    "auj": "aujourd'hui", "ajd": "aujourd'hui", "aujourdhui": "aujourd'hui", "pa": "pas",
    "alternant.e": "alternant", "etudiant.e": "etudiant", "salarie.e": "salarie",
    "quil": "qu'il", "jusqua": "jusqu'a", "daide": "d'aide", "dapl": "d'apl", "dembauche": "d'embauche",
    "detudiant": "d'etudiant", "dessai": "d'essai", "dalternance": "d'alternance",
    "dapprentissage": "d'apprentissage", "lappart": "l'appart", "lapl": "l'apl", "jaimerais": "j'aimerais",
    "jveux": "je veux", "jvoudrais": "je voudrais", "mn": "min", "mns": "min", "mins": "min",
    "kms": "km", "kilo": "km", "kilos": "km", "bornes": "km", "borne": "km",
}

# Keywords that the extractors look for; a longer unknown token within a small edit distance
# of one of them is corrected ("alternanse" -> "alternance").
KEYWORDS = """
alternance alternant alternante apprentissage apprenti apprentie professionnalisation
etudiant etudiante etudiants stagiaire stage interimaire interim saisonnier saisonniere
fonctionnaire titulaire contractuel contractuelle independant independante auto-entrepreneur
freelance retraite retraitee preretraite preretraitee salarie salariee chomage demandeur
embauche embauchee commence commencer commencement mutation mute mutee demenage demenager
demenagement emmenage emmenager emmenagement logement appart location louer loyer
proprietaire acheter achat construire construction renovation isolation travaux impayes
expulsion surendettement separation divorce licenciement licencie maladie deces sinistre
incendie inondation boursier boursiere bourse handicap invalidite promesse periode essai
garagiste agricole exploitation viticole cooperative mairie hopital ministere fonction publique
particulier employeur entreprise societe kilometres minutes heures salaire brut net ressources
revenus allocation allocations septembre octobre novembre decembre janvier fevrier mars avril
mai juin juillet aout semaines semaine prochaine prochain dernier derniere
revenu reference fiscal contrat contrats payer travail travaille travailler loyers logements
maison maisons studio chambre colocation proprio parents mutuelle commencement entreprises
demande demander demandes dossier dossiers conseil conseiller conseillere question questions
""".split()
_KW_SET = frozenset(KEYWORDS)
_KW_BY_FIRST = {}
for _w in KEYWORDS:
    _KW_BY_FIRST.setdefault(_w[0], []).append(_w)


def _dist(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), early exit above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@functools.lru_cache(maxsize=4096)
def correct_token(tok: str) -> str:
    if len(tok) < 6 or tok in _KW_SET or not tok.isalpha():
        return tok
    for suffix in ("s", "e", "es"):  # plural / feminine of a keyword is not a typo
        if tok.endswith(suffix) and tok[: -len(suffix)] in _KW_SET:
            return tok
    limit = 1 if len(tok) < 9 else 2
    best, best_d = tok, limit + 1
    for kw in _KW_BY_FIRST.get(tok[0], ()):
        d = _dist(tok, kw, limit)
        if d < best_d:
            best, best_d = kw, d
    return best


_TOKEN = re.compile(r"[a-z0-9]+(?:[-'.][a-z0-9]+)*|\S")
_SMALL = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
          "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000}
_UNITS_AFTER_SMALL = r"(?:jours?|semaines?|mois|ans?|annees?|km|kilometres?)\b"
_SMALL_RE = re.compile(r"\b(" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")\s+(?=" + _UNITS_AFTER_SMALL + ")")


def _sms(text: str) -> str:
    out = []
    for tok in text.split(" "):
        core = tok.strip(",;!?")
        rep = _SMS.get(core)
        if rep is not None:
            tok = tok.replace(core, rep, 1)
        out.append(tok)
    return " ".join(out)


@functools.lru_cache(maxsize=2048)
def norm(text: str) -> str:
    """Folded text with SMS spellings expanded, keyword typos corrected and numbers as digits."""
    t = fold(text)
    t = re.sub(r"\b(\d)([o]{1,3})\b", lambda m: m.group(1) + "0" * len(m.group(2)), t)  # "6OO" typed with O
    # glued forms: "1200e", "80km", "45min", "1h15", "650€"
    t = re.sub(r"(\d)(€|e\b|eur\b|euros?\b|k€|ke\b|km\b|kms\b|min\b|mn\b|h\b|h(?=\d))", r"\1 \2", t)
    t = re.sub(r"(\d) h(\d)", r"\1h\2", t)
    t = _sms(t)
    t = re.sub(r"(?<!\bil )\by a (?=\d|un |une |deux |trois |quatre |quelques |environ |presque )", "il y a ", t)  # « y a 15 jours »
    t = re.sub(r"\b(j|l|d|qu|n|m|s|t|c)\s+'\s*", r"\1'", t)
    toks = []
    for m in _TOKEN.finditer(t):
        tok = m.group(0)
        if "'" in tok:
            head, _, tail = tok.partition("'")
            tok = head + "'" + correct_token(tail) if tail else tok
        elif "-" not in tok:
            tok = correct_token(tok)
        toks.append((m.start(), m.end(), tok))
    rebuilt, last = [], 0
    for s, e, tok in toks:
        rebuilt.append(t[last:s])
        rebuilt.append(tok)
        last = e
    rebuilt.append(t[last:])
    t = "".join(rebuilt)
    # "du neuf" / "logement neuf": keep the adjective, alpha2digit would turn it into 9
    t = re.sub(r"\b(du|le|logement|appart|maison|immobilier|programme|bien|acheter|achat)\s+neuf\b",
               r"\1 NEUFADJ", t)
    try:
        t = alpha2digit(t, "fr")
    except Exception:  # pragma: no cover - text2num never should, but a parse must not crash
        pass
    t = t.replace("NEUFADJ", "neuf").replace("neufadj", "neuf")
    t = _SMALL_RE.sub(lambda m: f"{_SMALL[m.group(1)]} ", t)
    t = re.sub(r"\b(\d+)\s*000\b", lambda m: m.group(0), t)
    return re.sub(r"\s+", " ", t).strip()
