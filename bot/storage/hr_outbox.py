"""The durable outbox of HR callbacks (table ``hr_callback_outbox``, migration 0005_outbox).

A callback is written here before it leaves (``enqueue``); workers in every Rasa replica
``claim`` what is due and report each ``attempt``. Guarantees:

- nothing is lost on a restart or a replica loss: a claimed row is leased (``LEASE_S``); when
  its replica dies the lease runs out and another replica sends it (at least once: receivers
  tell a repeat by ``in_reply_to``, see docs/integrations.md);
- order per conversation, whatever replica sends: only the oldest pending row of a
  conversation can be claimed, so a later callback waits until the earlier one is delivered
  or given up;
- retries with exponential backoff and full jitter; after ``max_tries`` (or a refusal that
  retrying cannot fix) the row is a dead letter, listed by ``dead_letters`` for the console,
  and can be sent again (``retry``).

Pure SQLAlchemy; every function takes an optional ``url`` (default DATABASE_URL).
"""
from __future__ import annotations

import datetime as dt
import json
import random
from typing import Optional

from sqlalchemy import func, or_, update

from bot.storage.db import session_scope
from bot.storage.models import HRCallback

LEASE_S = 30.0


def now() -> dt.datetime:
    return dt.datetime.utcnow()


def backoff_s(attempts: int, base_s: float, max_s: float) -> float:
    """Full jitter: a random wait up to base·2^(attempts-1), capped at max_s."""
    ceiling = min(max_s, base_s * 2 ** max(0, attempts - 1))
    return random.uniform(ceiling / 2, ceiling)


def enqueue(conversation_id: str, integration: str, body: dict,
            url: Optional[str] = None) -> int:
    with session_scope(url) as session:
        row = HRCallback(conversation_id=conversation_id, integration=integration,
                         in_reply_to=body.get("in_reply_to"),
                         body_json=json.dumps(body, ensure_ascii=False), status="pending",
                         attempts=0, next_attempt_at=now(), created_at=now())
        session.add(row)
        session.flush()
        return row.id


def claim(worker: str, limit: int = 20, url: Optional[str] = None) -> list[dict]:
    """Lease the due head (oldest pending row) of up to ``limit`` conversations."""
    moment = now()
    claimed = []
    with session_scope(url) as session:
        heads = (session.query(func.min(HRCallback.id)).filter(HRCallback.status == "pending")
                 .group_by(HRCallback.conversation_id))
        rows = (session.query(HRCallback)
                .filter(HRCallback.id.in_(heads.scalar_subquery()),
                        HRCallback.next_attempt_at <= moment,
                        or_(HRCallback.locked_until.is_(None), HRCallback.locked_until < moment))
                .order_by(HRCallback.id).limit(limit).all())
        for row in rows:
            taken = session.execute(
                update(HRCallback)
                .where(HRCallback.id == row.id, HRCallback.status == "pending",
                       or_(HRCallback.locked_until.is_(None), HRCallback.locked_until < moment))
                .values(locked_by=worker[:80],
                        locked_until=moment + dt.timedelta(seconds=LEASE_S))
                .execution_options(synchronize_session=False))
            if taken.rowcount == 1:
                claimed.append({"id": row.id, "conversation_id": row.conversation_id,
                                "integration": row.integration, "body": json.loads(row.body_json),
                                "attempts": row.attempts})
    return claimed


def delivered(row_id: int, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        row = session.get(HRCallback, row_id)
        if row is not None:
            row.status, row.delivered_at = "delivered", now()
            row.attempts += 1
            row.locked_by = row.locked_until = None
            row.last_error = None


def failed(row_id: int, problem: str, retry: bool, max_tries: int, base_s: float,
           max_s: float, url: Optional[str] = None) -> str:
    """Record a failed attempt; returns the new status (pending or dead)."""
    with session_scope(url) as session:
        row = session.get(HRCallback, row_id)
        if row is None:
            return "missing"
        row.attempts += 1
        row.last_error = problem[:255]
        row.locked_by = row.locked_until = None
        if retry and row.attempts < max_tries:
            row.next_attempt_at = now() + dt.timedelta(seconds=backoff_s(row.attempts, base_s,
                                                                         max_s))
        else:
            row.status = "dead"
        return row.status


def retry(row_id: int, url: Optional[str] = None) -> bool:
    """Send a dead letter again (from the console)."""
    with session_scope(url) as session:
        row = session.get(HRCallback, row_id)
        if row is None or row.status != "dead":
            return False
        row.status, row.next_attempt_at, row.attempts = "pending", now(), 0
        return True


def status_counts(url: Optional[str] = None) -> dict:
    with session_scope(url) as session:
        rows = session.query(HRCallback.status, func.count()).group_by(HRCallback.status).all()
    return {status: count for status, count in rows}


def listing(status: str, limit: int = 200, url: Optional[str] = None) -> list[dict]:
    """Rows of one status, newest first, for the console (no message text: ids and errors)."""
    with session_scope(url) as session:
        rows = (session.query(HRCallback).filter(HRCallback.status == status)
                .order_by(HRCallback.id.desc()).limit(limit).all())
        return [{"id": r.id, "conversation_id": r.conversation_id, "integration": r.integration,
                 "in_reply_to": r.in_reply_to, "attempts": r.attempts, "status": r.status,
                 "last_error": r.last_error, "created_at": r.created_at,
                 "next_attempt_at": r.next_attempt_at, "delivered_at": r.delivered_at}
                for r in rows]


def dead_letters(limit: int = 200, url: Optional[str] = None) -> list[dict]:
    return listing("dead", limit, url)


def for_conversation(conversation_id: str, url: Optional[str] = None) -> list[dict]:
    """Every callback of a conversation in order, with its delivery status."""
    with session_scope(url) as session:
        rows = (session.query(HRCallback).filter(HRCallback.conversation_id == conversation_id)
                .order_by(HRCallback.id).all())
        return [{"id": r.id, "in_reply_to": r.in_reply_to, "status": r.status,
                 "attempts": r.attempts, "last_error": r.last_error} for r in rows]
