"""Console services on the database: advisors, tickets, callback requests, notes, tags, audit,
the REST outbox, and read-only views of Rasa's tracker store (``events`` table).

Pure SQLAlchemy (no web framework): the action server, the Rasa channels and the console use it.
Every function takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a
temporary database.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bot.storage.db import engine, session_scope
from bot.storage.models import (ROLES, Advisor, AuditEntry, CallbackRequest, Note, OutboxMessage,
                                Tag, Ticket, utcnow)

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
ONLINE_WINDOW = dt.timedelta(seconds=120)
OPEN_STATUSES = ("queued", "advisor_joined")
_hasher = PasswordHasher()


class ServiceError(ValueError):
    """A refusal explained in French (shown to the advisor or the operator)."""


# -- advisors -------------------------------------------------------------------------------
def save_advisor(login: str, password: str, role: str = "advisor",
                 display_name: Optional[str] = None, url: Optional[str] = None) -> Advisor:
    """Create the account, or update its password/role/name (and unlock it)."""
    login = (login or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9._@-]{2,80}", login):
        raise ServiceError("Identifiant invalide : 2 à 80 caractères parmi lettres, chiffres, . _ @ -")
    if len(password or "") < 8:
        raise ServiceError("Mot de passe trop court : 8 caractères au moins.")
    if role not in ROLES:
        raise ServiceError(f"Rôle inconnu : {role!r} (advisor ou admin).")
    with session_scope(url) as session:
        advisor = session.query(Advisor).filter_by(login=login).one_or_none()
        if advisor is None:
            advisor = Advisor(login=login, display_name=display_name or login, created_at=utcnow())
            session.add(advisor)
        elif display_name:
            advisor.display_name = display_name
        advisor.password_hash = _hasher.hash(password)
        advisor.role = role
        advisor.failed_attempts = 0
        advisor.locked_until = None
        session.flush()
        return advisor


def authenticate(login: str, password: str, url: Optional[str] = None,
                 now: Optional[dt.datetime] = None) -> tuple[Optional[Advisor], Optional[str]]:
    """(advisor, None) when the password is right, else (None, French error message)."""
    now = now or utcnow()
    refused = "Identifiant ou mot de passe incorrect."
    with session_scope(url) as session:
        advisor = session.query(Advisor).filter_by(login=(login or "").strip()).one_or_none()
        if advisor is None:
            _hasher.hash(password or "x")  # same cost whether the login exists or not
            return None, refused
        if advisor.locked_until and advisor.locked_until > now:
            minutes = max(1, -int(-(advisor.locked_until - now).total_seconds() // 60))
            return None, (f"Compte bloqué après {MAX_FAILED_LOGINS} essais manqués : réessayez "
                          f"dans {minutes} min.")
        try:
            _hasher.verify(advisor.password_hash, password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            advisor.failed_attempts = (advisor.failed_attempts or 0) + 1
            if advisor.failed_attempts >= MAX_FAILED_LOGINS:
                advisor.locked_until = now + LOCKOUT
                advisor.failed_attempts = 0
                session.add(AuditEntry(advisor_id=advisor.id, action="lockout", created_at=now))
                return None, (f"Compte bloqué après {MAX_FAILED_LOGINS} essais manqués : réessayez "
                              f"dans {int(LOCKOUT.total_seconds() // 60)} min.")
            return None, refused
        if _hasher.check_needs_rehash(advisor.password_hash):
            advisor.password_hash = _hasher.hash(password)
        advisor.failed_attempts = 0
        advisor.locked_until = None
        advisor.last_seen_at = now
        session.add(AuditEntry(advisor_id=advisor.id, action="login", created_at=now))
        return advisor, None


def get_advisor(advisor_id: int, url: Optional[str] = None) -> Optional[Advisor]:
    with session_scope(url) as session:
        return session.get(Advisor, advisor_id)


def heartbeat(advisor_id: int, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        advisor = session.get(Advisor, advisor_id)
        if advisor is not None:
            advisor.last_seen_at = utcnow()


def advisors_online(url: Optional[str] = None, now: Optional[dt.datetime] = None) -> int:
    """How many advisors have a console page open (heartbeat within the last 2 minutes)."""
    since = (now or utcnow()) - ONLINE_WINDOW
    with session_scope(url) as session:
        return session.query(Advisor).filter(Advisor.last_seen_at >= since).count()


# -- tickets --------------------------------------------------------------------------------
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
        ticket.outcome = outcome[:255]
        ticket.closed_at = utcnow()
        ticket.updated_at = utcnow()
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


# -- notes, tags, audit ---------------------------------------------------------------------
def add_note(conversation_id: str, advisor_id: Optional[int], text: str,
             url: Optional[str] = None) -> Note:
    text = (text or "").strip()
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
    tag = re.sub(r"\s+", "-", (name or "").strip().lower())[:80]
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


def audit(advisor_id: Optional[int], action: str, target: Optional[str] = None,
          detail: Optional[str] = None, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        session.add(AuditEntry(advisor_id=advisor_id, action=action, target=target,
                               detail=detail, created_at=utcnow()))


def audit_log(limit: int = 500, url: Optional[str] = None) -> list[AuditEntry]:
    with session_scope(url) as session:
        entries = session.query(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).all()
        for entry in entries:
            _ = entry.advisor
        return entries


# -- REST outbox ----------------------------------------------------------------------------
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


# -- Rasa's tracker store (read only) --------------------------------------------------------
def _events_table_exists(url: Optional[str]) -> bool:
    return sa.inspect(engine(url)).has_table("events")


def transcript_events(conversation_id: str, url: Optional[str] = None) -> list[dict]:
    """Every event of the conversation, in order, as Rasa stored them."""
    if not _events_table_exists(url):
        return []
    with engine(url).connect() as connection:
        rows = connection.execute(sa.text(
            "select data from events where sender_id = :s order by id"),
            {"s": conversation_id}).fetchall()
    events = []
    for (data,) in rows:
        try:
            events.append(json.loads(data))
        except (TypeError, ValueError):
            continue
    return events


def slots_from(events: list[dict]) -> dict:
    slots: dict = {}
    for event in events:
        if event.get("event") == "slot":
            slots[event.get("name")] = event.get("value")
    return slots


def latest_input_channel(events: list[dict]) -> Optional[str]:
    for event in reversed(events):
        if event.get("event") == "user" and event.get("input_channel"):
            return event["input_channel"]
    return None


def is_paused(events: list[dict]) -> bool:
    paused = False
    for event in events:
        if event.get("event") == "pause":
            paused = True
        elif event.get("event") in ("resume", "restart"):
            paused = False
    return paused


def transcript_items(events: list[dict]) -> list[dict]:
    """The transcript as the console shows it: messages, actions and slot changes."""
    items = []
    slot_values: dict = {}
    for event in events:
        kind = event.get("event")
        when = _timestamp(event.get("timestamp"))
        if kind == "user":
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            items.append({"kind": "user", "at": when, "text": event.get("text") or "",
                          "intent": intent.get("name"),
                          "confidence": intent.get("confidence"),
                          "entities": [{"entity": e.get("entity"), "value": e.get("value")}
                                       for e in parse.get("entities") or []],
                          "channel": event.get("input_channel")})
        elif kind == "bot":
            metadata = event.get("metadata") or {}
            data = event.get("data") or {}
            custom = data.get("custom")
            items.append({"kind": "bot", "at": when, "text": event.get("text") or "",
                          "advisor": metadata.get("advisor"),
                          "buttons": [b.get("title") for b in data.get("buttons") or []],
                          "custom_type": custom.get("type") if isinstance(custom, dict) else None})
        elif kind == "action":
            name = event.get("name")
            if name and name != "action_listen":
                items.append({"kind": "action", "at": when, "name": name,
                              "policy": event.get("policy"),
                              "confidence": event.get("confidence")})
        elif kind == "slot":
            # only the changes: unchanged values and empty initial values are left out
            name, value = event.get("name"), event.get("value")
            previous = slot_values.get(name)
            slot_values[name] = value
            if name != "requested_slot" and value != previous and not (
                    previous is None and value in ([], {}, 0.0)):
                items.append({"kind": "slot", "at": when, "name": event.get("name"),
                              "value": event.get("value")})
        elif kind in ("pause", "resume", "session_started", "restart"):
            items.append({"kind": kind, "at": when})
    return items


def _timestamp(value: Any) -> Optional[dt.datetime]:
    try:
        return dt.datetime.utcfromtimestamp(float(value)).replace(microsecond=0)
    except (TypeError, ValueError, OverflowError):
        return None


def eligible_products(aid_results: Any) -> list[dict]:
    if not isinstance(aid_results, dict):
        return []
    return [r for r in aid_results.get("results") or []
            if isinstance(r, dict) and r.get("status") == "eligible"]


@dataclass
class ConversationSummary:
    conversation_id: str
    first_at: Optional[dt.datetime] = None
    last_at: Optional[dt.datetime] = None
    channel: Optional[str] = None
    user_messages: int = 0
    texts: list = field(default_factory=list)
    profile: dict = field(default_factory=dict)
    aid_results: Any = None
    tickets: list = field(default_factory=list)
    tags: list = field(default_factory=list)

    @property
    def eligible(self) -> list[str]:
        return [r.get("name") or r.get("id") for r in eligible_products(self.aid_results)]

    @property
    def situation(self) -> str:
        parts = [str(self.profile.get(k)) for k in ("activity", "project") if self.profile.get(k)]
        parts += [str(x) for x in self.profile.get("difficulty_events") or []]
        return ", ".join(parts)

    @property
    def handed_off(self) -> bool:
        return bool(self.tickets)

    @property
    def outcome(self) -> str:
        return "; ".join(t.outcome for t in self.tickets if t.outcome)

    def as_dict(self) -> dict:
        return {
            "conversation_id": self.conversation_id,
            "first_at": self.first_at.isoformat() + "Z" if self.first_at else None,
            "last_at": self.last_at.isoformat() + "Z" if self.last_at else None,
            "channel": self.channel,
            "user_messages": self.user_messages,
            "situation": self.situation,
            "profile": self.profile,
            "eligible": self.eligible,
            "handoff": self.handed_off,
            "tickets": [{"id": t.id, "status": t.status, "reason": t.reason,
                         "outcome": t.outcome} for t in self.tickets],
            "outcome": self.outcome,
            "tags": self.tags,
            "messages": self.texts,
        }


@dataclass
class ReviewFilters:
    date_from: Optional[dt.date] = None
    date_to: Optional[dt.date] = None
    channel: str = ""
    situation: str = ""
    aid: str = ""            # "" any, "yes" an eligible product, "no" none, or a product id
    handoff: str = ""        # "" any, "yes", "no"
    outcome: str = ""
    text: str = ""
    tag: str = ""

    @classmethod
    def from_query(cls, query: Any) -> "ReviewFilters":
        def date(name: str) -> Optional[dt.date]:
            value = (query.get(name) or "").strip()
            if not value:
                return None
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ServiceError(f"Date illisible : {value!r} (attendu AAAA-MM-JJ).") from None
        return cls(date_from=date("from"), date_to=date("to"),
                   **{name: (query.get(name) or "").strip()[:200]
                      for name in ("channel", "situation", "aid", "handoff", "outcome", "text",
                                   "tag")})

    def as_query(self) -> dict:
        out = {"from": self.date_from.isoformat() if self.date_from else "",
               "to": self.date_to.isoformat() if self.date_to else ""}
        out.update({n: getattr(self, n) for n in ("channel", "situation", "aid", "handoff",
                                                  "outcome", "text", "tag")})
        return {k: v for k, v in out.items() if v}


def review(filters: Optional[ReviewFilters] = None, url: Optional[str] = None,
           limit: int = 1000) -> list[ConversationSummary]:
    """Every conversation (handed off or not) matching the filters, most recent first."""
    filters = filters or ReviewFilters()
    summaries: dict[str, ConversationSummary] = {}
    if _events_table_exists(url):
        clauses, params = ["type_name in ('user', 'bot', 'slot')"], {}
        if filters.date_from:
            clauses.append("timestamp >= :t0")
            params["t0"] = dt.datetime.combine(filters.date_from, dt.time()).replace(
                tzinfo=dt.timezone.utc).timestamp()
        if filters.date_to:
            clauses.append("timestamp < :t1")
            params["t1"] = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time()
                                               ).replace(tzinfo=dt.timezone.utc).timestamp()
        with engine(url).connect() as connection:
            rows = connection.execute(sa.text(
                "select sender_id, type_name, timestamp, data from events where "
                + " and ".join(clauses) + " order by id"), params)
            for sender_id, type_name, timestamp, data in rows:
                summary = summaries.setdefault(sender_id, ConversationSummary(sender_id))
                when = _timestamp(timestamp)
                if when:
                    summary.first_at = min(summary.first_at or when, when)
                    summary.last_at = max(summary.last_at or when, when)
                try:
                    event = json.loads(data)
                except (TypeError, ValueError):
                    continue
                if type_name == "user":
                    summary.user_messages += 1
                    summary.channel = event.get("input_channel") or summary.channel
                    summary.texts.append({"from": "user", "text": event.get("text") or ""})
                elif type_name == "bot":
                    advisor = (event.get("metadata") or {}).get("advisor")
                    summary.texts.append({"from": "advisor" if advisor else "bot",
                                          "advisor": advisor, "text": event.get("text") or ""})
                elif type_name == "slot":
                    if event.get("name") == "profile" and isinstance(event.get("value"), dict):
                        summary.profile = event["value"]
                    elif event.get("name") == "aid_results":
                        summary.aid_results = event.get("value")
    with session_scope(url) as session:
        for ticket in session.query(Ticket).order_by(Ticket.id):
            summary = summaries.get(ticket.conversation_id)
            if summary is None:
                if filters.date_from or filters.date_to:
                    continue
                summary = summaries.setdefault(ticket.conversation_id,
                                               ConversationSummary(ticket.conversation_id))
                summary.first_at = summary.last_at = ticket.created_at
                summary.channel = ticket.channel
            summary.tickets.append(ticket)
            if not summary.profile and isinstance(ticket.profile, dict):
                summary.profile = ticket.profile
            if summary.aid_results is None:
                summary.aid_results = ticket.aid_results
        for tag in session.query(Tag).order_by(Tag.name):
            if tag.conversation_id in summaries:
                summaries[tag.conversation_id].tags.append(tag.name)
    selected = [s for s in summaries.values() if _matches(s, filters)]
    selected.sort(key=lambda s: s.last_at or dt.datetime.min, reverse=True)
    return selected[:limit]


def _matches(summary: ConversationSummary, f: ReviewFilters) -> bool:
    if f.channel and (summary.channel or "") != f.channel:
        return False
    if f.situation and f.situation.lower() not in summary.situation.lower():
        return False
    if f.aid:
        ids = [r.get("id") for r in eligible_products(summary.aid_results)]
        if f.aid == "yes" and not ids:
            return False
        if f.aid == "no" and ids:
            return False
        if f.aid not in ("yes", "no") and f.aid not in ids:
            return False
    if f.handoff == "yes" and not summary.handed_off:
        return False
    if f.handoff == "no" and summary.handed_off:
        return False
    if f.outcome and f.outcome.lower() not in summary.outcome.lower():
        return False
    if f.tag and f.tag.lower() not in summary.tags:
        return False
    if f.text:
        needle = f.text.lower()
        haystack = [m["text"].lower() for m in summary.texts] + [summary.conversation_id.lower()]
        if not any(needle in text for text in haystack):
            return False
    return True
