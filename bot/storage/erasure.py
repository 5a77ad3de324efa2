"""Erasure of one conversation (issue 13): everything stored about it, in one transaction.

What goes: Rasa's events for the conversation id, its tickets, their callback requests, the
held callback contact, the advisors' notes and tags, the REST outbox. What stays: the row of
``conversation_summaries`` with ``conversation_id`` set to NULL (anonymous statistics, spec of
issue 14), and the access log, where the conversation id is replaced by a pseudonym
(``conversation #<12 hex>``) so the trail of who read what survives without naming anyone.

``erase_conversation`` is what the chat, the console and the HR API call; it writes one
``erase`` entry in the access log without any of the erased content. The purge
(bot/storage/retention.py) uses ``delete_conversation`` for each conversation past its retention.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.storage.db import session_scope
from bot.storage.models import (AuditEntry, CallbackContact, CallbackRequest, Note,
                                OutboxMessage, Tag, Ticket, utcnow)

SUMMARY_TABLE = "conversation_summaries"


@dataclass
class Erased:
    events: int = 0
    tickets: int = 0
    callbacks: int = 0
    notes: int = 0

    def __add__(self, other: "Erased") -> "Erased":
        return Erased(self.events + other.events, self.tickets + other.tickets,
                      self.callbacks + other.callbacks, self.notes + other.notes)

    def describe(self) -> str:
        return (f"{self.events} événement(s), {self.tickets} ticket(s), "
                f"{self.callbacks} demande(s) de rappel, {self.notes} note(s)")


def pseudonym(conversation_id: str) -> str:
    """What the access log keeps of an erased or purged conversation id."""
    digest = hashlib.sha256(conversation_id.encode("utf-8")).hexdigest()[:12]
    return f"conversation #{digest}"


def _has_table(session: Session, name: str) -> bool:
    return sa.inspect(session.connection()).has_table(name)


def delete_events(session: Session, conversation_id: str) -> int:
    """Rasa's events of the conversation (the tracker store calls it too)."""
    if not _has_table(session, "events"):
        return 0
    result = session.execute(sa.text("delete from events where sender_id = :s"),
                             {"s": conversation_id})
    return result.rowcount or 0


def anonymise_summary(session: Session, conversation_id: str) -> None:
    """Keep the statistics row, without the conversation id (spec of conversation_summaries)."""
    try:
        from bot.storage import summary  # issue 14's module, once merged
    except ImportError:
        summary = None
    if summary is not None and hasattr(summary, "anonymise_in"):
        summary.anonymise_in(session, conversation_id)
        return
    if _has_table(session, SUMMARY_TABLE):
        session.execute(sa.text(f"update {SUMMARY_TABLE} set conversation_id = null "
                                "where conversation_id = :c"), {"c": conversation_id})


# tables this module empties itself; any other table with a ``conversation_id`` or ``sender_id``
# column (other parts' tables: HR callback outbox, feedback...) is swept by ``other_tables``
HANDLED_TABLES = frozenset({
    "events", SUMMARY_TABLE, "console_tickets", "console_callback_requests",
    "console_callback_contacts", "console_notes", "console_tags", "console_outbox",
    "console_audit_log"})


def other_tables(session: Session) -> list[tuple[str, str, bool]]:
    """(table, column, nullable) of the other tables that name a conversation."""
    inspector = sa.inspect(session.connection())
    plan = []
    for table in inspector.get_table_names():
        if table in HANDLED_TABLES or table.endswith("alembic_version"):
            continue
        for column in inspector.get_columns(table):
            if column["name"] in ("conversation_id", "sender_id"):
                plan.append((table, column["name"], bool(column.get("nullable"))))
    return plan


def _sweep(session: Session, conversation_id: str, plan: list[tuple[str, str, bool]]) -> None:
    """Rows of other tables: anonymised when the id may be NULL (statistics), else deleted."""
    for table, column, nullable in plan:
        statement = (f'update "{table}" set "{column}" = null where "{column}" = :c' if nullable
                     else f'delete from "{table}" where "{column}" = :c')
        with session.begin_nested():
            session.execute(sa.text(statement), {"c": conversation_id})


def delete_conversation(session: Session, conversation_id: str,
                        plan: Optional[list] = None) -> Erased:
    """Everything about the conversation, inside the caller's transaction."""
    ticket_ids = [t for (t,) in session.query(Ticket.id).filter(
        Ticket.conversation_id == conversation_id)]
    erased = Erased()
    if ticket_ids:
        erased.callbacks = session.query(CallbackRequest).filter(
            CallbackRequest.ticket_id.in_(ticket_ids)).delete(synchronize_session=False)
        session.query(CallbackContact).filter(CallbackContact.ticket_id.in_(ticket_ids)).delete(
            synchronize_session=False)
    session.query(CallbackContact).filter(
        CallbackContact.conversation_id == conversation_id).delete(synchronize_session=False)
    if ticket_ids:
        erased.tickets = session.query(Ticket).filter(Ticket.id.in_(ticket_ids)).delete(
            synchronize_session=False)
    erased.notes = session.query(Note).filter(Note.conversation_id == conversation_id).delete(
        synchronize_session=False)
    session.query(Tag).filter(Tag.conversation_id == conversation_id).delete(
        synchronize_session=False)
    session.query(OutboxMessage).filter(OutboxMessage.sender_id == conversation_id).delete(
        synchronize_session=False)
    erased.events = delete_events(session, conversation_id)
    anonymise_summary(session, conversation_id)
    _sweep(session, conversation_id, other_tables(session) if plan is None else plan)
    session.query(AuditEntry).filter(AuditEntry.target == conversation_id).update(
        {AuditEntry.target: pseudonym(conversation_id)}, synchronize_session=False)
    return erased


def erase_conversation(conversation_id: str, requested_by: str,
                       advisor_id: Optional[int] = None, url: Optional[str] = None) -> Erased:
    """Erase the conversation now and record who asked (never what was erased)."""
    with session_scope(url) as session:
        erased = delete_conversation(session, conversation_id)
        session.add(AuditEntry(advisor_id=advisor_id, action="erase",
                               target=pseudonym(conversation_id),
                               detail=f"demandé par {requested_by[:80]} : {erased.describe()}",
                               created_at=utcnow()))
    return erased


def conversation_exists(conversation_id: str, url: Optional[str] = None) -> bool:
    with session_scope(url) as session:
        if session.query(Ticket.id).filter(Ticket.conversation_id == conversation_id).first():
            return True
        if not _has_table(session, "events"):
            return False
        return session.execute(sa.text("select 1 from events where sender_id = :s limit 1"),
                               {"s": conversation_id}).first() is not None
