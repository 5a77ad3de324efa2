"""Freshness of the catalogue: when each parameter and each source was last checked.

Every parameter of ``parameters.yml`` and every source of ``products.yml`` and of the territory
files carries ``last_checked`` (the day someone last checked that it still says the same, like
openfisca's ``last_value_still_valid_on``). ``stale(days, on)`` lists what was not checked for
``days`` days before ``on``; ``undated()`` lists the sources without a date (a test fails on any).
Command line: ``python -m actions.eligibility --stale 180 [--on YYYY-MM-DD]``.
"""
from __future__ import annotations

import datetime as _dt

from .catalogue import _as_date, load_catalogue
from .territories import load_territories


def checked_items():
    """Every dated item: dicts with kind, name, title, date (of the source), last_checked."""
    cat = load_catalogue()
    out = []
    for name, prm in cat.parameters.items():
        last = prm.entries[-1] if prm.entries else {}
        out.append({"kind": "parameter", "name": name, "title": prm.description,
                    "date": _as_date(last.get("source_date")), "last_checked": prm.last_checked})
    for prod in cat:
        for src in prod.sources:
            out.append({"kind": "source", "name": prod.id, "title": src.get("title"), "url": src.get("url"),
                        "date": _as_date(src.get("date")), "last_checked": _as_date(src.get("last_checked"))})
    for terr in load_territories().values():
        for key, src in terr.sources.items():
            out.append({"kind": "territory_source", "name": f"{terr.id}:{key}", "title": src.get("title"),
                        "url": src.get("url"), "date": _as_date(src.get("date")),
                        "last_checked": _as_date(src.get("last_checked"))})
    return out


def undated():
    """Items that miss their source date or their last_checked date."""
    return [i for i in checked_items() if i["date"] is None or i["last_checked"] is None]


def stale(days: int, on=None):
    """Items whose ``last_checked`` is more than ``days`` days before ``on`` (default today),
    oldest first; an item without ``last_checked`` is always stale."""
    on = _as_date(on) or _dt.date.today()
    limit = on - _dt.timedelta(days=days)
    items = [dict(i, age_days=None if i["last_checked"] is None else (on - i["last_checked"]).days)
             for i in checked_items() if i["last_checked"] is None or i["last_checked"] < limit]
    return sorted(items, key=lambda i: (i["last_checked"] or _dt.date.min, i["kind"], i["name"]))


def format_stale(items, days, on) -> str:
    on = _as_date(on) or _dt.date.today()
    if not items:
        return f"Tout a été vérifié dans les {days} jours précédant le {on.isoformat()}."
    lines = [f"{len(items)} élément(s) non vérifié(s) depuis plus de {days} jours au {on.isoformat()} :"]
    for i in items:
        when = i["last_checked"].isoformat() if i["last_checked"] else "jamais"
        age = f"{i['age_days']} j" if i["age_days"] is not None else "-"
        lines.append(f"{i['kind']}\t{i['name']}\tlast_checked {when} ({age})\t{i['title']}")
    return "\n".join(lines)
