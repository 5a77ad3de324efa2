"""Clauses of a message and the scope of a negation in them: « aucun retard de loyer, c'est
juste cher » denies the arrears of its clause only; « je ne paie plus mon loyer » states them.

The clauses of a message are split once, when it is read (``reading.Reading.clauses``); the
negation tests take the start of the clause the match is in."""
from __future__ import annotations

import re

_c = re.compile  # a rule pattern

# --------------------------------------------------------------------------- helpers
_CLAUSE_SPLIT = re.compile(r"(?<!\d),|,(?!\d)|[;!?]|\.(?!\d)|\s(?:et(?!\s+(?:demie?|quart)\b)|mais|puis|sinon|donc|car|alors)\s")
_NEG = re.compile(r"(?:\bne\b|\bn'|\bpas\b|\bplus\b|\bjamais\b|\baucune?\b|\bsans\b|\bni\b|\bnon\b)")


def clause_spans(t: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each clause of normalised text ``t``, left to right."""
    spans, last = [], 0
    for m in _CLAUSE_SPLIT.finditer(t):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(t)))
    return tuple((s, e) for s, e in spans if e > s)


def negated_before(t: str, clause_start: int, start: int) -> bool:
    """A negation word shortly before the match, in the same clause ("je ne suis pas boursier",
    "pas encore signé", "non boursier")."""
    window = t[max(clause_start, start - 28):start]
    if _NEG.search(window):
        # "plus de 50" / "non plus" are not negations of what follows
        w = re.sub(r"\bplus de\b|\bplus que\b|\bde plus\b|\bnon plus\b|\bpas mal\b|\bpas cher\b", "", window)
        if _NEG.search(w):
            return True
    return False


_DENIED = re.compile(r"(?:\baucune?s?|\bpas (?:encore |eu |vraiment |du tout |de |d')*d[e']|\bpas de|\bsans|\bjamais (?:eu )?d[e']|\bzero|\bni)\s*(?:\w+\s+)?$")


def denied_before(t: str, clause_start: int, start: int) -> bool:
    """A fact denied outright just before it, in its clause: « aucun retard de loyer », « pas
    d'impayés », « sans impayé » (unlike « je ne paie plus mon loyer », which states arrears)."""
    window = t[max(clause_start, start - 30):start]
    return bool(_DENIED.search(window))
