"""Field specifications of the profile (interfaces.md section 4) for the conversation layer.

``field_spec("activity")`` returns a dict: ``name``, ``type``, ``ask`` (number, date, choice,
boolean, text), ``label``, ``question`` (French, vouvoiement), ``why`` (why we ask),
``choices`` (list of ``{"value", "label"}`` for ``choice``/``boolean``), and ``min``/``max`` for
numbers. The data lives in ``catalogue/fields.yml``, the one schema of profile fields: the
understanding, the conversation, the advisors' console, the person's export and the channels'
employer metadata read it through the functions below, and no other module lists field names
or enum values.
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


def field_titles() -> dict:
    """{field: its name in a table of the profile} (« Âge », « Secteur de l'employeur »), in the
    conversation order: the advisors' console and the person's export."""
    return {name: raw["title"] for name, raw in load_catalogue().fields.items()}


def short_values(name: str) -> dict:
    """{value: a few words} for one line of the advisors' queue (« impayés de loyer »); the
    values' labels where the field gives no short form."""
    raw = load_catalogue().fields[name]
    return dict(raw.get("short_values") or raw.get("values") or {})


def employer_metadata_fields() -> dict:
    """{key of the employer metadata channels send: field} (``{"sector": "employer_sector", ...}``)."""
    return {raw["employer_metadata"]: name for name, raw in load_catalogue().fields.items()
            if raw.get("employer_metadata")}
