"""The slots a conversation keeps (domain.yml) and what the actions know of a user message."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Optional

from actions.eligibility.fields import employer_metadata_fields

# key of the employer metadata -> profile field ({"sector": "employer_sector", ...}, fields.yml)
EMPLOYER_FIELDS = employer_metadata_fields()


@dataclass
class State:
    """The slots the conversation keeps (see domain.yml)."""
    profile: dict = field(default_factory=dict)
    pending_field: Optional[str] = None
    aid_results: Optional[dict] = None
    skipped_fields: list = field(default_factory=list)
    reask_count: int = 0
    fallback_count: int = 0

    @classmethod
    def from_slots(cls, slots: dict) -> "State":
        return cls(
            profile=dict(slots.get("profile") or {}),
            pending_field=slots.get("pending_field") or None,
            aid_results=slots.get("aid_results") or None,
            skipped_fields=list(slots.get("skipped_fields") or []),
            reask_count=int(slots.get("reask_count") or 0),
            fallback_count=int(slots.get("fallback_count") or 0),
        )

    def slots(self) -> dict:
        return {
            "profile": self.profile,
            "pending_field": self.pending_field,
            "aid_results": self.aid_results,
            "skipped_fields": list(self.skipped_fields),
            "reask_count": float(self.reask_count),
            "fallback_count": float(self.fallback_count),
        }


@dataclass
class Message:
    """What the actions know of the user's latest message."""
    text: str = ""
    intent: Optional[str] = None
    confidence: float = 0.0
    entities: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


def jsonable(value: Any) -> Any:
    """Slot values must be JSON: dates become ISO strings, tuples lists."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def employer_facts(metadata: Optional[dict]) -> dict:
    """Profile fields from the message metadata ``{"employer": {"sector", "size", "contributes"}}``."""
    employer = (metadata or {}).get("employer") if isinstance(metadata, dict) else None
    if not isinstance(employer, dict):
        return {}
    facts = {}
    for key, name in EMPLOYER_FIELDS.items():
        if employer.get(key) is not None:
            facts[name] = employer[key]
    return facts

