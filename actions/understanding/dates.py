"""French dates, absolute and relative, resolved against ``today``.

``find_dates(normalised_text, today)`` returns ``DateMention`` objects (span, date, tense hint).
Relative forms are computed here, deterministically: "il y a 2 mois" is the same day two
months before (clamped to the end of a shorter month), "il y a 3 semaines" is 21 days before,
"dans 15 jours" 15 days after, "la semaine prochaine" today + 7 days, "le mois prochain" the
1st of next month, "depuis 6 mois" = 6 months ago. "début / mi / fin septembre" = the 1st, the
15th, the last day. Absolute dates with a year are parsed by ``dateparser`` (languages fr,
day-month-year order); a day and month without a year take the year given by the tense of the
sentence (past: the last occurrence on or before today, future: the next one on or after
today), otherwise the occurrence closest to today.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

MONTHS = {"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
          "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
          "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

PAST_WORDS = re.compile(
    r"\b(a commence|ai commence|as commence|avons commence|a debute|ai debute|etait|depuis|il y a|"
    r"ca fait|cela fait|fait|suis arrive|suis arrivee|suis entre|suis entree|ai emmenage|"
    r"j'ai emmenage|ai ete|a ete|ete mute|ete mutee|ete embauche|ete embauchee|hier|dernier|derniere|"
    r"passe|passee|ai signe|a signe|avons|ai demenage|suis rentre|suis installe|suis installee|"
    r"ai pris|a pris|ai eu|debute le)\b")
FUTURE_WORDS = re.compile(
    r"\b(commence|commencerai|commencera|vais|va|vas|allons|dans|prochain|prochaine|demain|"
    r"emmenage|emmenagerai|demenage|demenagerai|serai|sera|entrerai|entre dans|arrive|arriverai|"
    r"debuterai|debute|prendrai|bientot|a partir|a compter|futur|prevu|prevue|doit|dois|devrait|promesse)\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: _dt.date
    relative: str | None = None   # "ago" for "il y a / depuis", "in" for "dans", None otherwise
    text: str = ""


def add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return _dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(today: _dt.date, n: float, unit: str, sign: int) -> _dt.date | None:
    unit = unit.rstrip("s")
    if unit in ("jour", "j"):
        return today + _dt.timedelta(days=sign * round(n))
    if unit == "semaine":
        return today + _dt.timedelta(days=sign * round(7 * n))
    if unit == "moi":  # "mois" stripped
        if n != int(n):
            return today + _dt.timedelta(days=sign * round(30.4 * n))
        return add_months(today, sign * int(n))
    if unit in ("an", "annee"):
        if n != int(n):
            return add_months(today, sign * round(12 * n))
        try:
            return today.replace(year=today.year + sign * int(n))
        except ValueError:
            return today.replace(year=today.year + sign * int(n), day=28)
    return None


def _tense(context: str) -> int:
    """-1 past, +1 future, 0 unknown, from the words around a date."""
    past = PAST_WORDS.search(context) is not None
    fut = FUTURE_WORDS.search(context) is not None
    if past and not fut:
        return -1
    if fut and not past:
        return 1
    return 0


def pick_year(day: int, month: int, today: _dt.date, tense: int) -> _dt.date | None:
    cands = []
    for y in (today.year - 1, today.year, today.year + 1):
        try:
            cands.append(_dt.date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None
    if tense < 0:
        past = [c for c in cands if c <= today]
        return max(past) if past else min(cands)
    if tense > 0:
        fut = [c for c in cands if c >= today]
        return min(fut) if fut else max(cands)
    return min(cands, key=lambda c: (abs((c - today).days), c < today))


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 else n


_NUM = r"(?P<n>\d+(?:[.,]5)?|un|une|1/2|demi)"
_UNIT = r"(?P<unit>jours?|semaines?|mois|ans?|annees?)"
PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})\b")),
    ("dm", re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})\b(?!/)")),
    ("textual", re.compile(r"\b(?:le |du |au )?(?P<d>1er|premier|\d{1,2})(?:er)?\s+" + _MONTH_RE
                           + r"(?:\s+(?P<y>\d{4}))?")),
    ("part", re.compile(r"\b(?P<part>debut|mi|fin|courant|milieu|en|au mois d'|au mois de|mois d'|mois de|depuis|pour|des)[\s-]*(?:de |d')?"
                        + _MONTH_RE + r"(?:\s+(?P<y>\d{4}))?")),
    ("ago", re.compile(r"\b(?:il y a|ca fait|cela fait|ca va faire|depuis|voila)\s+(?:environ |presque |plus de |moins de |a peu pres |bientot |deja )?"
                       + _NUM + r"\s+" + _UNIT + r"(?:\s+et\s+demie?)?")),
    ("in", re.compile(r"\b(?:dans|d'ici)\s+(?:environ |a peu pres |moins de |plus de )?" + _NUM + r"\s+" + _UNIT
                      + r"(?:\s+et\s+demie?)?")),
    ("word", re.compile(r"\b(?P<w>aujourd'hui|avant-hier|apres-demain|hier|demain|"
                        r"(?:la |cette )?semaine (?:prochaine|derniere|passee)|(?:le |ce )?mois (?:prochain|dernier|passe)|"
                        r"l'annee (?:prochaine|derniere|passee)|l'an (?:prochain|dernier|passe)|"
                        r"(?:a )?la rentree)\b")),
    ("weekday", re.compile(r"\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?P<rel>prochain|dernier)\b")),
]


def _n(s: str) -> float:
    if s in ("un", "une"):
        return 1
    if s in ("1/2", "demi"):
        return 0.5
    return float(s.replace(",", "."))


def _resolve(kind: str, m: re.Match, today: _dt.date, tense: int):
    g = m.groupdict()
    if kind == "iso":
        return _dt.date(int(g["y"]), int(g["m"]), int(g["d"])), None
    if kind == "dmy":
        import dateparser  # well-kept parser for the complete numeric dates
        got = dateparser.parse(m.group(0), languages=["fr"], settings={"DATE_ORDER": "DMY"})
        if got is not None:
            return got.date(), None
        return _dt.date(_year(g["y"]), int(g["m"]), int(g["d"])), None
    if kind == "dm":
        d, mo = int(g["d"]), int(g["m"])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None, None
        return pick_year(d, mo, today, tense), None
    if kind == "textual":
        d = 1 if g["d"] in ("1er", "premier") else int(g["d"])
        mo = MONTHS[g["month"]]
        if g.get("y"):
            return _dt.date(int(g["y"]), mo, d), None
        return pick_year(d, mo, today, tense), None
    if kind == "part":
        mo = MONTHS[g["month"]]
        part = g["part"]
        rel = "ago" if part == "depuis" else None
        if part == "depuis":
            tense = -1
        y = int(g["y"]) if g.get("y") else None
        if y is None:
            y = pick_year(1, mo, today, tense).year
            if tense == 0:  # the month closest to today: compare month middles
                y = pick_year(15, mo, today, 0).year
        if part in ("mi", "milieu", "courant"):
            d = 15
        elif part == "fin":
            d = calendar.monthrange(y, mo)[1]
        else:
            d = 1
        return _dt.date(y, mo, d), rel
    if kind in ("ago", "in"):
        n = _n(g["n"])
        if re.search(r"et demie?$", m.group(0)):
            n += 0.5
        return shift(today, n, g["unit"], -1 if kind == "ago" else 1), kind
    if kind == "word":
        w = g["w"]
        if w == "aujourd'hui":
            return today, None
        if w == "hier":
            return today - _dt.timedelta(days=1), None
        if w == "avant-hier":
            return today - _dt.timedelta(days=2), None
        if w == "demain":
            return today + _dt.timedelta(days=1), None
        if w == "apres-demain":
            return today + _dt.timedelta(days=2), None
        if "semaine" in w:
            return today + _dt.timedelta(days=7 if "prochaine" in w else -7), None
        if "mois" in w:
            return add_months(today.replace(day=1), 1 if "prochain" in w else -1), None
        if "an" in w:
            try:
                return today.replace(year=today.year + (1 if "prochain" in w else -1)), None
            except ValueError:
                return today.replace(year=today.year + (1 if "prochain" in w else -1), day=28), None
        if "rentree" in w:
            return pick_year(1, 9, today, tense), None
    if kind == "weekday":
        wd = _WEEKDAYS[g["wd"]]
        if g["rel"] == "prochain":
            delta = (wd - today.weekday()) % 7 or 7
            return today + _dt.timedelta(days=delta), None
        delta = (today.weekday() - wd) % 7 or 7
        return today - _dt.timedelta(days=delta), None
    return None, None


def find_dates(t: str, today: _dt.date) -> list[DateMention]:
    """Every date expression in normalised text ``t`` (see :func:`text.norm`), left to right,
    without overlaps (the first pattern of ``PATTERNS`` wins)."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(t):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            cs = max(t.rfind(c, 0, s) for c in ",;!?.") + 1
            ce = min([i for i in (t.find(c, e) for c in ",;!?") if i >= 0] or [len(t)])
            ctx = t[max(cs, s - 60): min(ce, e + 30)]
            try:
                value, rel = _resolve(kind, m, today, _tense(ctx))
            except (ValueError, OverflowError):
                continue
            if value is None:
                continue
            taken.append((s, e))
            out.append(DateMention(s, e, value, rel, m.group(0)))
    out.sort(key=lambda d: d.start)
    return out


def parse_date_answer(t: str, today: _dt.date) -> _dt.date | None:
    """A date from a short answer to a date question; ``dateparser`` as a last resort."""
    found = find_dates(t, today)
    if found:
        return found[0].value
    if not re.search(r"[a-z]{3}|\d", t):
        return None
    import dateparser
    settings = {"RELATIVE_BASE": _dt.datetime.combine(today, _dt.time()), "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]}
    try:
        got = dateparser.parse(t, languages=["fr"], settings=settings)
    except Exception:
        return None
    return got.date() if got else None
