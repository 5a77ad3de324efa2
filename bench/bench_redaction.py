"""Benchmark of the redaction that runs on every turn (bot/storage/redaction.py).

Run: .venv/bin/python bench/bench_redaction.py [--n 1000]
1 000 messages by default, made from the kinds users send (plain situations, answers with
amounts and dates, and one in four carrying a phone, an e-mail, an IBAN, a card, a NIR, an
address or a name); each is redacted once after a warm-up. Prints the median and p95 of one
``redact_text`` call, and of one ``redact_event`` on the user event Rasa stores.
"""
import argparse
import os
import platform
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.stats import percentile  # noqa: E402
from bot.storage.redaction import redact_event, redact_text  # noqa: E402

PLAIN = [
    "bonjour", "oui", "non merci", "je suis apprentie et je cherche un studio à Rennes",
    "j'ai 19 ans, je gagne 1 300 € net, j'arrive à Rennes le 14 août",
    "mon loyer est de 650 € charges comprises", "je commence mon CDD le 01/09/2026",
    "je suis muté à Marseille en septembre", "c'est quoi la garantie Visale ?",
    "je n'arrive plus à payer mon loyer depuis 3 mois", "l'entreprise a 120 salariés",
    "je sais pas", "pourquoi je n'ai pas droit à Mobili-Jeune ?", "19", "1 450 € brut",
]
PERSONAL = [
    "appelez-moi au 06 12 34 56 78", "mon mail julie.martin@gmail.com",
    "IBAN FR76 3000 6000 0112 3456 7890 189", "carte 4970 1012 3456 7890",
    "sécu 1 85 05 78 006 084 36", "j'habite au 12 rue de la République à Rennes",
    "je m'appelle Julie Martin et j'ai 19 ans", "+33 6 12 34 56 78 le matin",
    "Cordialement,\nJean Dupont",
]


def messages(n, seed=13):
    rnd = random.Random(seed)
    return [rnd.choice(PERSONAL) if rnd.random() < 0.25 else rnd.choice(PLAIN) for _ in range(n)]


def user_event(text):
    return {"event": "user", "timestamp": 1.0, "text": text, "input_channel": "socketio",
            "parse_data": {"text": text, "intent": {"name": "informer", "confidence": 0.93},
                           "entities": [], "intent_ranking": [
                               {"name": f"intent_{i}", "confidence": 0.01} for i in range(10)]},
            "metadata": {"employer": {"sector": "prive_non_agricole", "size": 120}}}


def timed(function, items):
    durations = []
    for item in items:
        start = time.perf_counter()
        function(item)
        durations.append(time.perf_counter() - start)
    return durations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    texts = messages(args.n)
    for text in texts[:100]:  # warm-up: regular expressions and phone metadata loaded
        redact_event(user_event(text))
    text_times = timed(redact_text, texts)
    events = [user_event(text) for text in texts]
    event_times = timed(redact_event, events)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"redaction of {args.n} messages on {platform.node()} ({os.cpu_count()} CPU, "
          f"load {load:.1f}), Python {platform.python_version()}")
    for label, durations in (("redact_text", text_times), ("redact_event (user event)", event_times)):
        print(f"  {label:28s} median {statistics.median(durations) * 1e3:.3f} ms · "
              f"p95 {percentile(durations, 0.95) * 1e3:.3f} ms · "
              f"max {max(durations) * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
