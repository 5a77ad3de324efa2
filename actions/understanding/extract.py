"""Free French text -> employee-profile facts (interfaces.md section 4): a message is read once
(``reading.read``), its facts taken by the readers (``facts.facts_of``), then its bare answer
given to the pending question (``answer.answer_pending``); a value outside the bounds of
fields.yml is not a fact."""
from __future__ import annotations

import datetime as _dt

from .answer import answer_pending
from .facts import facts_of
from .field_kinds import in_bounds
from .reading import read


def extract_facts(text: str, today: _dt.date, pending_field: str | None = None) -> dict:
    """Every profile field the message states (see the package docstring)."""
    if not text or not text.strip():
        return {}
    r = read(text, today, pending_field)
    facts, unassigned, used = facts_of(r)
    answer_pending(r, facts, unassigned, used)
    return {k: v for k, v in facts.items() if in_bounds(k, v)}
