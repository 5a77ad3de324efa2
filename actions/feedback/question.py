"""What the assistant says for feedback and follow-ups: data from messages.yml, pure Python."""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any, Optional

import yaml

HERE = Path(__file__).resolve().parent
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
FEEDBACK_TEXT = "vous a-t-elle aidé ?"  # the interface others rely on (issue 16)


@functools.lru_cache(maxsize=1)
def texts() -> dict:
    return yaml.safe_load((HERE / "messages.yml").read_text(encoding="utf-8"))


def _with_buttons(spec: dict, **values: str) -> dict:
    return {"text": spec["text"].format(**values),
            "buttons": [{"title": b["title"], "payload": b["payload"]} for b in spec["buttons"]]}


def feedback_question() -> dict:
    """« Cette réponse vous a-t-elle aidé ? » with its two buttons (oui / non)."""
    return _with_buttons(texts()["question"])


def is_verdict(message: dict) -> bool:
    custom = message.get("custom")
    return isinstance(custom, dict) and custom.get("type") == "aid_results"


def after_verdict(messages: list) -> list:
    """The messages to append to a reply: the feedback question when it carries a verdict."""
    return [feedback_question()] if any(is_verdict(m) for m in messages) else []


def aids_to_apply_for(aid_results: Any) -> list[str]:
    """Names of the aids found eligible or to confirm, in the verdict's order."""
    results = aid_results.get("results") if isinstance(aid_results, dict) else None
    return [str(r.get("name") or r.get("id")) for r in results or []
            if isinstance(r, dict) and r.get("status") in ("eligible", "to_confirm")]


def aids_phrase(names: list[str]) -> str:
    if not names:
        return texts()["default_aids"]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " ou " + names[-1]


def french_date(day: dt.date) -> str:
    return f"{DAYS[day.weekday()]} {day.day}{'er' if day.day == 1 else ''} {MONTHS[day.month - 1]}"


def offer(names: list[str]) -> dict:
    return _with_buttons(texts()["offer"], aids=aids_phrase(names), aides=aids_phrase(names))


def follow_up_question(names: list[str]) -> dict:
    """« Avez-vous fait votre demande de … ? » with fait / pas encore / pas pu / besoin d'aide."""
    return _with_buttons(texts()["follow_up"], aides=aids_phrase(names))


def text(key: str, **values: str) -> str:
    value: Optional[Any] = texts()
    for part in key.split("."):
        value = value[part]
    return str(value).format(**values)
