"""A person's copy of their conversation (issue 13, right of access and portability).

``export(conversation_id)`` gathers what is stored: the messages (as stored: identifiers
masked), the profile the assistant worked out, the aids found, and the handoff tickets.
``as_text`` renders it as a plain French text file. Used by the widget's « Télécharger ma
conversation » and by the HR API (bot/channels/privacy.py).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from actions.eligibility.fields import field_titles
from bot.storage import tickets, transcripts

# the fields' names in a table of the profile (the console's too), from the one schema
PROFILE_LABELS = field_titles()


def _iso(value: Optional[dt.datetime]) -> Optional[str]:
    return value.isoformat() + "Z" if value else None


def export(conversation_id: str, url: Optional[str] = None) -> Optional[dict]:
    """Everything stored about the conversation, or None when nothing is."""
    events = transcripts.transcript_events(conversation_id, url)
    ticket_rows = tickets.tickets_for(conversation_id, url)
    if not events and not ticket_rows:
        return None
    messages = []
    for event in events:
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        text = event.get("text") or ""
        if not text:
            continue
        if kind == "bot" and (event.get("metadata") or {}).get("advisor"):
            author = f"conseiller ({event['metadata']['advisor']})"
        else:
            author = "vous" if kind == "user" else "assistant"
        messages.append({"from": author, "at": _iso(transcripts.timestamp_of(event.get("timestamp"))),
                         "text": text})
    slots = transcripts.slots_from(events)
    profile = slots.get("profile") if isinstance(slots.get("profile"), dict) else {}
    results = slots.get("aid_results") if isinstance(slots.get("aid_results"), dict) else {}
    aids = [{"id": r.get("id"), "name": r.get("name"), "status": r.get("status")}
            for r in results.get("results") or [] if isinstance(r, dict)]
    return {
        "conversation_id": conversation_id,
        "exported_at": _iso(dt.datetime.utcnow().replace(microsecond=0)),
        "channel": transcripts.latest_input_channel(events),
        "messages": messages,
        "profile": profile or {},
        "aids": aids,
        "tickets": [{"id": t.id, "status": t.status, "reason": t.reason,
                     "created_at": _iso(t.created_at), "callback": bool(t.callback)}
                    for t in ticket_rows],
        "note": ("Les numéros, adresses e-mail, IBAN, adresses postales et noms que vous avez "
                 "écrits ne sont pas conservés : ils apparaissent masqués."),
    }


def _value(value: Any) -> str:
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def as_text(data: dict) -> str:
    lines = ["Votre conversation avec l'assistant logement", "",
             f"Exportée le {data['exported_at']}", ""]
    for message in data["messages"]:
        lines.append(f"[{message['at'] or ''}] {message['from']} : {message['text']}")
    if data["profile"]:
        lines += ["", "Ce que l'assistant a retenu de votre situation :"]
        for key, value in data["profile"].items():
            if value not in (None, "", [], {}):
                lines.append(f"- {PROFILE_LABELS.get(key, key)} : {_value(value)}")
    if data["aids"]:
        lines += ["", "Aides examinées :"]
        status = {"eligible": "éligible", "to_confirm": "à confirmer", "not_eligible": "non éligible"}
        for aid in data["aids"]:
            lines.append(f"- {aid['name'] or aid['id']} : {status.get(aid['status'], aid['status'])}")
    if data["tickets"]:
        lines += ["", "Demandes de conseiller :"]
        for ticket in data["tickets"]:
            lines.append(f"- {ticket['created_at']} : {ticket['status']}"
                         + (" (rappel demandé)" if ticket["callback"] else ""))
    lines += ["", data["note"], ""]
    return "\n".join(lines)
