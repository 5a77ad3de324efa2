"""Advisors' notes and tags on a conversation.

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.storage.db import session_scope
from bot.storage.models import Note, Tag, utcnow
from bot.storage.errors import ServiceError
from bot.storage.redaction import redact_text


def add_note(conversation_id: str, advisor_id: Optional[int], text: str,
             url: Optional[str] = None) -> Note:
    text = redact_text((text or "").strip())  # privacy (issue 13): no identifier in clear
    if not text:
        raise ServiceError("La note est vide.")
    with session_scope(url) as session:
        note = Note(conversation_id=conversation_id, advisor_id=advisor_id, text=text[:5000],
                    created_at=utcnow())
        session.add(note)
        session.flush()
        return note


def notes_for(conversation_id: str, url: Optional[str] = None) -> list[Note]:
    with session_scope(url) as session:
        notes = (session.query(Note).filter_by(conversation_id=conversation_id)
                 .order_by(Note.id).all())
        for note in notes:
            _ = note.advisor
        return notes


def normalise_tag(name: str) -> str:
    tag = re.sub(r"\s+", "-", redact_text((name or "").strip()).lower())[:80]
    if not tag:
        raise ServiceError("L'étiquette est vide.")
    return tag


def add_tag(conversation_id: str, advisor_id: Optional[int], name: str,
            url: Optional[str] = None) -> str:
    tag = normalise_tag(name)
    with session_scope(url) as session:
        if not session.query(Tag).filter_by(conversation_id=conversation_id, name=tag).count():
            session.add(Tag(conversation_id=conversation_id, name=tag, advisor_id=advisor_id,
                            created_at=utcnow()))
    return tag


def remove_tag(conversation_id: str, name: str, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        session.query(Tag).filter_by(conversation_id=conversation_id, name=name).delete()


def tags_for(conversation_id: str, url: Optional[str] = None) -> list[str]:
    with session_scope(url) as session:
        return [t.name for t in session.query(Tag).filter_by(conversation_id=conversation_id)
                .order_by(Tag.name)]
