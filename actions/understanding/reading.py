"""A message read once: the ``Reading`` every reader of facts works on.

``read(text, today, pending)`` normalises the text (``text.norm``: folded, SMS spellings and
typos corrected, numbers as digits), splits it into clauses, and finds its numbers (with their
units) and its dates (resolved against ``today``). The readers (``money``, ``dated``,
``people``, ``work``, ``housing``, ``travel``, ``places``) take the Reading and never normalise
or split the text again; the positions they use are positions in ``Reading.text``.
"""
from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass
from typing import Optional

from . import dates as _dates
from .clauses import clause_spans, denied_before, negated_before
from .numbers import Num, find_numbers
from .text import fold, norm


@dataclass(frozen=True)
class Reading:
    raw: str                                # the message as written
    text: str                               # normalised (text.norm): what the readers match
    today: _dt.date                         # relative dates are resolved against it
    pending: Optional[str]                  # the field the assistant just asked, if any
    clauses: tuple[tuple[int, int], ...]    # (start, end) of each clause of ``text``
    numbers: tuple[Num, ...]                # numbers of ``text`` with their unit, left to right
    dates: tuple[_dates.DateMention, ...]   # dates of ``text``, left to right, no overlaps

    @functools.cached_property
    def folded(self) -> str:
        """Lowercase, no accents, single spaces, nothing else changed (``text.fold``)."""
        return fold(self.raw)

    def clause_of(self, pos: int) -> tuple[int, int]:
        """(start, end) of the clause holding position ``pos`` (the whole text if none)."""
        for s, e in self.clauses:
            if s <= pos <= e:
                return s, e
        return 0, len(self.text)

    def negated(self, start: int, end: int | None = None) -> bool:
        """A negation shortly before ``start`` in its clause (« je ne suis pas boursier »)."""
        return negated_before(self.text, self.clause_of(start)[0], start)

    def denied(self, start: int) -> bool:
        """A fact denied outright just before ``start`` (« aucun retard », « pas d'impayés »)."""
        return denied_before(self.text, self.clause_of(start)[0], start)

    @property
    def date_spans(self) -> list[tuple[int, int]]:
        return [(d.start, d.end) for d in self.dates]

    def numbers_in_dates(self) -> set[int]:
        """Starts of the numbers that are part of a date (« le 3 mars »): not amounts or ages."""
        return {n.start for d in self.dates for n in self.numbers if d.start <= n.start < d.end}


def read(text: str, today: _dt.date, pending: str | None = None) -> Reading:
    """The Reading of one message (see the module docstring)."""
    t = norm(text)
    return Reading(raw=text, text=t, today=today, pending=pending,
                   clauses=clause_spans(t), numbers=tuple(find_numbers(t)),
                   dates=tuple(_dates.find_dates(t, today)))
