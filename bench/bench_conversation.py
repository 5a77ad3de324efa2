"""Benchmark of the conversation over the REST channel: per-turn latency and throughput, for
this assistant and, in the same run, the bare Rasa bot of bench/baseline/ (issue 14).

Plays the French personas of tests/conversation/personas.py (each worked example of
shared/domain/examples.md: a first message, then free-text answers to every question until the
verdict) against the real Rasa server + action server; the bare Rasa bot (same NLU pipeline and
policies, responses only, Rasa's SQL tracker store) receives the very same texts. Prints:

* one user: the median and p95 latency of one turn (user message → every bot message back),
  for both, and the p95 ratio assistant / bare bot;
* 16 concurrent users: turns per second and the median and p95 latency under that load, for
  both, and the throughput ratio assistant / bare bot.

    .venv/bin/python bench/bench_conversation.py [--rounds 2] [--users 16] [--baseline-store rasa|ours]

It starts both itself (fresh SQLite databases, free ports; the bare bot is trained once), or
measures a running assistant alone when RASA_URL is set (e.g. RASA_URL=http://127.0.0.1:5005
after `make run`).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bare_bot import say, start_assistant, start_baseline, uptime  # noqa: E402
from bench.stats import ms, percentile, run_users  # noqa: E402

from tests.conversation.helpers import DONT_KNOW, MAX_TURNS, last_ask, verdict  # noqa: E402
from tests.conversation.personas import PERSONAS, answers_of  # noqa: E402


def play(rasa_url: str, name: str, latencies: list) -> list:
    """One persona until the verdict; appends each turn's latency; returns the texts sent."""
    persona, answers = PERSONAS[name], answers_of(name)
    sender = f"bench-{name}-{uuid.uuid4().hex[:8]}"
    sent = [persona["first"]]
    reply, elapsed = say(rasa_url, sender, persona["first"])
    latencies.append(elapsed)
    while verdict(reply) is None and len(sent) <= MAX_TURNS:
        ask = last_ask(reply)
        if ask is None:
            break
        sent.append(answers.get(ask["field"], DONT_KNOW))
        reply, elapsed = say(rasa_url, sender, sent[-1])
        latencies.append(elapsed)
    return sent


def replay(rasa_url: str, texts: list, latencies: list) -> None:
    """The same texts to another bot, as one conversation."""
    sender = f"bench-replay-{uuid.uuid4().hex[:8]}"
    for text in texts:
        latencies.append(say(rasa_url, sender, text)[1])


def describe(label: str, values: list) -> str:
    return (f"{label}: {len(values)} turns, median {ms(statistics.median(values))}, "
            f"p95 {ms(percentile(values, 0.95))}, max {ms(max(values))}")


def run(rasa_url: str, bare_url, rounds: int, users: int) -> None:
    names = sorted(PERSONAS)
    # warm-up: the first turns load TensorFlow graphs and the catalogue
    script = play(rasa_url, names[0], [])
    if bare_url:
        replay(bare_url, script, [])

    one, one_bare = [], []
    for _ in range(rounds):
        for name in names:  # persona by persona, alternating the two bots
            texts = play(rasa_url, name, one)
            if bare_url:
                replay(bare_url, texts, one_bare)
    print(describe("one user, assistant", one))
    if bare_url:
        print(describe("one user, bare Rasa bot", one_bare))
        print(f"one user: p95 ratio assistant / bare Rasa bot = "
              f"{percentile(one, 0.95) / percentile(one_bare, 0.95):.2f}")

    scripts: dict = {}
    lock = threading.Lock()

    def loaded_run(url, user_turns: list, replaying: bool) -> float:
        def user(i: int) -> None:
            mine: list = []
            try:
                if replaying:
                    for texts in scripts.get(i, []):
                        replay(url, texts, mine)
                    return
                for _ in range(rounds):
                    for name in names[i % len(names):] + names[:i % len(names)]:
                        texts = play(url, name, mine)
                        with lock:
                            scripts.setdefault(i, []).append(texts)
            finally:  # the turns measured before an error still count
                with lock:
                    user_turns.extend(mine)

        wall, errors = run_users(users, user)
        if errors:
            print(f"{len(errors)} user(s) failed, first error: {errors[0]}")
        return wall

    loaded: list = []
    wall = loaded_run(rasa_url, loaded, False)
    print(f"{users} concurrent users, assistant: {len(loaded)} turns in {wall:.1f} s = "
          f"{len(loaded) / wall:.1f} turns/s, median {ms(statistics.median(loaded))}, "
          f"p95 {ms(percentile(loaded, 0.95))}, max {ms(max(loaded))}", flush=True)
    if bare_url:
        loaded_bare: list = []
        wall_bare = loaded_run(bare_url, loaded_bare, True)
        print(f"{users} concurrent users, bare Rasa bot: {len(loaded_bare)} turns in "
              f"{wall_bare:.1f} s = {len(loaded_bare) / wall_bare:.1f} turns/s, median "
              f"{ms(statistics.median(loaded_bare))}, p95 {ms(percentile(loaded_bare, 0.95))}, "
              f"max {ms(max(loaded_bare))}")
        print(f"{users} concurrent users: throughput ratio assistant / bare Rasa bot = "
              f"{(len(loaded) / wall) / (len(loaded_bare) / wall_bare):.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="times each persona is played per user")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--baseline-store", choices=("rasa", "ours"), default="rasa")
    args = parser.parse_args()
    print(f"machine before the run: {uptime()}")
    rasa_url = os.environ.get("RASA_URL")
    if rasa_url:
        run(rasa_url.rstrip("/"), None, args.rounds, args.users)
        return 0
    with tempfile.TemporaryDirectory() as var:
        var_dir = Path(var)
        (var_dir / "assistant").mkdir()
        stack, _ = start_assistant(var_dir / "assistant")
        try:
            bare = start_baseline(var_dir, args.baseline_store)
        except Exception:
            stack.stop()
            raise
        try:
            print(f"tracker store of the bare Rasa bot: {args.baseline_store}")
            run(stack.rasa_url, bare.url, args.rounds, args.users)
        finally:
            bare.stop()
            stack.stop()
    print(f"machine after the run: {uptime()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
