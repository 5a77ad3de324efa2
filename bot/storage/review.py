"""The review list of past conversations, with its filters.

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Optional

import sqlalchemy as sa

from bot.storage.db import engine, session_scope
from bot.storage.models import Tag, Ticket
from bot.storage.errors import ServiceError
from bot.storage.transcripts import events_table_exists, timestamp_of, eligible_products


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
    feedback: str = ""       # "" any, "oui" / "non" (latest answer to the feedback question)

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
                                   "tag", "feedback")})

    def as_query(self) -> dict:
        out = {"from": self.date_from.isoformat() if self.date_from else "",
               "to": self.date_to.isoformat() if self.date_to else ""}
        out.update({n: getattr(self, n) for n in ("channel", "situation", "aid", "handoff",
                                                  "outcome", "text", "tag", "feedback")})
        return {k: v for k, v in out.items() if v}


def review(filters: Optional[ReviewFilters] = None, url: Optional[str] = None,
           limit: int = 1000) -> list[ConversationSummary]:
    """Every conversation (handed off or not) matching the filters, most recent first."""
    filters = filters or ReviewFilters()
    summaries: dict[str, ConversationSummary] = {}
    if events_table_exists(url):
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
                when = timestamp_of(timestamp)
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
    if filters.feedback in ("oui", "non"):  # issue 16: the answer to « … vous a-t-elle aidé ? »
        from bot.storage.feedback import latest_feedback
        given = latest_feedback([s.conversation_id for s in selected], url)
        wanted = filters.feedback == "oui"
        selected = [s for s in selected if given.get(s.conversation_id) is wanted]
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
