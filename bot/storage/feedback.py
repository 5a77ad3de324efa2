"""Feedback on the assistant's answers and the outcome follow-ups people ask for.

- ``record_feedback``: an answer to « Cette réponse vous a-t-elle aidé ? » (one row per
  answer; the dashboard counts the latest answer of each conversation).
- ``add_comment``: the optional comment after it, redacted before it is stored.
- ``schedule_follow_up`` / ``due_follow_ups`` / ``mark_sent`` / ``record_answer``: the
  follow-up a week later (« Avez-vous fait votre demande de … ? »), opt-in only.
- ``anonymise``: purge and erasure keep the rows as anonymous statistics.

Pure SQLAlchemy (tables of migration 0006_feedback); every function takes an optional ``url``.
Times are naive UTC; callers pass ``now`` so that tests never wait nor depend on today's date.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Optional

import sqlalchemy as sa
from sqlalchemy import Boolean, Column, DateTime, Integer, String, Text

from bot.storage.db import session_scope
from bot.storage.models import Base, utcnow

FOLLOW_UP_ANSWERS = ("fait", "pas_encore", "pas_pu", "besoin_aide")
FOLLOW_UP_LABELS = {"fait": "fait", "pas_encore": "pas encore", "pas_pu": "pas pu",
                    "besoin_aide": "besoin d'aide"}
FOLLOW_UP_STATUSES = ("scheduled", "sending", "sent", "answered", "undeliverable", "cancelled")
COMMENT_MAX = 1000
# a follow-up nobody could receive (widget closed, channel down) is retried at each run for
# this long after it fell due, then given up
DELIVERY_WINDOW = dt.timedelta(days=7)


class Feedback(Base):
    __tablename__ = "console_feedback"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=True, index=True)
    channel = Column(String(40), nullable=True)
    helpful = Column(Boolean, nullable=False)
    comment = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class FollowUp(Base):
    __tablename__ = "console_follow_ups"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=True, index=True)
    channel = Column(String(40), nullable=False)
    products_json = Column(Text, nullable=True)  # names of the aids to ask about
    status = Column(String(20), nullable=False, default="scheduled")
    requested_at = Column(DateTime, nullable=False, default=utcnow)
    due_at = Column(DateTime, nullable=False)
    sent_at = Column(DateTime, nullable=True)
    attempts = Column(Integer, nullable=False, default=0)
    answer = Column(String(20), nullable=True)
    answered_at = Column(DateTime, nullable=True)

    @property
    def products(self) -> list[str]:
        try:
            value = json.loads(self.products_json or "[]")
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []


def _now(now: Optional[dt.datetime]) -> dt.datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is not None:
        now = now.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return now.replace(microsecond=0)


def _redact(text: str) -> str:
    """Issue 13's redaction when it is there (phone numbers, e-mails, IBAN... removed)."""
    try:
        from bot.storage.redaction import redact_text
    except ImportError:  # pragma: no cover - until bot.storage.redaction lands
        return text
    return redact_text(text)


# -- feedback ---------------------------------------------------------------------------------
def record_feedback(conversation_id: str, helpful: bool, channel: Optional[str] = None,
                    now: Optional[dt.datetime] = None, url: Optional[str] = None) -> int:
    with session_scope(url) as session:
        row = Feedback(conversation_id=conversation_id[:255], helpful=bool(helpful),
                       channel=(channel or None) and channel[:40], created_at=_now(now))
        session.add(row)
        session.flush()
        return row.id


def add_comment(conversation_id: str, comment: str, url: Optional[str] = None) -> bool:
    """The comment on the conversation's latest feedback; False when there is none."""
    text = _redact(" ".join(str(comment or "").split()))[:COMMENT_MAX]
    if not text:
        return False
    with session_scope(url) as session:
        row = (session.query(Feedback).filter(Feedback.conversation_id == conversation_id)
               .order_by(Feedback.id.desc()).first())
        if row is None:
            return False
        row.comment = text
        return True


def latest_feedback(conversation_ids: Iterable[str], url: Optional[str] = None) -> dict:
    """{conversation_id: True/False}: the latest answer of each conversation given."""
    ids = [c for c in conversation_ids if c]
    out: dict[str, bool] = {}
    if not ids:
        return out
    with session_scope(url) as session:
        for start in range(0, len(ids), 500):
            rows = (session.query(Feedback.conversation_id, Feedback.helpful)
                    .filter(Feedback.conversation_id.in_(ids[start:start + 500]))
                    .order_by(Feedback.id))
            for conversation_id, helpful in rows:
                out[conversation_id] = bool(helpful)
    return out


def feedback_for(conversation_id: str, url: Optional[str] = None) -> list[Feedback]:
    """The conversation's answers to the feedback question, oldest first."""
    with session_scope(url) as session:
        return (session.query(Feedback).filter(Feedback.conversation_id == conversation_id)
                .order_by(Feedback.id).all())


def latest_feedback_query(helpful: bool) -> Any:
    """A subquery of the conversations whose latest feedback is ``helpful`` (review filter)."""
    latest = (sa.select(sa.func.max(Feedback.id)).where(Feedback.conversation_id.isnot(None))
              .group_by(Feedback.conversation_id))
    return sa.select(Feedback.conversation_id).where(Feedback.id.in_(latest),
                                                     Feedback.helpful.is_(helpful))


