"""Handoff tickets and the callback requests attached to them.

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy.orm import joinedload

from bot.storage import summary
from bot.storage.db import session_scope
from bot.storage.models import CallbackRequest, Ticket, utcnow
from bot.storage.errors import ServiceError
from bot.storage.redaction import redact_text


OPEN_STATUSES = ("queued", "advisor_joined")


def open_ticket(conversation_id: str, channel: Optional[str], reason: Optional[str],
                profile: Any = None, aid_results: Any = None, mode: str = "live",
                url: Optional[str] = None) -> tuple[Ticket, bool]:
    """The conversation's open ticket (refreshed), or a new one. Returns (ticket, created)."""
    with session_scope(url) as session:
        ticket = (session.query(Ticket)
                  .filter(Ticket.conversation_id == conversation_id,
                          Ticket.status.in_(OPEN_STATUSES))
                  .order_by(Ticket.id.desc()).first())
        created = ticket is None
        if created:
            ticket = Ticket(conversation_id=conversation_id, status="queued", created_at=utcnow())
            session.add(ticket)
        ticket.channel = channel or ticket.channel
        ticket.reason = (reason or ticket.reason or "demande d'un conseiller")[:255]
        ticket.mode = mode
        if profile is not None:
            ticket.profile = profile
        if aid_results is not None:
            ticket.aid_results = aid_results
        ticket.updated_at = utcnow()
        summary.mark_handoff_in(session, conversation_id, ticket.channel, profile, aid_results)
        session.flush()
        return ticket, created


def queue_position(ticket_id: int, url: Optional[str] = None) -> int:
    """1 for the oldest queued ticket."""
    with session_scope(url) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            return 0
        return session.query(Ticket).filter(Ticket.status == "queued",
                                            Ticket.created_at <= ticket.created_at,
                                            Ticket.id <= ticket.id).count()


def get_ticket(ticket_id: int, url: Optional[str] = None) -> Optional[Ticket]:
    with session_scope(url) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is not None:
            _ = ticket.advisor, ticket.callback  # load before the session closes
        return ticket


def open_tickets(url: Optional[str] = None) -> list[Ticket]:
    """Queued and joined tickets, oldest first."""
    with session_scope(url) as session:
        return (session.query(Ticket).filter(Ticket.status.in_(OPEN_STATUSES))
                .options(joinedload(Ticket.advisor), joinedload(Ticket.callback))
                .order_by(Ticket.created_at, Ticket.id).all())


def tickets_for(conversation_id: str, url: Optional[str] = None) -> list[Ticket]:
    with session_scope(url) as session:
        tickets = (session.query(Ticket).filter_by(conversation_id=conversation_id)
                   .order_by(Ticket.id).all())
        for ticket in tickets:
            _ = ticket.advisor, ticket.callback
        return tickets


def _existing_ticket(session: Any, ticket_id: int, closed_refusal: Optional[str] = None) -> Ticket:
    """The ticket, or a ServiceError when it does not exist (or is closed, if refused then)."""
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise ServiceError("Ticket introuvable.")
    if closed_refusal and ticket.status == "closed":
        raise ServiceError(closed_refusal)
    return ticket


def take_ticket(ticket_id: int, advisor_id: int, url: Optional[str] = None) -> Ticket:
    with session_scope(url) as session:
        ticket = _existing_ticket(session, ticket_id, "Ce ticket est clos.")
        ticket.status = "advisor_joined"
        ticket.advisor_id = advisor_id
        ticket.joined_at = ticket.joined_at or utcnow()
        ticket.updated_at = utcnow()
        session.flush()
        return ticket


def close_ticket(ticket_id: int, advisor_id: int, outcome: str, url: Optional[str] = None) -> Ticket:
    outcome = (outcome or "").strip()
    if not outcome:
        raise ServiceError("Indiquez l'issue de la demande pour clore le ticket.")
    with session_scope(url) as session:
        ticket = _existing_ticket(session, ticket_id, "Ce ticket est déjà clos.")
        ticket.status = "closed"
        ticket.advisor_id = ticket.advisor_id or advisor_id
        ticket.outcome = redact_text(outcome)[:255]  # privacy (issue 13)
        ticket.closed_at = utcnow()
        ticket.updated_at = utcnow()
        summary.set_outcome_in(session, ticket.conversation_id, ticket.outcome)
        session.flush()
        return ticket


def record_callback(ticket_id: int, preferred_channel: str, contact: str, time_slot: str,
                    consent: bool, url: Optional[str] = None) -> CallbackRequest:
    if not consent:
        raise ServiceError("Sans accord pour être recontacté, aucune demande de rappel n'est gardée.")
    with session_scope(url) as session:
        ticket = _existing_ticket(session, ticket_id)
        request = ticket.callback or CallbackRequest(ticket_id=ticket_id, created_at=utcnow())
        request.preferred_channel = preferred_channel
        request.contact = contact[:255]
        request.time_slot = time_slot[:80]
        request.consent = True
        ticket.mode = "callback"
        ticket.reason = ticket.reason or "demande de rappel"
        ticket.updated_at = utcnow()
        session.add(request)
        session.flush()
        return request


def conversations_of_advisor(advisor_id: int, url: Optional[str] = None) -> set[str]:
    """The conversations with a ticket this advisor took (an advisor's export scope)."""
    with session_scope(url) as session:
        rows = session.query(Ticket.conversation_id).filter(Ticket.advisor_id == advisor_id).all()
        return {conversation_id for (conversation_id,) in rows}
