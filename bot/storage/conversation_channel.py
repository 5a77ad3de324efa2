"""Which channel a conversation belongs to: the input channel of its latest user message.

Used by the channels so that no door reaches a conversation of another one (a REST caller
cannot continue a socket.io, HR, Slack or Teams conversation). Reads Rasa's ``events`` table.
"""
from __future__ import annotations

import json
from typing import Optional

import sqlalchemy as sa

from bot.storage.db import engine
from bot.storage.transcripts import events_table_exists


def conversation_channel(conversation_id: str, url: Optional[str] = None) -> Optional[str]:
    """The ``input_channel`` of the conversation's latest user event, None when it has none."""
    if not events_table_exists(url):
        return None
    with engine(url).connect() as connection:
        rows = connection.execute(sa.text(
            "select data from events where sender_id = :s and type_name = 'user' "
            "order by id desc limit 5"), {"s": conversation_id}).fetchall()
    for (data,) in rows:
        try:
            channel = json.loads(data).get("input_channel")
        except (TypeError, ValueError, AttributeError):
            continue
        if channel:
            return str(channel)
    return None
