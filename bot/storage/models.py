"""The console's tables (SQLAlchemy 1.4): advisors, tickets, callback requests, notes, tags,
audit log and the REST channel's outbox of advisor messages.

Every table name starts with ``console_`` so that nothing collides with Rasa's tracker store
(its own ``events`` table lives in the same database). The schema is created by the Alembic
migrations of bot/storage/migrations (``python -m bot.tools.migrate``), never by create_all.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Optional

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

TICKET_STATUSES = ("queued", "advisor_joined", "closed")
ROLES = ("advisor", "admin")


def utcnow() -> dt.datetime:
    """Naive UTC timestamps everywhere (SQLite keeps no time zone)."""
    return dt.datetime.utcnow().replace(microsecond=0)


def _dump(value: Any) -> Optional[str]:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(value: Optional[str]) -> Any:
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


class Advisor(Base):
    __tablename__ = "console_advisors"
    id = Column(Integer, primary_key=True)
    login = Column(String(80), nullable=False, unique=True)
    display_name = Column(String(120), nullable=False)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(20), nullable=False, default="advisor")
    failed_attempts = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime, nullable=True)
    last_seen_at = Column(DateTime, nullable=True)  # heartbeat of an open console page
    created_at = Column(DateTime, nullable=False, default=utcnow)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class Ticket(Base):
    __tablename__ = "console_tickets"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(80), nullable=True)
    reason = Column(String(255), nullable=True)
    mode = Column(String(20), nullable=False, default="live")  # live | callback
    profile_json = Column(Text, nullable=True)
    aid_results_json = Column(Text, nullable=True)
    status = Column(String(20), nullable=False, default="queued", index=True)
    advisor_id = Column(Integer, ForeignKey("console_advisors.id"), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    joined_at = Column(DateTime, nullable=True)
    closed_at = Column(DateTime, nullable=True)
    outcome = Column(String(255), nullable=True)

    advisor = relationship("Advisor")
    callback = relationship("CallbackRequest", uselist=False, back_populates="ticket")

    @property
    def profile(self) -> Any:
        return _load(self.profile_json)

    @profile.setter
    def profile(self, value: Any) -> None:
        self.profile_json = _dump(value)

    @property
    def aid_results(self) -> Any:
        return _load(self.aid_results_json)

    @aid_results.setter
    def aid_results(self, value: Any) -> None:
        self.aid_results_json = _dump(value)


class CallbackRequest(Base):
    __tablename__ = "console_callback_requests"
    id = Column(Integer, primary_key=True)
    ticket_id = Column(Integer, ForeignKey("console_tickets.id"), nullable=False, unique=True)
    preferred_channel = Column(String(20), nullable=False)  # telephone | email
    contact = Column(String(255), nullable=False)
    time_slot = Column(String(80), nullable=False)
    consent = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)

    ticket = relationship("Ticket", back_populates="callback")


class CallbackContact(Base):
    """The contact typed in the callback form, held until consent (migration 0003_privacy)."""
    __tablename__ = "console_callback_contacts"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, unique=True)
    ticket_id = Column(Integer, ForeignKey("console_tickets.id"), nullable=True)
    preferred_channel = Column(String(20), nullable=False)
    contact = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class Note(Base):
    __tablename__ = "console_notes"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    advisor_id = Column(Integer, ForeignKey("console_advisors.id"), nullable=True)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)

    advisor = relationship("Advisor")


class Tag(Base):
    __tablename__ = "console_tags"
    __table_args__ = (UniqueConstraint("conversation_id", "name", name="uq_console_tag"),)
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    name = Column(String(80), nullable=False)
    advisor_id = Column(Integer, ForeignKey("console_advisors.id"), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class AuditEntry(Base):
    __tablename__ = "console_audit_log"
    id = Column(Integer, primary_key=True)
    advisor_id = Column(Integer, ForeignKey("console_advisors.id"), nullable=True)
    action = Column(String(40), nullable=False)  # login, open_transcript, export, ...
    target = Column(String(255), nullable=True)
    detail = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)

    advisor = relationship("Advisor")


class OutboxMessage(Base):
    """Advisor messages waiting for a REST user's next request (see bot/channels/rest.py)."""
    __tablename__ = "console_outbox"
    __table_args__ = (Index("ix_console_outbox_sender", "channel", "sender_id"),)
    id = Column(Integer, primary_key=True)
    channel = Column(String(80), nullable=False)
    sender_id = Column(String(255), nullable=False)
    message_json = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class ConversationSummary(Base):
    """One row per conversation, kept up to date by the tracker store as events are saved
    (bot/storage/summary.py): what the console's review, filters and exports read instead of
    scanning Rasa's ``events`` table. ``conversation_id`` becomes NULL when the conversation is
    purged or erased; the row stays as anonymous statistics."""
    __tablename__ = "conversation_summaries"
    __table_args__ = (Index("ix_conversation_summaries_handoff", "handoff", "last_event_at"),)
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=True, unique=True)
    channel = Column(String(40), nullable=True)
    started_at = Column(DateTime, nullable=True, index=True)
    last_event_at = Column(DateTime, nullable=True, index=True)
    user_messages = Column(Integer, nullable=False, default=0)
    not_understood = Column(Integer, nullable=False, default=0)
    verdict_reached = Column(Boolean, nullable=False, default=False)
    eligible_products = Column(Text, nullable=False, default="[]")
    to_confirm_products = Column(Text, nullable=False, default="[]")
    handoff = Column(Boolean, nullable=False, default=False)
    outcome = Column(String(255), nullable=True)
    # added by issue 14 for the review's filters and its page (the spec allows added columns)
    situation = Column(String(255), nullable=True)     # activity, project, difficulties
    eligible_names = Column(Text, nullable=False, default="[]")  # names shown on the review page


class HRCallback(Base):
    """A callback to an HR system waiting to leave, sent, or given up (bot/storage/hr_outbox.py)."""
    __tablename__ = "hr_callback_outbox"
    __table_args__ = (Index("ix_hr_callback_outbox_due", "status", "conversation_id", "id"),
                      Index("ix_hr_callback_outbox_created", "created_at"))
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False)
    integration = Column(String(80), nullable=False)
    in_reply_to = Column(String(128), nullable=True)
    body_json = Column(Text, nullable=False)
    status = Column(String(20), nullable=False, default="pending")  # pending|delivered|dead
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime, nullable=False, default=utcnow)
    last_error = Column(String(255), nullable=True)
    locked_by = Column(String(80), nullable=True)
    locked_until = Column(DateTime, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    delivered_at = Column(DateTime, nullable=True)

    @property
    def body(self) -> Any:
        return _load(self.body_json)
