"""The kinds of profile fields the understanding needs (money, dates, booleans, numbers, enum
values, bounds), read from the one schema of profile fields (``actions/eligibility/catalogue/
fields.yml`` through ``actions.eligibility.fields``): no list of field names here."""
from __future__ import annotations

from actions.eligibility import field_names, field_spec

_SPECS = {name: field_spec(name) for name in field_names()}
MONEY_FIELDS = tuple(n for n, s in _SPECS.items() if s.get("money"))
DATE_FIELDS = tuple(n for n, s in _SPECS.items() if s["type"] == "date")
NONE_ALLOWED_DATES = tuple(n for n, s in _SPECS.items() if s["type"] == "date" and s.get("none_allowed"))
BOOL_FIELDS = tuple(n for n, s in _SPECS.items() if s["type"] == "boolean")
ENUMS = {n: tuple(c["value"] for c in s["choices"]) for n, s in _SPECS.items() if s["type"] in ("enum", "enum_list")}
NUMBER_FIELDS = tuple(n for n, s in _SPECS.items() if s["type"] in ("integer", "number") and n != "as_of")
# bounds of fields.yml: a value outside is not a fact (the bot asks again)
BOUNDS = {n: (s["min"], s["max"]) for n, s in _SPECS.items() if "min" in s and "max" in s}


def in_bounds(field: str, value) -> bool:
    b = BOUNDS.get(field)
    if b is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    return b[0] <= value <= b[1]
