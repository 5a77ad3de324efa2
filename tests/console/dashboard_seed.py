"""Known conversations for the dashboard tests, and the figures a person would count from them.

The week of Monday 2 March 2026 (Paris is UTC+1 then). Seeded into the tables the dashboard
reads: the conversation summaries (issue 14's table), Rasa's ``events`` (messages not
understood), the tickets, feedback and follow-ups. ``expected_*`` count by hand, from the same
list, what the dashboard must show; they share no code with bot.storage.dashboard.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import sqlalchemy as sa

FIRST_DAY, LAST_DAY = dt.date(2026, 3, 2), dt.date(2026, 3, 8)
QUERY = "du=2026-03-02&au=2026-03-08"
U = dt.datetime  # naive UTC

CONVERSATIONS = [
    # id, channel, started (UTC), last event (UTC), user messages, not understood, verdict,
    # eligible, to confirm
    ("seed-a1", "rest", U(2026, 3, 2, 8, 15), U(2026, 3, 2, 8, 25), 5, 1, True,
     ["visale", "avance_loca_pass"], []),
    ("seed-a2", "socketio", U(2026, 3, 2, 13, 40), U(2026, 3, 2, 14, 5), 3, 2, False, [], []),
    ("seed-a3", "socketio", U(2026, 3, 3, 9, 5), U(2026, 3, 4, 10, 40), 8, 0, True,
     ["visale"], ["mobili_jeune"]),
    ("seed-a4", "hr", U(2026, 3, 5, 16, 30), U(2026, 3, 5, 16, 50), 4, 1, True,
     ["mobili_jeune"], []),
    ("seed-a5", "rest", U(2026, 3, 7, 22, 30), U(2026, 3, 7, 22, 35), 2, 0, False, [], []),
    # outside the week: Monday 9 March 00:30 in Paris, and Sunday 1 March
    ("seed-a6", "rest", U(2026, 3, 8, 23, 30), U(2026, 3, 8, 23, 40), 3, 1, True, ["visale"], []),
    ("seed-a7", "socketio", U(2026, 3, 1, 10, 0), U(2026, 3, 1, 10, 10), 6, 3, True, ["visale"], []),
]
TICKETS = [
    # conversation, channel, reason, created, joined, closed, outcome
    ("seed-a2", "socketio", "incompréhensions répétées", U(2026, 3, 2, 13, 45),
     U(2026, 3, 2, 13, 49), U(2026, 3, 2, 14, 5), "Demande transmise"),
    ("seed-a3", "socketio", "demande explicite; à confirmer : Aide Mobili-Jeune",
     U(2026, 3, 4, 10, 0), U(2026, 3, 4, 10, 10), U(2026, 3, 4, 10, 40), "Rappel prévu"),
    ("seed-a4", "hr", "difficulté (impayés de loyer)", U(2026, 3, 5, 16, 45), None, None, None),
]
NOT_UNDERSTOOD = [  # conversation, when (UTC), text
    ("seed-a1", U(2026, 3, 2, 8, 20), "blablabla truc"),
    ("seed-a2", U(2026, 3, 2, 13, 41), "blablabla truc"),
    ("seed-a2", U(2026, 3, 2, 13, 42), "zorglub ?"),
    ("seed-a4", U(2026, 3, 5, 16, 35), "blablabla truc"),
    ("seed-a6", U(2026, 3, 8, 23, 35), "hors période"),
]
FEEDBACK = [  # conversation, channel, helpful, comment, when (UTC)
    ("seed-a1", "rest", True, None, U(2026, 3, 2, 8, 24)),
    ("seed-a3", "socketio", False, "Je voulais le montant exact", U(2026, 3, 4, 10, 30)),
    ("seed-a4", "hr", False, None, U(2026, 3, 5, 16, 40)),
    ("seed-a4", "hr", True, None, U(2026, 3, 5, 16, 48)),  # changed its mind: « oui » counts
    ("seed-a7", "socketio", False, None, U(2026, 3, 1, 10, 5)),  # outside
]
FOLLOW_UPS = [  # conversation, channel, requested, answer
    ("seed-a1", "rest", U(2026, 3, 2, 8, 25), "fait"),
    ("seed-a3", "socketio", U(2026, 3, 4, 10, 35), "pas_pu"),
    ("seed-a4", "hr", U(2026, 3, 5, 16, 49), None),
]
PARIS = dt.timezone(dt.timedelta(hours=1))  # no daylight saving change in this week


def _paris(when: dt.datetime) -> dt.datetime:
    return when.replace(tzinfo=dt.timezone.utc).astimezone(PARIS)


def seed(url: str) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    from bot.storage import dashboard, feedback
    from bot.storage.db import engine, session_scope
    from bot.storage.models import Ticket

    eng = engine(url)
    SQLTrackerStore.SQLEvent.__table__.create(eng, checkfirst=True)
    with eng.begin() as connection:
        for cid, channel, start, last, messages, missed, verdict, eligible, confirm in CONVERSATIONS:
            connection.execute(dashboard.SUMMARIES.insert().values(
                conversation_id=cid, channel=channel, started_at=start, last_event_at=last,
                user_messages=messages, not_understood=missed, verdict_reached=verdict,
                eligible_products=json.dumps(eligible), to_confirm_products=json.dumps(confirm),
                handoff=any(t[0] == cid for t in TICKETS),
                outcome=next((t[6] for t in TICKETS if t[0] == cid), None)))
        for cid, when, text in NOT_UNDERSTOOD:
            stamp = when.replace(tzinfo=dt.timezone.utc).timestamp()
            connection.execute(sa.text(
                "insert into events (sender_id, type_name, timestamp, intent_name, data) "
                "values (:s, 'user', :t, 'nlu_fallback', :d)"),
                {"s": cid, "t": stamp, "d": json.dumps({
                    "event": "user", "timestamp": stamp, "text": text,
                    "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.2}}})})
    with session_scope(url) as session:
        for cid, channel, reason, created, joined, closed, outcome in TICKETS:
            session.add(Ticket(conversation_id=cid, channel=channel, reason=reason,
                               status="closed" if closed else "queued", created_at=created,
                               updated_at=closed or created, joined_at=joined, closed_at=closed,
                               outcome=outcome))
    for cid, channel, helpful, comment, when in FEEDBACK:
        feedback.record_feedback(cid, helpful, channel, now=when, url=url)
        if comment:
            feedback.add_comment(cid, comment, url=url)
    for cid, channel, requested, answer in FOLLOW_UPS:
        feedback.schedule_follow_up(cid, channel, ["Garantie Visale"], dt.timedelta(days=7),
                                    now=requested, url=url)
        if answer:
            feedback.record_answer(cid, answer, channel, now=requested + dt.timedelta(days=7),
                                   url=url)


# -- what a person counts from the lists above -------------------------------------------------
def in_week(conversation) -> bool:
    start, last = _paris(conversation[2]).date(), _paris(conversation[3]).date()
    return start <= LAST_DAY and last >= FIRST_DAY


WEEK = [c for c in CONVERSATIONS if in_week(c)]


def expected_per_day() -> dict:
    """{(day, channel): conversations}: each conversation once on each day it was active."""
    counts: Counter = Counter()
    for c in WEEK:
        for day in {_paris(c[2]).date(), _paris(c[3]).date()}:
            if FIRST_DAY <= day <= LAST_DAY:
                counts[(day, c[1])] += 1
                counts[(day, "total")] += 1
    return counts


def expected_feedback() -> tuple[int, int]:
    """(yes, no): the latest answer of each conversation given in the week."""
    latest = {}
    for cid, _, helpful, _, when in FEEDBACK:
        if FIRST_DAY <= _paris(when).date() <= LAST_DAY:
            latest[cid] = helpful
    yes = sum(1 for v in latest.values() if v)
    return yes, len(latest) - yes
