"""Retention (issue 13): what is deleted when, per kind of data (durations in bot/settings.py).

- a conversation without a ticket, ``RETENTION_CONVERSATION_DAYS`` after its last message;
- a conversation with a ticket (the ticket, its transcript, notes and tags),
  ``RETENTION_TICKET_DAYS`` after its last activity (last message or ticket change);
- a callback request (the contact given with consent), ``RETENTION_CALLBACK_DAYS`` after it
  was made (the ticket stays); a contact held without consent, after one day at most;
- the console's access and audit log, ``RETENTION_ACCESS_LOG_DAYS``.

0 days means « everything inactive now »: every conversation whose last message came before
the run, whatever its ticket's status. Each purged conversation leaves only its anonymous
statistics row (``conversation_summaries`` with ``conversation_id`` NULL). Safe while the
servers run: each conversation is deleted in its own short transaction.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Optional

import sqlalchemy as sa

from bot import settings
from bot.storage.db import session_scope
from bot.storage.erasure import Erased, delete_conversation, other_tables
from bot.storage.models import (AuditEntry, CallbackContact, CallbackRequest, Note,
                                OutboxMessage, Tag, Ticket, utcnow)

logger = logging.getLogger(__name__)
HELD_CONTACT_MAX = dt.timedelta(days=1)


@dataclass
class PurgeReport:
    conversations: int = 0
    erased: Erased = field(default_factory=Erased)
    callbacks: int = 0
    audit_entries: int = 0

    def describe(self) -> str:
        return (f"{self.conversations} conversation(s) purgée(s) ({self.erased.describe()}), "
                f"{self.callbacks} demande(s) de rappel expirée(s), "
                f"{self.audit_entries} entrée(s) du journal d'accès expirée(s)")


def _cutoff(now: dt.datetime, days: int) -> dt.datetime:
    return now - dt.timedelta(days=days)


def _conversation_activity(url: Optional[str]) -> dict[str, dt.datetime]:
    """Last activity of every conversation: its last event, or its tickets' last change."""
    last: dict[str, dt.datetime] = {}
    with session_scope(url) as session:
        if sa.inspect(session.connection()).has_table("events"):
            for sender_id, timestamp in session.execute(sa.text(
                    "select sender_id, max(timestamp) from events group by sender_id")):
                try:
                    last[sender_id] = dt.datetime.utcfromtimestamp(float(timestamp))
                except (TypeError, ValueError, OverflowError):
                    last[sender_id] = dt.datetime.min
        for conversation_id, updated_at in session.query(
                Ticket.conversation_id, sa.func.max(Ticket.updated_at)).group_by(
                Ticket.conversation_id):
            if updated_at and (conversation_id not in last or updated_at > last[conversation_id]):
                last[conversation_id] = updated_at
    return last


def _with_tickets(url: Optional[str]) -> set[str]:
    with session_scope(url) as session:
        return {c for (c,) in session.query(Ticket.conversation_id).distinct()}


def purge(url: Optional[str] = None, now: Optional[dt.datetime] = None,
          days: Optional[dict[str, int]] = None) -> PurgeReport:
    """Apply every retention once; returns what was deleted."""
    now = now or dt.datetime.utcnow()
    days = days or settings.retention_days()
    conversation_cut = _cutoff(now, days["RETENTION_CONVERSATION_DAYS"])
    ticket_cut = _cutoff(now, days["RETENTION_TICKET_DAYS"])
    callback_cut = _cutoff(now, days["RETENTION_CALLBACK_DAYS"])
    access_cut = _cutoff(now, days["RETENTION_ACCESS_LOG_DAYS"])
    report = PurgeReport()

    with_tickets = _with_tickets(url)
    with session_scope(url) as session:
        plan = other_tables(session)
    for conversation_id, last in _conversation_activity(url).items():
        cut = ticket_cut if conversation_id in with_tickets else conversation_cut
        if last >= cut:
            continue
        with session_scope(url) as session:
            report.erased = report.erased + delete_conversation(session, conversation_id, plan)
        report.conversations += 1

    with session_scope(url) as session:
        report.callbacks = session.query(CallbackRequest).filter(
            CallbackRequest.created_at < callback_cut).delete(synchronize_session=False)
        held_cut = min(callback_cut, now - HELD_CONTACT_MAX)
        session.query(CallbackContact).filter(CallbackContact.created_at < held_cut).delete(
            synchronize_session=False)
        # notes, tags and advisor messages left without a conversation
        session.query(Note).filter(Note.created_at < conversation_cut,
                                   ~Note.conversation_id.in_(with_tickets)).delete(
            synchronize_session=False)
        session.query(Tag).filter(Tag.created_at < conversation_cut,
                                  ~Tag.conversation_id.in_(with_tickets)).delete(
            synchronize_session=False)
        session.query(OutboxMessage).filter(OutboxMessage.created_at < conversation_cut).delete(
            synchronize_session=False)
        report.audit_entries = session.query(AuditEntry).filter(
            AuditEntry.created_at < access_cut).delete(synchronize_session=False)
        settings_text = ", ".join(f"{name.split('_')[1].lower()} {value} j"
                                  for name, value in days.items())
        session.add(AuditEntry(advisor_id=None, action="purge", target=None,
                               detail=f"{report.describe()} — durées : {settings_text}",
                               created_at=utcnow()))
    logger.info("Purge: %s", report.describe())
    return report
