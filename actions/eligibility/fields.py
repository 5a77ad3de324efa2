"""Field specifications of the profile (interfaces.md section 4) for the conversation layer.

``field_spec("activity")`` returns a dict: ``name``, ``type``, ``ask`` (number, date, choice,
boolean, text), ``label``, ``question`` (French, vouvoiement), ``why`` (why we ask),
``choices`` (list of ``{"value", "label"}`` for ``choice``/``boolean``), and ``min``/``max`` for
numbers. The data lives in ``catalogue/fields.yml``.
"""
from __future__ import annotations

import functools

from .catalogue import load_catalogue

_BOOL_CHOICES = ({"value": True, "label": "Oui"}, {"value": False, "label": "Non"})


@functools.lru_cache(maxsize=None)
def _spec(name):
    raw = load_catalogue().fields.get(name)
    if raw is None:
        raise KeyError(f"unknown profile field: {name}")
    spec = {"name": name}
    spec.update({k: v for k, v in raw.items() if k != "values"})
    if "values" in raw:
        spec["choices"] = [{"value": k, "label": v} for k, v in raw["values"].items()]
    elif raw.get("none_allowed"):
        spec["choices"] = [{"value": False, "label": "Je n'en ai pas"}]
    elif raw["type"] == "boolean":
        spec["choices"] = [dict(c) for c in _BOOL_CHOICES]
    else:
        spec["choices"] = []
    spec["multiple"] = raw["type"] == "enum_list"
    return spec


def field_spec(name: str) -> dict:
    """Specification of one profile field (a fresh copy, safe to modify)."""
    s = _spec(name)
    out = dict(s)
    out["choices"] = [dict(c) for c in s["choices"]]
    return out


def field_names() -> list:
    """All profile field names, in conversation order (the tie-break order of next_question)."""
    return list(load_catalogue().fields)


def enum_values(name: str) -> tuple:
    raw = load_catalogue().fields[name]
    return tuple(raw.get("values", {}))
