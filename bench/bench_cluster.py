"""Cluster throughput: 16 users talking REST through HAProxy, with 2 Rasa replicas and then 1,
in one run (one cluster start; the second replica is put in maintenance through HAProxy's
admin socket for the second measure).

    .venv/bin/python -m bench.bench_cluster [--users 16] [--turns 8]

Starts ``python -m bot.tools.cluster`` (2 Rasa, 2 action servers, 2 web apps) on a temporary
PostgreSQL database (dropped at the end) and Redis db 5, prints for each configuration the
turns per second and the median and p95 of a turn's latency, and the memory of the processes.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cluster.clients import turns  # noqa: E402
from tests.servers import free_port  # noqa: E402


def admin(sock_path: Path, command: str) -> str:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(sock_path))
        sock.sendall(command.encode() + b"\n")
        return sock.recv(65536).decode()


async def measure(base: str, users: int, count: int, tag: str) -> dict:
    latencies: list = []
    failures = 0

    async def user(index: int) -> None:
        nonlocal failures
        sender = f"bench-{tag}-{index}-{secrets.token_hex(3)}"
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=180)) as session:
            for text in turns(sender, count):
                started = time.perf_counter()
                async with session.post(f"{base}/webhooks/rest/webhook",
                                        json={"sender": sender, "message": text}) as reply:
                    await reply.read()
                    if reply.status != 200:
                        failures += 1
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(user(i) for i in range(users)))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {"turns": len(latencies), "failures": failures, "seconds": round(elapsed, 1),
            "turns_per_s": round(len(latencies) / elapsed, 2),
            "median_ms": round(statistics.median(ordered) * 1000),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000)}


def rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--turns", type=int, default=8)
    args = parser.parse_args()
    from sqlalchemy import create_engine, text

    database = f"assistant_i15_bench_{secrets.token_hex(3)}"
    var_dir = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    env = {**os.environ, "RASA_PORT": str(free_port()), "WEB_PORT": str(free_port()),
           "ACTIONS_PORT": str(free_port()), "VAR_DIR": str(var_dir),
           "DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{database}",
           "LOCK_STORE_URL": "redis://127.0.0.1:6379/5",
           "LOCK_STORE_PREFIX": f"i15bench{secrets.token_hex(3)}", "RASA_REPLICAS": "2",
           "ACTIONS_REPLICAS": "2", "PYTHONPATH": str(ROOT)}
    log = open(var_dir / "cluster.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "bot.tools.cluster"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    state_path = var_dir / "cluster" / "cluster.json"
    base = f"http://127.0.0.1:{env['RASA_PORT']}"
    try:
        started = time.monotonic()
        while True:
            if process.poll() is not None:
                raise SystemExit(f"cluster exited; see {var_dir / 'cluster.log'}")
            try:
                state = json.loads(state_path.read_text())
                if all(r["healthy"] for r in state["replicas"]):
                    break
            except (OSError, ValueError):
                pass
            time.sleep(1)
        print(f"cluster ready in {time.monotonic() - started:.0f} s")
        asyncio.run(measure(base, 4, 2, "warm"))
        two = asyncio.run(measure(base, args.users, args.turns, "two"))
        memory = {r["name"]: rss_mb(r["pid"]) for r in json.loads(state_path.read_text())[
            "replicas"] if r["pid"]}
        sock = var_dir / "cluster" / "haproxy.sock"
        for backend in ("rasa_http", "rasa_socketio"):
            admin(sock, f"set server {backend}/rasa-2 state maint")
        one = asyncio.run(measure(base, args.users, args.turns, "one"))
        load = os.getloadavg()
        print(f"{args.users} users x {args.turns} turns, REST through HAProxy "
              f"(load average {load[0]:.1f}, {os.cpu_count()} cores)")
        for label, result in (("2 Rasa replicas", two), ("1 Rasa replica ", one)):
            print(f"{label}: {result['turns_per_s']} turns/s, median {result['median_ms']} ms, "
                  f"p95 {result['p95_ms']} ms, {result['failures']} failed of "
                  f"{result['turns']} ({result['seconds']} s)")
        print("memory (RSS MB): " + ", ".join(f"{k} {v}" for k, v in memory.items()))
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
        engine = create_engine("postgresql://postgres@127.0.0.1:5432/postgres",
                               isolation_level="AUTOCOMMIT", future=True)
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        engine.dispose()


if __name__ == "__main__":
    main()
