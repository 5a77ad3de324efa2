"""Benchmark of the signed HR webhook: acceptance time and time to the signed callback.

Against the real Rasa server + action server (started here on free ports with a fresh SQLite
database and a test integrations file), it prints:

* one user: median and p95 of the ``202`` answer (POST → accepted) and of the whole turn
  (POST → the signed callback with the replies received and verified);
* N concurrent users (default 16): turns per second, median and p95 of the whole turn.

Each user plays the same short conversation (greeting, a first message in the person's own
words, then "non" to the questions) several times.

    .venv/bin/python bench/bench_hr_webhook.py [--turns 30] [--users 16]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.stats import ms, percentile, run_users  # noqa: E402

from tests.integrations.conftest import HR, write_integrations  # noqa: E402
from tests.integrations.receiver import Receiver, callback_for  # noqa: E402
from tests.servers import free_port, start_stack  # noqa: E402

SCRIPT = ["Bonjour",
          "je suis apprentie, j'ai 19 ans, je touche 1050 euros et je cherche un studio à louer",
          "non", "non", "non", "non"]


def turn(hr: HR, sender: str, text: str) -> tuple[float, float]:
    start = time.perf_counter()
    message_id = hr.send("acme", sender, text)
    accepted = time.perf_counter() - start
    hr.reply("acme", message_id, timeout=300)  # waits for the callback, checks the signature
    return accepted, time.perf_counter() - start


def conversation(hr: HR, turns: int, accepted: list, whole: list) -> None:
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    for i in range(turns):
        if i and i % len(SCRIPT) == 0:
            sender = f"bench-{uuid.uuid4().hex[:10]}"
        a, w = turn(hr, sender, SCRIPT[i % len(SCRIPT)])
        accepted.append(a)
        whole.append(w)


def run(hr: HR, turns: int, users: int) -> None:
    conversation(hr, len(SCRIPT), [], [])  # warm-up
    accepted, whole = [], []
    conversation(hr, turns, accepted, whole)
    print(f"one user: {len(whole)} turns; 202 median {ms(statistics.median(accepted))}, "
          f"p95 {ms(percentile(accepted, 0.95))}; callback median {ms(statistics.median(whole))}, "
          f"p95 {ms(percentile(whole, 0.95))}")
    loaded_accepted, loaded_whole, lock = [], [], threading.Lock()

    def user(i: int) -> None:
        a, w = [], []
        try:
            conversation(hr, turns, a, w)
        finally:  # the turns measured before an error still count
            with lock:
                loaded_accepted.extend(a)
                loaded_whole.extend(w)

    wall, errors = run_users(users, user)
    if errors:
        print(f"{len(errors)} user(s) failed, first error: {errors[0]}")
    print(f"{users} concurrent users: {len(loaded_whole)} turns in {wall:.1f} s = "
          f"{len(loaded_whole) / wall:.1f} turns/s; 202 median "
          f"{ms(statistics.median(loaded_accepted))}, p95 {ms(percentile(loaded_accepted, 0.95))}; "
          f"callback median {ms(statistics.median(loaded_whole))}, "
          f"p95 {ms(percentile(loaded_whole, 0.95))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=30, help="turns per user")
    parser.add_argument("--users", type=int, default=16)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "bot.tools.model", "train"], cwd=ROOT, check=True)
    receiver = Receiver()
    with tempfile.TemporaryDirectory() as var:
        stack = start_stack(Path(var))
        try:
            write_integrations(Path(stack.env["INTEGRATIONS_FILE"]),
                               {"acme": f"{receiver.url}/callback"})
            hr = HR(stack=stack, receivers={"acme": receiver}, client_port=free_port())
            deadline = time.monotonic() + 30
            while hr.post({"integration": "acme"})[0] == 404 and time.monotonic() < deadline:
                time.sleep(0.2)
            run(hr, args.turns, args.users)
        finally:
            stack.stop()
            receiver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
