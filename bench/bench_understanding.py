"""Benchmark of the understanding library (actions/understanding): one message read.

Run: .venv/bin/python bench/bench_understanding.py [--rounds 3]
The phrases are those of the persona corpus (tests/conversation/corpus/*.yml): every opening,
every answer (read with its field pending, as the assistant reads it) and every follow-up
question. Each is read once per round after a warm-up, with the cache of normalised texts
emptied before each call (a message is new). Prints the median, p95 and mean of one
``extract_facts`` call.
"""
import argparse
import datetime as dt
import glob
import os
import statistics
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from actions.understanding import extract_facts  # noqa: E402
from actions.understanding.text import norm  # noqa: E402
from bench.stats import percentile  # noqa: E402


def corpus_phrases():
    """(text, pending field or None) of every message of the persona corpus."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/conversation/corpus/*.yml"))):
        data = yaml.safe_load(open(path, encoding="utf-8"))
        personas = data if isinstance(data, list) else [data]
        for persona in personas:
            if not isinstance(persona, dict):
                continue
            if isinstance(persona.get("answers"), dict):
                out += [(str(text), field) for field, text in persona["answers"].items()]
            for key in ("first", "opening"):
                if isinstance(persona.get(key), str):
                    out.append((persona[key], None))
            for follow in persona.get("follow") or ():
                if isinstance(follow, dict) and isinstance(follow.get("ask"), str):
                    out.append((follow["ask"], None))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    today = dt.date(2026, 10, 15)
    phrases = corpus_phrases()
    for text, pending in phrases:  # warm-up: imports, catalogue, compiled patterns
        extract_facts(text, today, pending)
    durations = []
    for _ in range(args.rounds):
        for text, pending in phrases:
            norm.cache_clear()
            start = time.perf_counter()
            extract_facts(text, today, pending)
            durations.append(time.perf_counter() - start)
    print(f"{len(phrases)} phrases x {args.rounds} rounds: extract_facts median "
          f"{statistics.median(durations) * 1000:.2f} ms, p95 {percentile(durations, 0.95) * 1000:.2f} ms, "
          f"mean {statistics.mean(durations) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
