"""The contact typed in the callback form, held in its own table until consent (issue 13).

The tracker store only keeps « [téléphone] » or « [e-mail] »; the form's validation holds the
real contact here, tied to the conversation. With consent it becomes the callback request
(console_callback_requests, kept RETENTION_CALLBACK_DAYS); without, it is deleted at once.
"""
from __future__ import annotations

from typing import Optional

from bot.storage.db import session_scope
from bot.storage.models import CallbackContact, utcnow


def hold(conversation_id: str, preferred_channel: str, contact: str,
         ticket_id: Optional[int] = None, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        row = session.query(CallbackContact).filter_by(conversation_id=conversation_id).one_or_none()
        if row is None:
            row = CallbackContact(conversation_id=conversation_id)
            session.add(row)
        row.ticket_id = ticket_id
        row.preferred_channel = preferred_channel[:20]
        row.contact = contact[:255]
        row.created_at = utcnow()


def held(conversation_id: str, url: Optional[str] = None) -> Optional[str]:
    with session_scope(url) as session:
        row = session.query(CallbackContact).filter_by(conversation_id=conversation_id).one_or_none()
        return row.contact if row is not None else None


def forget(conversation_id: str, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        session.query(CallbackContact).filter_by(conversation_id=conversation_id).delete()
