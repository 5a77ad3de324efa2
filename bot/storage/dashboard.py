"""The figures of the advisors' dashboard (/console/tableau-de-bord) for a period and a channel.

Built on the conversation summaries (``conversation_summaries``, one row per conversation,
kept up to date by the tracker store: bot/storage/summary.py, issue 14), the tickets, the
feedback and follow-ups (bot/storage/feedback.py) — never by reading every event on each page
load. The only read of Rasa's ``events`` table is the list of the messages the NLU fell back on
in the period (``intent_name = 'nlu_fallback'``), capped.

Conventions (the issue's interfaces): a conversation counts once per day (on each day it was
active: the day it started and the day of its last event); a handoff is a ticket; « non
compris » counts the user messages the NLU fell back on; the feedback rate is the share of
« oui » among the conversations that answered (their latest answer).
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from bot.storage import feedback as feedback_store
from bot.storage.db import engine, session_scope
from bot.storage.models import ConversationSummary, Ticket
from bot.storage.summary import table_exists as summaries_exist
from bot.storage.transcripts import events_table_exists

CHANNELS = ("rest", "socketio", "hr", "slack", "botframework")
MAX_DAYS = 366
MAX_MISUNDERSTOOD_ROWS = 5000  # the latest fallbacks of the period feed the « most frequent » list
TOP_MISUNDERSTOOD = 10

# The summary table of issue 14 (bot/storage/summary.py), read-only here.
SUMMARIES = ConversationSummary.__table__


@dataclass(frozen=True)
class Period:
    start: dt.date  # first local day, included
    end: dt.date    # last local day, included
    tz: ZoneInfo

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start 00:00 local, day after end 00:00 local) as naive UTC datetimes."""
        def utc(day: dt.date) -> dt.datetime:
            local = dt.datetime.combine(day, dt.time(), tzinfo=self.tz)
            return local.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return utc(self.start), utc(self.end + dt.timedelta(days=1))

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def local_day(self, when: dt.datetime) -> dt.date:
        return when.replace(tzinfo=dt.timezone.utc).astimezone(self.tz).date()


@dataclass
class Summary:
    conversation_id: Optional[str]
    channel: str
    started_at: dt.datetime
    last_event_at: dt.datetime
    user_messages: int = 0
    not_understood: int = 0
    verdict_reached: bool = False
    eligible: list = field(default_factory=list)
    to_confirm: list = field(default_factory=list)
    handoff: bool = False
    outcome: Optional[str] = None


