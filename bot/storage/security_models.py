"""Tables of issue 10 (migration 0002_security): console sessions, login attempts, HR replay ids.

- ``console_sessions``: one row per console login; the cookie carries only its random id
  (the row keeps a SHA-256 of it). Logout, a password or role change revoke the rows, so a
  copied cookie stops working at once.
- ``console_login_attempts``: failed logins by address, for the per-address throttle.
- ``hr_seen_messages``: (integration, message_id) pairs already accepted by the HR webhook,
  kept for the replay window so that a restart does not forget them.
"""
from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint

from bot.storage.models import Base, utcnow


class ConsoleSession(Base):
    __tablename__ = "console_sessions"
    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    advisor_id = Column(Integer, ForeignKey("console_advisors.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)
    revoked_at = Column(DateTime, nullable=True)
    address = Column(String(64), nullable=True)


class LoginAttempt(Base):
    __tablename__ = "console_login_attempts"
    __table_args__ = (Index("ix_console_login_attempts_address_at", "address", "at"),)
    id = Column(Integer, primary_key=True)
    address = Column(String(64), nullable=False)
    login = Column(String(80), nullable=True)
    at = Column(DateTime, nullable=False, default=utcnow)


class HRSeenMessage(Base):
    __tablename__ = "hr_seen_messages"
    __table_args__ = (UniqueConstraint("integration", "message_id", name="uq_hr_seen_message"),)
    id = Column(Integer, primary_key=True)
    integration = Column(String(64), nullable=False)
    message_id = Column(String(128), nullable=False)
    seen_at = Column(DateTime, nullable=False, default=utcnow, index=True)
