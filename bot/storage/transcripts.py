"""Read-only views of Rasa's tracker store (the ``events`` table): a conversation's
events, its slots, channel, pause state and the transcript the console shows.

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Optional

import sqlalchemy as sa

from bot.storage.db import engine


def events_table_exists(url: Optional[str]) -> bool:
    return sa.inspect(engine(url)).has_table("events")


def transcript_events(conversation_id: str, url: Optional[str] = None) -> list[dict]:
    """Every event of the conversation, in order, as Rasa stored them."""
    if not events_table_exists(url):
        return []
    with engine(url).connect() as connection:
        rows = connection.execute(sa.text(
            "select data from events where sender_id = :s order by id"),
            {"s": conversation_id}).fetchall()
    events = []
    for (data,) in rows:
        try:
            events.append(json.loads(data))
        except (TypeError, ValueError):
            continue
    return events


def slots_from(events: list[dict]) -> dict:
    slots: dict = {}
    for event in events:
        if event.get("event") == "slot":
            slots[event.get("name")] = event.get("value")
    return slots


def latest_input_channel(events: list[dict]) -> Optional[str]:
    for event in reversed(events):
        if event.get("event") == "user" and event.get("input_channel"):
            return event["input_channel"]
    return None


def is_paused(events: list[dict]) -> bool:
    paused = False
    for event in events:
        if event.get("event") == "pause":
            paused = True
        elif event.get("event") in ("resume", "restart"):
            paused = False
    return paused


def transcript_items(events: list[dict]) -> list[dict]:
    """The transcript as the console shows it: messages, actions and slot changes."""
    items = []
    slot_values: dict = {}
    for event in events:
        kind = event.get("event")
        when = timestamp_of(event.get("timestamp"))
        if kind == "user":
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            items.append({"kind": "user", "at": when, "text": event.get("text") or "",
                          "intent": intent.get("name"),
                          "confidence": intent.get("confidence"),
                          "entities": [{"entity": e.get("entity"), "value": e.get("value")}
                                       for e in parse.get("entities") or []],
                          "channel": event.get("input_channel")})
        elif kind == "bot":
            metadata = event.get("metadata") or {}
            data = event.get("data") or {}
            custom = data.get("custom")
            items.append({"kind": "bot", "at": when, "text": event.get("text") or "",
                          "advisor": metadata.get("advisor"),
                          "buttons": [b.get("title") for b in data.get("buttons") or []],
                          "custom_type": custom.get("type") if isinstance(custom, dict) else None})
        elif kind == "action":
            name = event.get("name")
            if name and name != "action_listen":
                items.append({"kind": "action", "at": when, "name": name,
                              "policy": event.get("policy"),
                              "confidence": event.get("confidence")})
        elif kind == "slot":
            # only the changes: unchanged values and empty initial values are left out
            name, value = event.get("name"), event.get("value")
            previous = slot_values.get(name)
            slot_values[name] = value
            if name != "requested_slot" and value != previous and not (
                    previous is None and value in ([], {}, 0.0)):
                items.append({"kind": "slot", "at": when, "name": event.get("name"),
                              "value": event.get("value")})
        elif kind in ("pause", "resume", "session_started", "restart"):
            items.append({"kind": kind, "at": when})
    return items


def timestamp_of(value: Any) -> Optional[dt.datetime]:
    try:
        return dt.datetime.utcfromtimestamp(float(value)).replace(microsecond=0)
    except (TypeError, ValueError, OverflowError):
        return None


def eligible_products(aid_results: Any) -> list[dict]:
    if not isinstance(aid_results, dict):
        return []
    return [r for r in aid_results.get("results") or []
            if isinstance(r, dict) and r.get("status") == "eligible"]
