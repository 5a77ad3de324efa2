"""Three-valued (plus "open") logic used by the product rules.

Every condition evaluates to a :class:`Verdict` whose ``state`` is one of

* ``TRUE``    – the condition holds (``conditions`` may list what the person must still respect);
* ``FALSE``   – the condition fails (``reasons`` say why, ``rules`` name the rule codes);
* ``UNKNOWN`` – the profile lacks a fact (``missing`` names the fields that would decide);
* ``OPEN``    – the published rules leave the case open (``reasons`` say why): ``to_confirm``.

``all_of``: FALSE dominates, then UNKNOWN, then OPEN, then TRUE.
``any_of`` (the "at least one public" paths): TRUE dominates, then OPEN, then UNKNOWN, then FALSE.

Monotonicity: a FALSE verdict only depends on facts that are given, so adding facts never turns
it into UNKNOWN (tested with hypothesis in tests/eligibility/test_properties.py).
"""
from __future__ import annotations

FALSE, TRUE, UNKNOWN, OPEN = 0, 1, 2, 3

__all__ = ["FALSE", "TRUE", "UNKNOWN", "OPEN", "Verdict", "T", "F", "U", "O", "all_of", "any_of"]


class Verdict:
    __slots__ = ("state", "rules", "reasons", "missing", "conditions")

    def __init__(self, state, rules=(), reasons=(), missing=(), conditions=()):
        self.state = state
        self.rules = rules
        self.reasons = reasons
        self.missing = missing
        self.conditions = conditions

    def __repr__(self):  # pragma: no cover - debugging aid
        name = {FALSE: "FALSE", TRUE: "TRUE", UNKNOWN: "UNKNOWN", OPEN: "OPEN"}[self.state]
        return f"Verdict({name}, rules={self.rules}, missing={self.missing}, reasons={self.reasons})"


def _t(x):
    if x is None:
        return ()
    if isinstance(x, str):
        return (x,)
    return tuple(x)


def T(rule=None, reason=None, conditions=None):
    """A condition that holds."""
    return Verdict(TRUE, _t(rule), _t(reason), (), _t(conditions))


def F(rule, reason):
    """A condition that fails."""
    return Verdict(FALSE, _t(rule), _t(reason))


def U(rule, missing, reason=None):
    """A condition that cannot be decided without the ``missing`` fields."""
    return Verdict(UNKNOWN, _t(rule), _t(reason), _t(missing))


def O(rule, reason, conditions=None):
    """A condition the published rules leave open (``to_confirm``)."""
    return Verdict(OPEN, _t(rule), _t(reason), (), _t(conditions))


def _merge(state, verdicts):
    rules, reasons, missing, conditions = [], [], [], []
    for v in verdicts:
        for r in v.rules:
            if r not in rules:
                rules.append(r)
        for r in v.reasons:
            if r not in reasons:
                reasons.append(r)
        for m in v.missing:
            if m not in missing:
                missing.append(m)
        for c in v.conditions:
            if c not in conditions:
                conditions.append(c)
    return Verdict(state, tuple(rules), tuple(reasons), tuple(missing), tuple(conditions))


def all_of(*verdicts):
    """Conjunction. FALSE > UNKNOWN > OPEN > TRUE."""
    f = [v for v in verdicts if v.state == FALSE]
    if f:
        return _merge(FALSE, f)
    u = [v for v in verdicts if v.state == UNKNOWN]
    if u:
        return _merge(UNKNOWN, u)
    o = [v for v in verdicts if v.state == OPEN]
    if o:
        # reasons of the open points first, then the conditions that hold
        return _merge(OPEN, o + [v for v in verdicts if v.state == TRUE])
    return _merge(TRUE, verdicts)


def any_of(*verdicts):
    """Disjunction (at least one path). TRUE > OPEN > UNKNOWN > FALSE."""
    for v in verdicts:
        if v.state == TRUE:
            return v
    for v in verdicts:
        if v.state == OPEN:
            return v
    u = [v for v in verdicts if v.state == UNKNOWN]
    if u:
        return _merge(UNKNOWN, u)
    # every path fails: cite the paths that explain themselves (the others do not apply at all)
    explained = [v for v in verdicts if v.reasons]
    return _merge(FALSE, explained or verdicts)
