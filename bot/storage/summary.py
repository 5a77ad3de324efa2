"""The summary table of conversations (``conversation_summaries``), one row per conversation.

The tracker store calls :func:`record` in the transaction that writes a turn's new events, so
the row is always in step with the ``events`` table without ever re-reading it; the ticket
client calls :func:`mark_handoff` and :func:`set_outcome`; purge and erasure call
:func:`anonymise` (the row stays as anonymous statistics, its ``conversation_id`` NULL).
The console's review, filters and exports read this table (bot/storage/review.py).

Pure SQLAlchemy. Functions that open their own transaction take an optional ``url`` (default
DATABASE_URL); the ``*_in`` variants work inside a caller's session.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any, Iterable, Optional

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.db import engine, session_scope
from bot.storage.models import ConversationSummary

logger = logging.getLogger(__name__)

TABLE = ConversationSummary.__tablename__
CHANNEL_LENGTH = 40
FALLBACK_INTENT = "nlu_fallback"


def _as_dict(event: Any) -> dict:
    if isinstance(event, dict):
        return event
    as_dict = getattr(event, "as_dict", None)
    return as_dict() if callable(as_dict) else {}


def _when(value: Any) -> Optional[dt.datetime]:
    try:
        return dt.datetime.utcfromtimestamp(float(value)).replace(microsecond=0)
    except (TypeError, ValueError, OverflowError):
        return None


def situation_of(profile: Any) -> Optional[str]:
    """"alternant, louer, separation": what the review's situation filter searches."""
    if not isinstance(profile, dict):
        return None
    parts = [str(profile.get(k)) for k in ("activity", "project") if profile.get(k)]
    parts += [str(x) for x in profile.get("difficulty_events") or []]
    return ", ".join(parts)[:255] or None


def products_of(aid_results: Any) -> tuple[list, list, list]:
    """(eligible ids, to-confirm ids, eligible names) of an aid_results payload."""
    results = aid_results.get("results") if isinstance(aid_results, dict) else None
    eligible, to_confirm, names = [], [], []
    for r in results or []:
        if not isinstance(r, dict):
            continue
        if r.get("status") == "eligible":
            eligible.append(r.get("id"))
            names.append(r.get("name") or r.get("id"))
        elif r.get("status") == "to_confirm":
            to_confirm.append(r.get("id"))
    return eligible, to_confirm, names


def _set_products(row: ConversationSummary, aid_results: Any) -> None:
    eligible, to_confirm, names = products_of(aid_results)
    row.eligible_products = json.dumps(eligible, ensure_ascii=False)
    row.to_confirm_products = json.dumps(to_confirm, ensure_ascii=False)
    row.eligible_names = json.dumps(names, ensure_ascii=False)


def _row(session: Session, conversation_id: str) -> ConversationSummary:
    """The conversation's row, created (in a savepoint, safe against a concurrent insert)."""
    row = session.query(ConversationSummary).filter_by(conversation_id=conversation_id).first()
    if row is not None:
        return row
    row = ConversationSummary(conversation_id=conversation_id, user_messages=0, not_understood=0,
                              verdict_reached=False, handoff=False, eligible_products="[]",
                              to_confirm_products="[]", eligible_names="[]")
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # another process created it meanwhile
        row = session.query(ConversationSummary).filter_by(
            conversation_id=conversation_id).one()
    return row


def apply(row: ConversationSummary, events: Iterable[Any]) -> None:
    """Fold new events (dicts as Rasa stores them, or Rasa events) into the row."""
    for event in events:
        event = _as_dict(event)
        kind = event.get("event")
        when = _when(event.get("timestamp"))
        if when is not None:
            if row.started_at is None or when < row.started_at:
                row.started_at = when
            if row.last_event_at is None or when > row.last_event_at:
                row.last_event_at = when
        if kind == "user":
            row.user_messages = (row.user_messages or 0) + 1
            channel = event.get("input_channel")
            if channel:
                row.channel = str(channel)[:CHANNEL_LENGTH]
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent == FALLBACK_INTENT:
                row.not_understood = (row.not_understood or 0) + 1
        elif kind == "bot":
            custom = (event.get("data") or {}).get("custom")
            if isinstance(custom, dict) and custom.get("type") == "aid_results":
                row.verdict_reached = True
                _set_products(row, custom)
        elif kind == "slot":
            name, value = event.get("name"), event.get("value")
            if name == "aid_results":
                _set_products(row, value)
            elif name == "profile":
                row.situation = situation_of(value)


def record(session: Session, conversation_id: str, new_events: Iterable[Any]) -> None:
    """Called by the tracker store, in its transaction, with the events it is writing."""
    events = [_as_dict(e) for e in new_events]
    if not events or not conversation_id:
        return
    apply(_row(session, conversation_id), events)


