"""A REST turn sent twice is answered once: what the balancer re-sends after a replica died.

HAProxy gives each request an ``X-Request-Id`` (``make cluster``; a client may send its own to
retry safely) and re-sends the same request, with the same id, to another replica when the
first one dies before answering. If that replica had already stored the turn, processing it
again would store the user's message twice. The REST channel keeps the id in the user
message's metadata (``request_id``) and, before a turn, ``answered_before`` looks at the
conversation's latest user message: when it carries the same id, the replies stored after it
are returned instead of running the turn again.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from rasa.shared.core.events import BotUttered, UserUttered

logger = logging.getLogger(__name__)
HEADER = "x-request-id"
MAX_LENGTH = 128


def request_id(headers: Any) -> Optional[str]:
    value = headers.get(HEADER)
    if not isinstance(value, str) or not 0 < len(value) <= MAX_LENGTH:
        return None
    if not all(33 <= ord(c) < 127 for c in value):
        return None
    return value


def _as_rest(sender_id: str, event: BotUttered) -> list:
    """The messages Rasa's collecting channel gave for this bot event (OutputChannel order)."""
    data, text = event.data or {}, event.text or ""
    out: list = []

    def add(**fields: Any) -> None:
        out.append({"recipient_id": sender_id, **fields})

    if data.get("quick_replies"):
        add(text=text, quick_replies=data["quick_replies"])
    elif data.get("buttons"):
        add(text=text, buttons=data["buttons"])
    elif text:
        for part in text.strip().split("\n\n"):
            add(text=part)
    for key in ("custom", "image", "attachment", "elements"):
        if data.get(key):
            add(**{key: data[key]})
    return out


async def answered_before(app: Any, sender_id: str, rid: str) -> Optional[list]:
    """The stored replies when the latest user message of the conversation has this id."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    if agent is None or agent.tracker_store is None:
        return None
    tracker = await agent.tracker_store.retrieve(sender_id)
    if tracker is None:
        return None
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, UserUttered):
            if (event.metadata or {}).get("request_id") != rid:
                return None
            logger.warning("REST turn %s of %s already stored: answered from the store",
                           rid, sender_id)
            return [message for e in events[index + 1:] if isinstance(e, BotUttered)
                    for message in _as_rest(sender_id, e)]
    return None
