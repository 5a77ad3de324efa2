"""Console data paths on a real SQLite file with 100 000 conversations (issue 14): the live
queue, one transcript, the review (with its filters) and the exports.

Fills a temporary database with N conversations (Rasa ``events`` rows as the tracker store
writes them: per turn a user message, an action, a bot reply, the profile and verdict slots)
and T open tickets, then runs the migrations as an operator upgrading would (migration 0004
builds the summary table from the events: timed), and times the functions behind
``/console/api/queue`` (polled every 3 s by each open console), the ticket page's transcript,
``/console/conversations`` (no filter; channel + aid; handoff; a text filter, the one filter
that still reads the events) and the CSV/JSON exports (one day; every conversation).
Prints median and p95.

Run: .venv/bin/python bench/bench_console.py [--conversations 100000] [--turns 2] [--tickets 50]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from bench.bare_bot import uptime  # noqa: E402
from bot.storage import review, tickets, transcripts  # noqa: E402
from bot.tools import migrate  # noqa: E402

T0 = 1_790_000_000.0  # 2026-09-21
RESULTS = {"results": [{"id": "visale", "name": "Garantie Visale", "status": "eligible"},
                       {"id": "mobili_jeune", "name": "Aide Mobili-Jeune", "status": "need_info"}]}


def fill(url: str, conversations: int, turns: int, n_tickets: int) -> int:
    engine = sa.create_engine(url)
    with engine.begin() as c:  # Rasa's own table, as its SQLTrackerStore creates it
        c.execute(sa.text("create table events (id integer primary key autoincrement, sender_id "
                          "varchar(255) not null, type_name varchar(255) not null, timestamp "
                          "float, intent_name varchar(255), action_name varchar(255), data text)"))
        c.execute(sa.text("create index ix_events_sender_id on events (sender_id)"))
    total = 0
    batch: list = []
    for i in range(conversations):
        sender = f"conv-{i:06d}"
        channel = "rest" if i % 2 else "socketio"
        for turn in range(turns):
            ts = T0 + i * 60 + turn
            events = [
                ("user", "informer", None, {
                    "event": "user", "timestamp": ts, "text": f"message {turn} de {sender}",
                    "input_channel": channel,
                    "parse_data": {"intent": {"name": "informer", "confidence": 0.9},
                                   "entities": []}}),
                ("action", None, "action_process_turn", {
                    "event": "action", "timestamp": ts, "name": "action_process_turn"}),
                ("bot", None, None, {"event": "bot", "timestamp": ts,
                                     "text": "Quel est votre âge ?"}),
                ("slot", None, "profile", {"event": "slot", "timestamp": ts, "name": "profile",
                                           "value": {"activity": "salarie", "age": 20 + turn}}),
                ("slot", None, "aid_results", {"event": "slot", "timestamp": ts,
                                               "name": "aid_results",
                                               "value": RESULTS if i % 3 else {"results": []}}),
            ]
            for type_name, intent, action, data in events:
                batch.append({"s": sender, "t": type_name, "ts": ts, "i": intent, "a": action,
                              "d": json.dumps(data)})
        if len(batch) >= 50_000 or i == conversations - 1:
            with engine.begin() as c:
                c.execute(sa.text("insert into events (sender_id, type_name, timestamp, "
                                  "intent_name, action_name, data) values (:s, :t, :ts, :i, :a, "
                                  ":d)"), batch)
            total += len(batch)
            batch = []
    return total


def timed(fn, repeat: int) -> tuple[float, float, object]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(round(0.95 * (len(samples) - 1)))], result


def export_all(url: str, filters: review.ReviewFilters) -> int:
    """What /console/export.jsonl does: the rows, their transcripts, one JSON line each."""
    rows = review.with_transcripts(review.review(filters, url=url, limit=100_000), url=url)
    return len("".join(json.dumps(r.as_dict(), ensure_ascii=False) + "\n" for r in rows))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=2, help="turns per conversation (5 events each)")
    parser.add_argument("--tickets", type=int, default=50)
    args = parser.parse_args()
    print(f"machine before the run: {uptime()}")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        start = time.perf_counter()
        n_events = fill(url, args.conversations, args.turns, args.tickets)
        print(f"{args.conversations} conversations, {n_events} events written in "
              f"{time.perf_counter() - start:.0f} s")
        start = time.perf_counter()
        migrate.upgrade(url)  # 0004 builds the summary table from the events already there
        print(f"migrations (0004 sums up {args.conversations} conversations): "
              f"{time.perf_counter() - start:.1f} s")
        for i in range(args.tickets):
            tickets.open_ticket(f"conv-{i * 7:06d}", "rest", "demande explicite", url=url)
        day = dt.datetime.utcfromtimestamp(T0 + 86400).date()
        F = review.ReviewFilters
        cases = [
            ("queue (open tickets)", lambda: tickets.open_tickets(url=url), 200),
            (f"one transcript ({args.turns * 5} events)", lambda: transcripts.transcript_items(
                transcripts.transcript_events("conv-004242", url=url)), 200),
            ("review, no filter (1 000 rows)", lambda: review.review(url=url), 20),
            ("review, channel + aid", lambda: review.review(F(channel="rest", aid="visale"),
                                                            url=url), 20),
            ("review, handed off", lambda: review.review(F(handoff="yes"), url=url), 20),
            ("review, one day", lambda: review.review(F(date_from=day, date_to=day), url=url), 20),
            ("review, text filter (events)", lambda: review.review(F(text="message 1 de conv-00424"),
                                                                   url=url), 3),
            ("export, one day (JSON lines)", lambda: export_all(url, F(date_from=day, date_to=day)),
             5),
            (f"export, all {args.conversations}", lambda: export_all(url, F()), 1),
        ]
        for name, fn, repeat in cases:
            fn()  # warm-up
            median, p95, result = timed(fn, repeat)
            size = f"{len(result)} rows" if isinstance(result, list) else (
                f"{result / 1e6:.1f} MB" if isinstance(result, int) else "")
            print(f"{name:34s} median {median:9.1f} ms   p95 {p95:9.1f} ms   {size}", flush=True)
    print(f"machine after the run: {uptime()}")


if __name__ == "__main__":
    main()
