"""Validation and normalisation of an employee profile (interfaces.md section 4)."""
from __future__ import annotations

import datetime as _dt
import math

from .catalogue import load_catalogue


class ProfileError(ValueError):
    """A profile that cannot be read. ``field`` names the field, ``message`` says why
    (in French, with an English gloss). ``str(err)`` is ``"<field>: <message>"``."""

    def __init__(self, field, message):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


_cache = {}


def _specs():
    s = _cache.get("specs")
    if s is None:
        fields = load_catalogue().fields
        s = {}
        for name, raw in fields.items():
            s[name] = (raw["type"], frozenset(raw.get("values", ())), raw.get("min"), raw.get("max", raw.get("max_length")),
                       tuple(raw.get("values", ())), bool(raw.get("none_allowed")))
        _cache["specs"] = s
        _cache["empty"] = dict.fromkeys(fields)
    return s


def _parse_date(name, value):
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return _dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise ProfileError(name, f"doit être une date valide AAAA-MM-JJ (reçu {value!r}) "
                                 f"[must be a valid YYYY-MM-DD date]")
    raise ProfileError(name, f"doit être une date AAAA-MM-JJ (reçu {value!r}) [must be a YYYY-MM-DD date]")


def _check_range(name, value, lo, hi, what):
    if lo is not None and value < lo:
        if lo == 0:
            raise ProfileError(name, f"doit être {what} positif (reçu {value}) "
                                     f"[must be a non-negative {'integer' if what == 'un entier' else 'number'}, got {value}]")
        raise ProfileError(name, f"doit être au moins {lo} (reçu {value}) [must be >= {lo}]")
    if hi is not None and value > hi:
        raise ProfileError(name, f"valeur impossible, au plus {hi} (reçu {value}) [impossible value, must be <= {hi}]")


def validate_profile(data) -> dict:
    """Check and normalise a profile. Returns a new dict with every field (None = unknown),
    dates as ``datetime.date`` and ``difficulty_events`` as a tuple. Raises :class:`ProfileError`."""
    specs = _specs()
    if not isinstance(data, dict):
        raise ProfileError("profil", f"doit être un objet JSON (reçu {type(data).__name__}) [profile must be a JSON object]")
    out = dict(_cache["empty"])
    for name, value in data.items():
        spec = specs.get(name)
        if spec is None:
            raise ProfileError(name, "champ inconnu [unknown field]")
        if value is None:
            continue
        typ, allowed, lo, hi, ordered, none_allowed = spec
        if typ == "date":
            if value is False and none_allowed:
                out[name] = False  # "there is none"
                continue
            value = _parse_date(name, value)
        elif typ == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise ProfileError(name, f"doit être un entier (reçu {value!r}) [must be an integer]")
            _check_range(name, value, lo, hi, "un entier")
        elif typ == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ProfileError(name, f"doit être un nombre (reçu {value!r}) [must be a number]")
            if isinstance(value, float) and not math.isfinite(value):
                raise ProfileError(name, f"doit être un nombre fini (reçu {value!r}) [must be a finite number]")
            _check_range(name, value, lo, hi, "un nombre")
        elif typ == "boolean":
            if not isinstance(value, bool):
                raise ProfileError(name, f"doit être true ou false (reçu {value!r}) [must be a boolean]")
        elif typ == "enum":
            if not isinstance(value, str) or value not in allowed:
                raise ProfileError(name, f"valeur inconnue {value!r} ; valeurs possibles : {', '.join(ordered)} "
                                         f"[unknown value]")
        elif typ == "string":
            if not isinstance(value, str) or not value.strip():
                raise ProfileError(name, f"doit être un texte non vide (reçu {value!r}) [must be a non-empty string]")
            if len(value) > (hi or 100):
                raise ProfileError(name, f"texte trop long, au plus {hi or 100} caractères [string too long]")
            value = value.strip()
        elif typ == "enum_list":
            if not isinstance(value, (list, tuple)):
                raise ProfileError(name, f"doit être une liste (reçu {value!r}) [must be a list]")
            seen = []
            for item in value:
                if not isinstance(item, str) or item not in allowed:
                    raise ProfileError(name, f"valeur inconnue {item!r} ; valeurs possibles : {', '.join(ordered)} "
                                             f"[unknown value]")
                if item not in seen:
                    seen.append(item)
            value = tuple(seen)
        out[name] = value
    return out
