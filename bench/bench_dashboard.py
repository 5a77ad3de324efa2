"""The dashboard's figures (``/console/tableau-de-bord``) on a real SQLite file.

Fills a temporary database with N conversation summaries over 30 days (the summary table of
issue 14), their tickets (one in five), feedback (one in three), follow-ups, and Rasa ``events``
rows (40 per conversation, 2 of them NLU fallbacks), then times ``bot.storage.dashboard.figures``
for the 30-day period, all channels and one channel. Prints median and p95.

Run: .venv/bin/python bench/bench_dashboard.py [--conversations 10000] [--runs 15]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from bench.stats import ms, percentile  # noqa: E402
from bot import opening_hours  # noqa: E402
from bot.storage import dashboard, feedback  # noqa: E402
from bot.storage.models import Ticket  # noqa: E402
from bot.tools import migrate  # noqa: E402

CHANNELS = ["rest", "socketio", "hr", "slack"]
FIRST = dt.datetime(2026, 3, 1, 6, 0)


def fill(url: str, conversations: int) -> None:
    rng = random.Random(16)
    engine = sa.create_engine(url)
    from rasa.core.tracker_store import SQLTrackerStore
    SQLTrackerStore.SQLEvent.__table__.create(engine, checkfirst=True)
    summaries, tickets, events, answers = [], [], [], []
    for i in range(conversations):
        cid = f"conv-{i:06d}"
        start = FIRST + dt.timedelta(minutes=rng.randrange(30 * 24 * 60))
        channel = rng.choice(CHANNELS)
        handoff = i % 5 == 0
        summaries.append(dict(conversation_id=cid, channel=channel, started_at=start,
                              last_event_at=start + dt.timedelta(minutes=12), user_messages=8,
                              not_understood=2, verdict_reached=i % 2 == 0,
                              eligible_products=json.dumps(["visale"] if i % 2 else []),
                              to_confirm_products="[]", handoff=handoff, eligible_names="[]"))
        if handoff:
            tickets.append(dict(conversation_id=cid, channel=channel, reason="demande explicite",
                                mode="live", status="closed", created_at=start,
                                updated_at=start, joined_at=start + dt.timedelta(minutes=3),
                                closed_at=start + dt.timedelta(minutes=20), outcome="Demande transmise"))
        if i % 3 == 0:
            answers.append(dict(conversation_id=cid, channel=channel, helpful=i % 2 == 0,
                                created_at=start + dt.timedelta(minutes=11)))
        stamp = start.replace(tzinfo=dt.timezone.utc).timestamp()
        for n in range(40):
            fallback = n in (3, 17)
            events.append(dict(sender_id=cid, type_name="user" if n % 5 == 0 or fallback else "bot",
                               timestamp=stamp + n, intent_name="nlu_fallback" if fallback else "informer",
                               data=json.dumps({"text": f"message {rng.randrange(40)}"})))
    with engine.begin() as connection:
        connection.execute(dashboard.SUMMARIES.insert(), summaries)
        connection.execute(Ticket.__table__.insert(), tickets)
        connection.execute(feedback.Feedback.__table__.insert(), answers)
        connection.execute(SQLTrackerStore.SQLEvent.__table__.insert(), events)
    migrate.upgrade(url)  # re-run: the events index of 0006 now that events exists
    with engine.begin() as connection:
        connection.execute(sa.text("create index if not exists ix_events_intent_timestamp on "
                                   "events (intent_name, timestamp)"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        migrate.upgrade(url)
        fill(url, args.conversations)
        period = dashboard.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 30), opening_hours.timezone())
        for label, channel in (("30 days, all channels", ""), ("30 days, one channel", "socketio")):
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                figures = dashboard.figures(period, channel, url)
                times.append(time.perf_counter() - t0)
            print(f"dashboard figures, {args.conversations} conversations, {label}: "
                  f"median {ms(statistics.median(times))}, p95 {ms(percentile(times, 0.95))} "
                  f"({figures['conversations']} conversations counted)")


if __name__ == "__main__":
    main()
