"""Benchmark of the conversation over the REST channel: per-turn latency and throughput.

Plays the French personas of tests/conversation/personas.py (each worked example of
shared/domain/examples.md: a first message, then free-text answers to every question until the
verdict) against the real Rasa server + action server, and prints:

* one user: the median and p95 latency of one turn (user message → every bot message back);
* 16 concurrent users: turns per second, and the median and p95 latency under that load.

    .venv/bin/python bench/bench_conversation.py [--rounds 2] [--users 16]

It starts the stack itself (tests/servers.py, fresh SQLite database, free ports), or uses a
running one when RASA_URL is set (e.g. RASA_URL=http://127.0.0.1:5005 after `make run`).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.stats import ms, percentile, run_users  # noqa: E402

from tests.conversation.helpers import DONT_KNOW, MAX_TURNS, last_ask, verdict  # noqa: E402
from tests.conversation.personas import PERSONAS, answers_of  # noqa: E402
from tests.servers import http_json  # noqa: E402


def say(rasa_url: str, sender: str, text: str) -> tuple:
    start = time.perf_counter()
    status, answer = http_json("POST", f"{rasa_url}/webhooks/rest/webhook",
                               {"sender": sender, "message": text}, timeout=120)
    elapsed = time.perf_counter() - start
    if status != 200 or not isinstance(answer, list):
        raise RuntimeError(f"REST answered {status}: {answer}")
    return answer, elapsed


def play(rasa_url: str, name: str, latencies: list) -> int:
    """One persona until the verdict; appends each turn's latency; returns the turns played."""
    persona, answers = PERSONAS[name], answers_of(name)
    sender = f"bench-{name}-{uuid.uuid4().hex[:8]}"
    reply, elapsed = say(rasa_url, sender, persona["first"])
    latencies.append(elapsed)
    turns = 1
    while verdict(reply) is None and turns <= MAX_TURNS:
        ask = last_ask(reply)
        if ask is None:
            break
        reply, elapsed = say(rasa_url, sender, answers.get(ask["field"], DONT_KNOW))
        latencies.append(elapsed)
        turns += 1
    return turns


def run(rasa_url: str, rounds: int, users: int) -> None:
    names = sorted(PERSONAS)
    # warm-up: the first turns load TensorFlow graphs and the catalogue
    play(rasa_url, names[0], [])

    one = []
    for _ in range(rounds):
        for name in names:
            play(rasa_url, name, one)
    print(f"one user: {len(one)} turns, median {ms(statistics.median(one))}, p95 {ms(percentile(one, 0.95))}, "
          f"max {ms(max(one))}")

    loaded: list = []
    lock = threading.Lock()

    def user(i: int) -> None:
        mine: list = []
        try:
            for r in range(rounds):
                for name in names[i % len(names):] + names[:i % len(names)]:
                    play(rasa_url, name, mine)
        finally:  # the turns measured before an error still count
            with lock:
                loaded.extend(mine)

    wall, errors = run_users(users, user)
    if errors:
        print(f"{len(errors)} user(s) failed, first error: {errors[0]}")
    print(f"{users} concurrent users: {len(loaded)} turns in {wall:.1f} s = {len(loaded) / wall:.1f} turns/s, "
          f"median {ms(statistics.median(loaded))}, p95 {ms(percentile(loaded, 0.95))}, max {ms(max(loaded))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="times each persona is played per user")
    parser.add_argument("--users", type=int, default=16)
    args = parser.parse_args()
    rasa_url = os.environ.get("RASA_URL")
    if rasa_url:
        run(rasa_url.rstrip("/"), args.rounds, args.users)
        return 0
    import subprocess

    from tests.servers import start_stack

    subprocess.run([sys.executable, "-m", "bot.tools.model", "train"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as var:
        stack = start_stack(Path(var))
        try:
            run(stack.rasa_url, args.rounds, args.users)
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
