"""Benchmark of one long conversation (issue 14): does a turn cost the same at turn 200 as at
turn 10? Measured on this assistant AND, in the same run, on the bare Rasa bot of
bench/baseline/ (same NLU pipeline and policies, responses only, Rasa's SQL tracker store), so
both curves come from the same machine at the same time.

One conversation of ``--turns`` (400) user messages over REST on each bot, turn by turn in
alternation: the persona TC01 writes its first message and answers every question until the
verdict, then keeps asking the follow-up questions people ask (what is Visale, why not
Mobili-Jeune, a corrected rent, thanks...). The bare bot receives the same texts. Prints, per
window of 20 turns, the median and p95 of a turn for both; the late/early ratio of the median
(turns 181-200 and the last window against turns 1-20) for both; and the resident memory of
each Rasa server after 200 turns and at the end, with their start-up time.

    .venv/bin/python bench/bench_long_conversation.py [--turns 400] [--baseline-store rasa|ours]

It starts both itself on free ports with fresh SQLite databases (trains the bare bot once).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bare_bot import (rss_mb, say, start_assistant, start_baseline,  # noqa: E402
                            uptime)
from bench.stats import percentile  # noqa: E402
from tests.conversation.helpers import DONT_KNOW, last_ask, verdict  # noqa: E402
from tests.conversation.personas import PERSONAS, answers_of  # noqa: E402

WINDOW = 20
FOLLOW_UPS = [
    "c'est quoi Visale ?",
    "pourquoi pas Mobili-Jeune ?",
    "merci",
    "et l'avance Loca-Pass, c'est quoi ?",
    "en fait mon loyer est de 520 euros",
    "pourquoi pas le prêt accession ?",
    "je ne sais pas",
    "en fait mon loyer est de 650 euros charges comprises",
]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f}"


def run(turns: int, baseline_store: str) -> None:
    print(f"machine before the run: {uptime()}")
    with tempfile.TemporaryDirectory() as var:
        var_dir = Path(var)
        (var_dir / "assistant").mkdir()
        stack, assistant = start_assistant(var_dir / "assistant")
        try:
            bare = start_baseline(var_dir, baseline_store)
        except Exception:
            stack.stop()
            raise
        try:
            measure(assistant, bare, turns, baseline_store)
        finally:
            bare.stop()
            stack.stop()
    print(f"machine after the run: {uptime()}")


def measure(assistant, bare, turns: int, baseline_store: str) -> None:
    print(f"start-up (launch → answering): assistant stack {assistant.started_in:.0f} s, "
          f"bare Rasa bot {bare.started_in:.0f} s")
    for server in (assistant, bare):  # warm-up: TensorFlow graphs, catalogue
        for text in ("bonjour", "c'est quoi Visale ?", "merci"):
            say(server.url, f"warmup-{uuid.uuid4().hex[:8]}", text)
    print(f"resident memory after warm-up: assistant {rss_mb(assistant.pid):.0f} MB, "
          f"bare Rasa bot {rss_mb(bare.pid):.0f} MB")
    persona, answers = PERSONAS["TC01"], answers_of("TC01")
    senders = {s.name: f"long-{uuid.uuid4().hex[:10]}" for s in (assistant, bare)}
    times: dict = {assistant.name: [], bare.name: []}
    memory: dict = {}
    text, follow = persona["first"], 0
    for turn in range(1, turns + 1):
        reply, elapsed = say(assistant.url, senders[assistant.name], text)
        times[assistant.name].append(elapsed)
        _, elapsed = say(bare.url, senders[bare.name], text)
        times[bare.name].append(elapsed)
        ask = last_ask(reply)
        if ask is not None and verdict(reply) is None:
            text = answers.get(ask["field"], DONT_KNOW)
        else:
            text, follow = FOLLOW_UPS[follow % len(FOLLOW_UPS)], follow + 1
        if turn == 200:
            memory[200] = (rss_mb(assistant.pid), rss_mb(bare.pid))
        if turn % WINDOW == 0:
            a = times[assistant.name][-WINDOW:]
            b = times[bare.name][-WINDOW:]
            print(f"turns {turn - WINDOW + 1:3d}-{turn:3d}  assistant median {ms(statistics.median(a))} ms "
                  f"p95 {ms(percentile(a, 0.95))} ms | bare Rasa bot median "
                  f"{ms(statistics.median(b))} ms p95 {ms(percentile(b, 0.95))} ms", flush=True)
    memory[turns] = (rss_mb(assistant.pid), rss_mb(bare.pid))
    print()
    print(f"tracker store of the bare Rasa bot: {baseline_store}")
    for name, values in times.items():
        early = statistics.median(values[:WINDOW])
        parts = []
        for start in (180, len(values) - WINDOW):
            if start + WINDOW <= len(values) and start >= WINDOW:
                late = statistics.median(values[start:start + WINDOW])
                parts.append(f"turns {start + 1}-{start + WINDOW} / 1-{WINDOW}: {late / early:.2f}×")
        print(f"{name:14s} median late/early: " + ", ".join(parts)
              + f" (median turns 1-{WINDOW}: {early * 1000:.0f} ms)")
    for turn, (a, b) in sorted(memory.items()):
        print(f"resident memory after {turn} turns: assistant Rasa server {a:.0f} MB, "
              f"bare Rasa bot {b:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=400)
    parser.add_argument("--baseline-store", choices=("rasa", "ours"), default="rasa")
    args = parser.parse_args()
    run(args.turns, args.baseline_store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
