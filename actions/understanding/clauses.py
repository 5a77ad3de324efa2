"""Clauses of a message and the scope of a negation in them: « aucun retard de loyer, c'est
juste cher » denies the arrears of its clause only; « je ne paie plus mon loyer » states them."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from . import dates as _dates  # noqa: F401
from .numbers import APPROX_WORDS, DURATION, clean_number, duration_minutes, find_numbers  # noqa: F401
from .places import zone_for_place, zone_in_text  # noqa: F401
from .text import fold, norm  # noqa: F401


# --------------------------------------------------------------------------- helpers
_CLAUSE_SPLIT = re.compile(r"(?<!\d),|,(?!\d)|[;!?]|\.(?!\d)|\s(?:et(?!\s+(?:demie?|quart)\b)|mais|puis|sinon|donc|car|alors)\s")
_NEG = re.compile(r"(?:\bne\b|\bn'|\bpas\b|\bplus\b|\bjamais\b|\baucune?\b|\bsans\b|\bni\b|\bnon\b)")


def _clauses(t: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for m in _CLAUSE_SPLIT.finditer(t):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(t)))
    return [(s, e) for s, e in spans if e > s]


def _clause_of(t: str, pos: int) -> tuple[int, int]:
    for s, e in _clauses(t):
        if s <= pos <= e:
            return s, e
    return 0, len(t)


def _negated(t: str, start: int, end: int | None = None) -> bool:
    """A negation word shortly before the match, in the same clause ("je ne suis pas boursier",
    "pas encore signé", "non boursier"), or "pas" right after it ("signé pas")."""
    cs, _ = _clause_of(t, start)
    window = t[max(cs, start - 28):start]
    if _NEG.search(window):
        # "plus de 50" / "non plus" are not negations of what follows
        w = re.sub(r"\bplus de\b|\bplus que\b|\bde plus\b|\bnon plus\b|\bpas mal\b|\bpas cher\b", "", window)
        if _NEG.search(w):
            return True
    return False


_SIGNED_AGO = re.compile(r"\b(?:signe (?:le |mon |un |notre )?bail|bail (?:est |a ete )?signe) (?:il y a|depuis|ca fait|cela fait) (\d+) (jours?|semaines?|mois|ans?)\b")
_DENIED = re.compile(r"(?:\baucune?s?|\bpas (?:encore |eu |vraiment |du tout |de |d')*d[e']|\bpas de|\bsans|\bjamais (?:eu )?d[e']|\bzero|\bni)\s*(?:\w+\s+)?$")


def _denied(t: str, start: int) -> bool:
    """A fact denied outright just before it, in its clause: « aucun retard de loyer », « pas
    d'impayés », « sans impayé » (unlike « je ne paie plus mon loyer », which states arrears)."""
    cs, _ = _clause_of(t, start)
    window = t[max(cs, start - 30):start]
    return bool(_DENIED.search(window))


def _find(rx: re.Pattern, t: str):
    return [m for m in rx.finditer(t)]


def _c(p: str) -> re.Pattern:
    return re.compile(p)
