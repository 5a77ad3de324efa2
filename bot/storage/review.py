"""The review list of past conversations, with its filters.

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

import sqlalchemy as sa

from bot.storage.db import engine, session_scope
from bot.storage.models import ConversationSummary as SummaryRow, Tag, Ticket
from bot.storage.errors import ServiceError
from bot.storage.query_dates import query_date
from bot.storage.feedback import latest_feedback_query
from bot.storage.transcripts import events_table_exists


@dataclass
class ConversationSummary:
    """One line of the review (from the summary table); ``texts`` and ``profile`` are read from
    the events only for exports (:func:`with_transcripts`)."""
    conversation_id: str
    first_at: Optional[dt.datetime] = None
    last_at: Optional[dt.datetime] = None
    channel: Optional[str] = None
    user_messages: int = 0
    situation: str = ""
    eligible_json: str = "[]"                          # product ids, parsed on demand
    eligible: list = field(default_factory=list)      # names shown on the page
    handed_off: bool = False
    outcome: str = ""
    tags: list = field(default_factory=list)
    tickets: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    profile: dict = field(default_factory=dict)
    not_understood: int = 0
    verdict_reached: bool = False

    @property
    def eligible_ids(self) -> list:
        return _json_list(self.eligible_json)

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
    feedback: str = ""       # "" any, "oui" / "non": the latest answer to « … vous a-t-elle aidé ? »

    @classmethod
    def from_query(cls, query: Any) -> "ReviewFilters":
        return cls(date_from=query_date(query, "from"), date_to=query_date(query, "to"),
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
    """Every conversation (handed off or not) matching the filters, most recent first.

    Reads the summary table (bot/storage/summary.py) and the tags; only the text filter looks
    into the events (the messages' text), and only exports read the transcripts."""
    filters = filters or ReviewFilters()
    S = SummaryRow
    with session_scope(url) as session:
        query = session.query(S).filter(S.conversation_id.isnot(None))
        if filters.date_from:
            query = query.filter(S.last_event_at >= dt.datetime.combine(filters.date_from, dt.time()))
        if filters.date_to:
            query = query.filter(S.started_at < dt.datetime.combine(
                filters.date_to + dt.timedelta(days=1), dt.time()))
        if filters.channel:
            query = query.filter(S.channel == filters.channel)
        if filters.situation:
            query = query.filter(sa.func.lower(S.situation).contains(
                filters.situation.lower(), autoescape=True))
        if filters.aid == "yes":
            query = query.filter(S.eligible_products != "[]")
        elif filters.aid == "no":
            query = query.filter(S.eligible_products == "[]")
        elif filters.aid:
            query = query.filter(S.eligible_products.contains(json.dumps(filters.aid),
                                                              autoescape=True))
        if filters.handoff == "yes":
            query = query.filter(S.handoff.is_(True))
        elif filters.handoff == "no":
            query = query.filter(S.handoff.is_(False))
        if filters.outcome:
            query = query.filter(sa.func.lower(S.outcome).contains(filters.outcome.lower(),
                                                                   autoescape=True))
        if filters.tag:
            query = query.filter(sa.exists().where(sa.and_(
                Tag.conversation_id == S.conversation_id, Tag.name == filters.tag.lower())))
        if filters.feedback in ("oui", "non"):  # issue 16 (bot/storage/feedback.py)
            query = query.filter(S.conversation_id.in_(
                latest_feedback_query(filters.feedback == "oui")))
        if filters.text:
            query = query.filter(sa.or_(
                sa.func.lower(S.conversation_id).contains(filters.text.lower(), autoescape=True),
                S.conversation_id.in_(_senders_saying(filters.text, url))))
        rows = (query.with_entities(*SUMMARY_COLUMNS)
                .order_by(S.last_event_at.desc(), S.id.desc()).limit(limit).all())
        out = [_summary_of(row) for row in rows]
        by_id = {s.conversation_id: s for s in out}
        for chunk in _chunks(list(by_id)):
            for tag in session.query(Tag).filter(Tag.conversation_id.in_(chunk)).order_by(Tag.name):
                by_id[tag.conversation_id].tags.append(tag.name)
            for ticket in (session.query(Ticket).filter(Ticket.conversation_id.in_(chunk))
                           .order_by(Ticket.id)):
                by_id[ticket.conversation_id].tickets.append(ticket)
    return out


SUMMARY_COLUMNS = (SummaryRow.conversation_id, SummaryRow.started_at, SummaryRow.last_event_at,
                   SummaryRow.channel, SummaryRow.user_messages, SummaryRow.situation,
                   SummaryRow.eligible_products, SummaryRow.eligible_names, SummaryRow.handoff,
                   SummaryRow.outcome, SummaryRow.not_understood, SummaryRow.verdict_reached)


def _summary_of(row: Any) -> ConversationSummary:
    return ConversationSummary(
        conversation_id=row.conversation_id, first_at=row.started_at, last_at=row.last_event_at,
        channel=row.channel, user_messages=row.user_messages or 0, situation=row.situation or "",
        eligible_json=row.eligible_products or "[]", eligible=_json_list(row.eligible_names),
        handed_off=bool(row.handoff), outcome=row.outcome or "",
        not_understood=row.not_understood or 0, verdict_reached=bool(row.verdict_reached))


def _json_list(value: Optional[str]) -> list:
    if not value or value == "[]":
        return []
    try:
        loaded = json.loads(value or "[]")
    except ValueError:
        return []
    return loaded if isinstance(loaded, list) else []


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _senders_saying(text: str, url: Optional[str]) -> list:
    """Conversations with a user or bot message containing ``text`` (case-insensitive).

    Rasa stores each event as JSON with non-ASCII characters escaped, so the needle is
    searched in that form in SQL, then checked on the decoded text."""
    if not events_table_exists(url):
        return []
    needle = text.lower()
    escaped = json.dumps(needle)[1:-1]
    pattern = "%" + escaped.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found: set = set()
    with engine(url).connect() as connection:
        rows = connection.execute(sa.text(
            "select sender_id, data from events where type_name in ('user', 'bot') "
            "and lower(data) like :p escape '\\'"), {"p": pattern})
        for sender_id, data in rows:
            if sender_id in found:
                continue
            try:
                message = json.loads(data).get("text") or ""
            except (TypeError, ValueError, AttributeError):
                continue
            if needle in message.lower():
                found.add(sender_id)
    return sorted(found)


def with_transcripts(rows: list[ConversationSummary], url: Optional[str] = None
                     ) -> list[ConversationSummary]:
    """Fill the messages and the latest profile of each row (exports): one pass over the
    selected conversations' user, bot and profile events, by conversation id."""
    by_id = {r.conversation_id: r for r in rows}
    if not by_id or not events_table_exists(url):
        return rows
    with engine(url).connect() as connection:
        for chunk in _chunks(list(by_id)):
            result = connection.execute(sa.text(
                "select sender_id, type_name, action_name, data from events "
                "where sender_id in :ids and (type_name in ('user', 'bot') or "
                "(type_name = 'slot' and action_name = 'profile')) order by sender_id, id"
            ).bindparams(sa.bindparam("ids", expanding=True)), {"ids": chunk})
            for sender_id, type_name, action_name, data in result:
                row = by_id[sender_id]
                try:
                    event = json.loads(data)
                except (TypeError, ValueError):
                    continue
                if type_name == "user":
                    row.texts.append({"from": "user", "text": event.get("text") or ""})
                elif type_name == "bot":
                    advisor = (event.get("metadata") or {}).get("advisor")
                    row.texts.append({"from": "advisor" if advisor else "bot",
                                      "advisor": advisor, "text": event.get("text") or ""})
                elif isinstance(event.get("value"), dict):
                    row.profile = event["value"]
    for row in rows:
        if not row.profile:
            for ticket in row.tickets:
                if isinstance(ticket.profile, dict):
                    row.profile = ticket.profile
    return rows