def _products(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    try:
        loaded = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return [str(v) for v in loaded] if isinstance(loaded, list) else []


def summaries(period: Period, channel: str = "", url: Optional[str] = None) -> list[Summary]:
    """The conversations active in the period (on the channel, if one is chosen)."""
    start, end = period.utc_bounds()
    if not summaries_exist(url):
        return []
    t = SUMMARIES.c
    query = sa.select(SUMMARIES).where(t.started_at < end, t.last_event_at >= start,
                                       t.started_at.isnot(None))
    if channel:
        query = query.where(t.channel == channel)
    with engine(url).connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [Summary(conversation_id=r["conversation_id"], channel=r["channel"] or "inconnu",
                    started_at=r["started_at"], last_event_at=r["last_event_at"] or r["started_at"],
                    user_messages=int(r["user_messages"] or 0),
                    not_understood=int(r["not_understood"] or 0),
                    verdict_reached=bool(r["verdict_reached"]),
                    eligible=_products(r["eligible_products"]),
                    to_confirm=_products(r["to_confirm_products"]),
                    handoff=bool(r["handoff"]), outcome=r["outcome"]) for r in rows]


def tickets_between(start: dt.datetime, end: dt.datetime, channel: str = "",
                    url: Optional[str] = None) -> list[Ticket]:
    """Tickets opened, or closed, in [start, end)."""
    with session_scope(url) as session:
        query = session.query(Ticket).filter(sa.or_(
            sa.and_(Ticket.created_at >= start, Ticket.created_at < end),
            sa.and_(Ticket.closed_at >= start, Ticket.closed_at < end)))
        if channel:
            query = query.filter(Ticket.channel == channel)
        return query.order_by(Ticket.id).all()


def misunderstood_messages(start: dt.datetime, end: dt.datetime,
                           conversations: Optional[set] = None,
                           url: Optional[str] = None) -> list[tuple[str, str]]:
    """(conversation id, text) of the user messages the NLU fell back on in [start, end)."""
    if not events_table_exists(url):
        return []
    t0 = start.replace(tzinfo=dt.timezone.utc).timestamp()
    t1 = end.replace(tzinfo=dt.timezone.utc).timestamp()
    with engine(url).connect() as connection:
        rows = connection.execute(sa.text(
            "select sender_id, data from events where type_name = 'user' and intent_name = "
            "'nlu_fallback' and timestamp >= :t0 and timestamp < :t1 order by id desc limit :n"),
            {"t0": t0, "t1": t1, "n": MAX_MISUNDERSTOOD_ROWS})
        out = []
        for sender_id, data in rows:
            if conversations is not None and sender_id not in conversations:
                continue
            try:
                text = (json.loads(data) or {}).get("text") or ""
            except (TypeError, ValueError):
                continue
            if text and not text.startswith("/"):
                out.append((sender_id, text))
        return out


# -- figures ----------------------------------------------------------------------------------
def percent(part: float, whole: float) -> Optional[float]:
    return round(100.0 * part / whole, 1) if whole else None


def minutes(seconds: list[float]) -> dict:
    """Median and 90th percentile (nearest rank) in minutes, one decimal."""
    if not seconds:
        return {"count": 0, "median": None, "p90": None}
    ordered = sorted(seconds)
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return {"count": len(ordered), "median": round(statistics.median(ordered) / 60, 1),
            "p90": round(p90 / 60, 1)}


def reason_kind(reason: str) -> list[str]:
    """« difficulté (impayés de loyer); à confirmer : Visale » → difficulté, à confirmer."""
    kinds = []
    for part in (reason or "demande d'un conseiller").split(";"):
        kind = part.split("(")[0].split(":")[0].strip()
        if kind and kind not in kinds:
            kinds.append(kind)
    return kinds


@functools.lru_cache(maxsize=1)
def _redactor() -> Callable[[str], str]:
    """Issue 13's redaction (the events are stored redacted already; shown texts are redacted
    again in case they were stored before it)."""
    try:
        from bot.storage.redaction import redact_text
    except ImportError:  # pragma: no cover - until issue 13's redaction lands
        return lambda text: text
    return redact_text


def figures(period: Period, channel: str = "", url: Optional[str] = None) -> dict:
    """Every table of the dashboard, as plain data (rows of numbers)."""
    start, end = period.utc_bounds()
    rows = summaries(period, channel, url)
    ids = {r.conversation_id for r in rows if r.conversation_id}
    days = period.days()
    in_period = set(days)

    per_day: dict[dt.date, Counter] = {day: Counter() for day in days}
    busy = [[0] * 24 for _ in range(7)]
    for r in rows:
        active = {period.local_day(r.started_at), period.local_day(r.last_event_at)}
        for day in active & in_period:
            per_day[day][r.channel] += 1
            per_day[day]["total"] += 1
        if start <= r.started_at < end:
            local = r.started_at.replace(tzinfo=dt.timezone.utc).astimezone(period.tz)
            busy[local.weekday()][local.hour] += 1
    channels = [c for c in CHANNELS if any(per_day[d][c] for d in days)]
    channels += sorted({r.channel for r in rows} - set(channels))

    total = len(rows)
    verdicts = sum(1 for r in rows if r.verdict_reached)
    products: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        for p in set(r.eligible):
            products[p]["eligible"] += 1
        for p in set(r.to_confirm):
            products[p]["to_confirm"] += 1

    messages = sum(r.user_messages for r in rows)
    not_understood = sum(r.not_understood for r in rows)
    grouped: dict[str, dict] = {}
    for conversation_id, text in misunderstood_messages(start, end, ids, url):
        plain = " ".join(text.split())[:200]
        entry = grouped.setdefault(plain.lower(), {"text": plain, "count": 0, "conversations": []})
        entry["count"] += 1
        if conversation_id not in entry["conversations"] and len(entry["conversations"]) < 3:
            entry["conversations"].append(conversation_id)
    top = sorted(grouped.values(), key=lambda e: (-e["count"], e["text"]))[:TOP_MISUNDERSTOOD]
    for entry in top:
        entry["text"] = _redactor()(entry["text"])

    tickets = tickets_between(start, end, channel, url)
    opened = [t for t in tickets if start <= t.created_at < end]
    reasons = Counter(kind for t in opened for kind in reason_kind(t.reason or ""))
    take = [(t.joined_at - t.created_at).total_seconds() for t in opened if t.joined_at]
    close = [(t.closed_at - t.created_at).total_seconds() for t in opened if t.closed_at]
    closed = [t for t in tickets if t.closed_at and start <= t.closed_at < end]
    outcomes = Counter((t.outcome or "sans issue").strip() for t in closed)
    handoffs = sum(1 for r in rows if r.handoff)

    answers = feedback_store.feedback_between(start, end, url)
    latest: dict[str, Any] = {}
    anonymous = []
    for row in answers:
        if channel and (row.channel or "") != channel:
            continue
        if row.conversation_id:
            latest[row.conversation_id] = row
        else:
            anonymous.append(row)
    counted = list(latest.values()) + anonymous
    yes = sum(1 for row in counted if row.helpful)
    comments = [{"conversation_id": row.conversation_id, "helpful": row.helpful,
                 "comment": row.comment, "at": row.created_at}
                for row in sorted(answers, key=lambda r: r.id, reverse=True)
                if row.comment and (not channel or row.channel == channel)][:20]

    follow_ups = [f for f in feedback_store.follow_ups_between(start, end, url)
                  if not channel or f.channel == channel]
    follow_answers = Counter(f.answer for f in follow_ups if f.answer)

    return {
        "period": period, "channel": channel, "channels": channels,
        "per_day": [{"day": d, "by_channel": [per_day[d][c] for c in channels],
                     "total": per_day[d]["total"]} for d in days],
        "conversations": total,
        "verdicts": {"conversations": total, "verdicts": verdicts,
                     "without": total - verdicts, "rate": percent(verdicts, total)},
        "products": sorted(({"id": p, "eligible": c["eligible"], "to_confirm": c["to_confirm"]}
                            for p, c in products.items()),
                           key=lambda e: (-e["eligible"] - e["to_confirm"], e["id"])),
        "not_understood": {"messages": messages, "not_understood": not_understood,
                           "rate": percent(not_understood, messages), "top": top},
        "handoffs": {"conversations": total, "handoffs": handoffs,
                     "rate": percent(handoffs, total), "tickets": len(opened),
                     "reasons": reasons.most_common()},
        "delays": {"take": minutes(take), "close": minutes(close)},
        "outcomes": outcomes.most_common(),
        "busy": busy,
        "feedback": {"answers": len(counted), "yes": yes, "no": len(counted) - yes,
                     "rate": percent(yes, len(counted)), "comments": comments},
        "follow_ups": {"requested": len(follow_ups),
                       "sent": sum(1 for f in follow_ups if f.sent_at),
                       "answers": [(a, follow_answers.get(a, 0))
                                   for a in feedback_store.FOLLOW_UP_ANSWERS]},
    }
