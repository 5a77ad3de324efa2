"""The facts of a Reading: each reader in turn, then what one fact implies for another.

Order matters: a number a reader takes (``used``: the starts of the numbers taken) is not read
again by the next one; numbers inside dates are taken first, then the age, the distance and
travel time of the move, the employer's size, counts of months, and last the amounts.

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
from typing import Any

from . import dates as _dates
from .dated import read_dates, signed_ago_move_in
from .housing import read_booleans, read_project
from .money import read_money
from .people import read_age
from .places import zone_in_text
from .reading import Reading
from .travel import read_distance_time
from .work import read_activity_contract, read_employer_size, read_months, read_sector

Facts = dict  # dict[str, Any]: profile field -> value


def facts_of(r: Reading) -> tuple[dict, list, set]:
    """(facts, the dates given to no field, the starts of the numbers taken) of a Reading; the
    bare answer to the pending question is not attributed here (see ``answer``)."""
    facts: dict[str, Any] = {}
    read_activity_contract(r, facts)
    read_sector(r, facts)

    date_facts, unassigned = read_dates(r)
    used = r.numbers_in_dates()  # numbers inside dates are not amounts or ages

    age = read_age(r, used)
    if age is not None:
        facts["age"] = age
    facts.update(read_distance_time(r, used))
    size = read_employer_size(r, used)
    if size is not None:
        facts["employer_size"] = size
    facts.update(read_months(r))
    used |= {n.start for n in r.numbers if n.unit == "mois"}
    facts.update(read_money(r, used, facts))

    read_booleans(r, facts)
    read_project(r, facts)

    zone, _key = zone_in_text(r.text)
    if zone is not None:
        facts["zone"] = zone

    for k, v in date_facts.items():
        facts.setdefault(k, v)
    _implied(r, facts)
    return facts, unassigned, used


def _implied(r: Reading, facts: dict) -> None:
    """What one fact of the message implies for another."""
    today = r.today
    # a lease signed some time ago: the dwelling is entered ("j'ai signé mon bail il y a 7 mois")
    if facts.get("lease_signed") is True and "move_in_date" not in facts:
        move_in = signed_ago_move_in(r)
        if move_in:
            facts["move_in_date"] = move_in
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