def feedback_between(start: dt.datetime, end: dt.datetime,
                     url: Optional[str] = None) -> list[Feedback]:
    """Feedback given in [start, end) (naive UTC), oldest first."""
    with session_scope(url) as session:
        return (session.query(Feedback)
                .filter(Feedback.created_at >= start, Feedback.created_at < end)
                .order_by(Feedback.id).all())


# -- follow-ups -------------------------------------------------------------------------------
def schedule_follow_up(conversation_id: str, channel: str, products: list[str],
                       delay: dt.timedelta, now: Optional[dt.datetime] = None,
                       url: Optional[str] = None) -> FollowUp:
    """The conversation's pending follow-up, rescheduled, or a new one."""
    now = _now(now)
    with session_scope(url) as session:
        row = (session.query(FollowUp)
               .filter(FollowUp.conversation_id == conversation_id,
                       FollowUp.status == "scheduled").order_by(FollowUp.id.desc()).first())
        if row is None:
            row = FollowUp(conversation_id=conversation_id[:255], requested_at=now)
            session.add(row)
        row.channel = channel[:40]
        row.products_json = json.dumps([str(p) for p in products][:10], ensure_ascii=False)
        row.due_at = now + delay
        row.status = "scheduled"
        session.flush()
        return row


def cancel_follow_up(conversation_id: str, url: Optional[str] = None) -> int:
    with session_scope(url) as session:
        return (session.query(FollowUp)
                .filter(FollowUp.conversation_id == conversation_id,
                        FollowUp.status == "scheduled")
                .update({"status": "cancelled"}, synchronize_session=False))


def due_follow_ups(now: Optional[dt.datetime] = None, limit: int = 100,
                   url: Optional[str] = None) -> list[FollowUp]:
    """Scheduled follow-ups whose time has come (the oldest first)."""
    with session_scope(url) as session:
        return (session.query(FollowUp)
                .filter(FollowUp.status == "scheduled", FollowUp.due_at <= _now(now),
                        FollowUp.conversation_id.isnot(None))
                .order_by(FollowUp.due_at, FollowUp.id).limit(limit).all())


def mark_sent(follow_up_id: int, delivered: bool, now: Optional[dt.datetime] = None,
              url: Optional[str] = None) -> str:
    """After one attempt: ``sent``, still ``scheduled`` (retried later) or ``undeliverable``."""
    now = _now(now)
    with session_scope(url) as session:
        row = session.get(FollowUp, follow_up_id)
        if row is None or row.status not in ("scheduled", "sending"):
            return row.status if row else "missing"
        row.attempts += 1
        if delivered:
            row.status, row.sent_at = "sent", now
        elif now - row.due_at > DELIVERY_WINDOW:
            row.status = "undeliverable"
        else:
            row.status = "scheduled"  # retried at the next run
        return row.status


def record_answer(conversation_id: str, answer: str, channel: Optional[str] = None,
                  now: Optional[dt.datetime] = None, url: Optional[str] = None) -> FollowUp:
    """The answer to the conversation's latest follow-up (a row is made when someone answers
    without one: the answer still counts)."""
    if answer not in FOLLOW_UP_ANSWERS:
        raise ValueError(f"unknown follow-up answer {answer!r}")
    now = _now(now)
    with session_scope(url) as session:
        row = (session.query(FollowUp).filter(FollowUp.conversation_id == conversation_id,
                                              FollowUp.status.in_(("sent", "answered",
                                                                   "scheduled")))
               .order_by(FollowUp.id.desc()).first())
        if row is None:
            row = FollowUp(conversation_id=conversation_id[:255], channel=(channel or "")[:40],
                           requested_at=now, due_at=now, products_json="[]")
            session.add(row)
        row.status, row.answer, row.answered_at = "answered", answer, now
        session.flush()
        return row


def follow_ups_between(start: dt.datetime, end: dt.datetime,
                       url: Optional[str] = None) -> list[FollowUp]:
    """Follow-ups asked for in [start, end) (naive UTC)."""
    with session_scope(url) as session:
        return (session.query(FollowUp)
                .filter(FollowUp.requested_at >= start, FollowUp.requested_at < end)
                .order_by(FollowUp.id).all())


def anonymise(conversation_id: str, url: Optional[str] = None) -> None:
    """Purge or erasure of a conversation: its feedback and follow-ups stay as anonymous
    figures (no conversation id, no comment); a pending follow-up is cancelled."""
    with session_scope(url) as session:
        session.query(Feedback).filter(Feedback.conversation_id == conversation_id).update(
            {"conversation_id": None, "comment": None}, synchronize_session=False)
        session.query(FollowUp).filter(FollowUp.conversation_id == conversation_id,
                                       FollowUp.status == "scheduled").update(
            {"status": "cancelled"}, synchronize_session=False)
        session.query(FollowUp).filter(FollowUp.conversation_id == conversation_id).update(
            {"conversation_id": None}, synchronize_session=False)


def follow_up_products(conversation_id: str, url: Optional[str] = None) -> list[str]:
    """The aids named in the conversation's latest follow-up."""
    with session_scope(url) as session:
        row = (session.query(FollowUp).filter(FollowUp.conversation_id == conversation_id)
               .order_by(FollowUp.id.desc()).first())
        return row.products if row else []


def claim(follow_up_id: int, url: Optional[str] = None) -> bool:
    """Take a due follow-up for sending (``sending``); False when another process took it."""
    with session_scope(url) as session:
        return (session.query(FollowUp)
                .filter(FollowUp.id == follow_up_id, FollowUp.status == "scheduled")
                .update({"status": "sending"}, synchronize_session=False)) == 1
