"""Console data paths on a real SQLite file: the live queue, one transcript, the review.

Fills a temporary database with N conversations (tracker-store-like ``events`` rows: user, bot,
slot events with a profile and a verdict) and T open tickets, then times the functions behind
``/console/api/queue`` (polled every 3 s by each open console), the ticket page's transcript and
``/console/conversations`` (all conversations, then a text filter). Prints median and p95.

Run: .venv/bin/python bench/bench_console.py [--conversations 1000] [--tickets 50]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from bot.storage import review, tickets, transcripts  # noqa: E402
from bot.tools import migrate  # noqa: E402


def fill(url: str, conversations: int, tickets: int) -> None:
    engine = sa.create_engine(url)
    results = {"results": [{"id": "visale", "name": "Garantie Visale", "status": "eligible"},
                           {"id": "mobili_jeune", "name": "Aide Mobili-Jeune", "status": "need_info"}]}
    with engine.begin() as c:
        c.execute(sa.text("create table events (id integer primary key autoincrement, sender_id "
                          "varchar(255), type_name varchar(255), timestamp float, intent_name "
                          "varchar(255), action_name varchar(255), data text)"))
        c.execute(sa.text("create index ix_events_sender_id on events (sender_id)"))
        rows, t0 = [], 1_790_000_000.0
        for i in range(conversations):
            sender = f"conv-{i:05d}"
            for turn in range(8):  # 8 turns: user, action, bot, slot, slot = 40 events
                ts = t0 + i * 60 + turn
                rows += [
                    {"s": sender, "t": "user", "ts": ts, "d": json.dumps({
                        "event": "user", "timestamp": ts, "text": f"message {turn} de {sender}",
                        "input_channel": "rest" if i % 2 else "socketio",
                        "parse_data": {"intent": {"name": "informer", "confidence": 0.9}, "entities": []}})},
                    {"s": sender, "t": "action", "ts": ts, "d": json.dumps({
                        "event": "action", "timestamp": ts, "name": "action_process_turn"})},
                    {"s": sender, "t": "bot", "ts": ts, "d": json.dumps({
                        "event": "bot", "timestamp": ts, "text": "Quel est votre âge ?"})},
                    {"s": sender, "t": "slot", "ts": ts, "d": json.dumps({
                        "event": "slot", "timestamp": ts, "name": "profile",
                        "value": {"activity": "salarie", "age": 20 + turn}})},
                    {"s": sender, "t": "slot", "ts": ts, "d": json.dumps({
                        "event": "slot", "timestamp": ts, "name": "aid_results", "value": results})},
                ]
        c.execute(sa.text("insert into events (sender_id, type_name, timestamp, data) "
                          "values (:s, :t, :ts, :d)"), rows)
    for i in range(tickets):
        tickets.open_ticket(f"conv-{i:05d}", "rest", "demande explicite", url=url)


def timed(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--tickets", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        migrate.upgrade(url)
        fill(url, args.conversations, args.tickets)
        n_events = args.conversations * 40
        print(f"{args.conversations} conversations, {n_events} events, {args.tickets} open tickets")
        cases = [
            ("queue (open tickets)", lambda: tickets.open_tickets(url=url), 200),
            ("one transcript (40 events)", lambda: transcripts.transcript_items(
                transcripts.transcript_events("conv-00007", url=url)), 200),
            ("review, no filter", lambda: review.review(url=url), 10),
            ("review, text filter", lambda: review.review(
                review.ReviewFilters(text="conv-00042"), url=url), 10),
        ]
        for name, fn, repeat in cases:
            fn()  # warm-up
            median, p95 = timed(fn, repeat)
            print(f"{name:32s} median {median:8.2f} ms   p95 {p95:8.2f} ms")


if __name__ == "__main__":
    main()