def mark_handoff_in(session: Session, conversation_id: str, channel: Optional[str] = None,
                    profile: Any = None, aid_results: Any = None) -> None:
    """A ticket exists for the conversation (fills what the events did not bring yet)."""
    row = _row(session, conversation_id)
    row.handoff = True
    if channel and not row.channel:
        row.channel = str(channel)[:CHANNEL_LENGTH]
    now = dt.datetime.utcnow().replace(microsecond=0)
    row.started_at = row.started_at or now
    row.last_event_at = row.last_event_at or now
    if not row.situation and profile is not None:
        row.situation = situation_of(profile)
    if row.eligible_products in (None, "[]") and aid_results is not None:
        _set_products(row, aid_results)


def mark_handoff(conversation_id: str, channel: Optional[str] = None, profile: Any = None,
                 aid_results: Any = None, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        mark_handoff_in(session, conversation_id, channel, profile, aid_results)


def set_outcome_in(session: Session, conversation_id: str, outcome: Optional[str]) -> None:
    """The outcome of the conversation's closed ticket (the latest one closed)."""
    row = _row(session, conversation_id)
    row.handoff = True
    row.outcome = (outcome or "")[:255] or None


def set_outcome(conversation_id: str, outcome: Optional[str], url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        set_outcome_in(session, conversation_id, outcome)


def anonymise(conversation_id: str, url: Optional[str] = None) -> int:
    """Purge or erasure: the row loses its conversation id, its figures stay. Rows changed."""
    with session_scope(url) as session:
        return (session.query(ConversationSummary)
                .filter_by(conversation_id=conversation_id)
                .update({ConversationSummary.conversation_id: None}, synchronize_session=False))


def get(conversation_id: str, url: Optional[str] = None) -> Optional[ConversationSummary]:
    with session_scope(url) as session:
        return session.query(ConversationSummary).filter_by(
            conversation_id=conversation_id).first()


def counts(url: Optional[str] = None) -> dict:
    """Anonymous statistics over every row (erased conversations included)."""
    S = ConversationSummary
    with session_scope(url) as session:
        total, verdicts, handoffs, messages, not_understood = session.query(
            sa.func.count(S.id), sa.func.count(sa.case((S.verdict_reached.is_(True), 1))),
            sa.func.count(sa.case((S.handoff.is_(True), 1))),
            sa.func.coalesce(sa.func.sum(S.user_messages), 0),
            sa.func.coalesce(sa.func.sum(S.not_understood), 0)).one()
    return {"conversations": total, "verdicts": verdicts, "handoffs": handoffs,
            "user_messages": int(messages), "not_understood": int(not_understood)}


def rebuild(connection: Any, batch: int = 5000) -> int:
    """Fill the table from the events and tickets already stored (migration 0004, once).

    Streams ``events`` in id order; conversations that already have a row are left alone.
    Returns the number of rows written."""
    inspector = sa.inspect(connection)
    if not inspector.has_table("events"):
        return 0
    table = ConversationSummary.__table__
    existing = {cid for (cid,) in connection.execute(sa.select(table.c.conversation_id))}
    rows: dict[str, ConversationSummary] = {}
    last_id = 0
    while True:
        chunk = connection.execute(sa.text(
            "select id, sender_id, data from events where id > :last order by id limit :n"),
            {"last": last_id, "n": batch}).fetchall()
        if not chunk:
            break
        for event_id, sender_id, data in chunk:
            last_id = event_id
            if sender_id in existing:
                continue
            try:
                event = json.loads(data)
            except (TypeError, ValueError):
                continue
            row = rows.get(sender_id)
            if row is None:
                row = rows[sender_id] = ConversationSummary(
                    conversation_id=sender_id, user_messages=0, not_understood=0,
                    verdict_reached=False, handoff=False, eligible_products="[]",
                    to_confirm_products="[]", eligible_names="[]")
            apply(row, [event])
    if inspector.has_table("console_tickets"):
        for cid, channel, outcome in connection.execute(sa.text(
                "select conversation_id, channel, outcome from console_tickets order by id")):
            if cid in existing:
                continue
            row = rows.get(cid)
            if row is None:
                row = rows[cid] = ConversationSummary(
                    conversation_id=cid, channel=(channel or None) and channel[:CHANNEL_LENGTH],
                    user_messages=0, not_understood=0, verdict_reached=False,
                    eligible_products="[]", to_confirm_products="[]", eligible_names="[]")
            row.handoff = True
            if outcome:
                row.outcome = outcome[:255]
    columns = [c.name for c in table.columns if c.name != "id"]
    values = [{name: getattr(row, name) for name in columns} for row in rows.values()]
    for start in range(0, len(values), batch):
        connection.execute(table.insert(), values[start:start + batch])
    return len(values)


def table_exists(url: Optional[str] = None) -> bool:
    return sa.inspect(engine(url)).has_table(TABLE)
