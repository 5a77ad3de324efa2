"""Advisor messages waiting for a REST caller to poll them.

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

import json
from typing import Iterable, Optional

from bot.storage.db import session_scope
from bot.storage.models import OutboxMessage, utcnow


def outbox_put(channel: str, sender_id: str, messages: Iterable[dict],
               url: Optional[str] = None) -> int:
    count = 0
    with session_scope(url) as session:
        for message in messages:
            session.add(OutboxMessage(channel=channel, sender_id=sender_id, created_at=utcnow(),
                                      message_json=json.dumps(message, ensure_ascii=False)))
            count += 1
    return count


def outbox_pop(channel: str, sender_id: str, url: Optional[str] = None) -> list[dict]:
    """The pending messages for this user, oldest first; they are removed."""
    with session_scope(url) as session:
        rows = (session.query(OutboxMessage).filter_by(channel=channel, sender_id=sender_id)
                .order_by(OutboxMessage.id).with_for_update().all())
        messages = [json.loads(row.message_json) for row in rows]
        if rows:
            session.query(OutboxMessage).filter(
                OutboxMessage.id.in_([row.id for row in rows])).delete(synchronize_session=False)
        return messages
