"""What the issue-14 benchmarks share: the bare Rasa bot (bench/baseline/) started beside the
assistant's stack, REST turns, resident memory and the machine's load.

The bare bot is a real ``rasa run`` of the baseline model, with the same process environment
as the assistant's Rasa server (bot/tools/serve.py), its own SQLite file and, by default,
Rasa's own SQLTrackerStore (``--baseline-store rasa``: Rasa as it comes); ``--baseline-store
ours`` gives it this project's tracker store instead.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.servers import free_port, http_json  # noqa: E402

START_TIMEOUT_S = 600


@dataclass
class Server:
    name: str
    url: str
    pid: int
    started_in: float  # seconds from launch to answering
    process: Optional[subprocess.Popen] = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def wait_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited while starting:\n" + log.read_text()[-3000:])
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {START_TIMEOUT_S} s")


def start_baseline(var_dir: Path, store: str = "rasa") -> Server:
    """The bare Rasa bot on a free port, its tracker store in var_dir (trained once)."""
    from bench.baseline.build import project_dir, train
    from bot.tools.serve import base_environment

    model = train()
    project = project_dir()
    database = var_dir / "baseline.db"
    if store == "ours":
        tracker = ("tracker_store:\n  type: bot.storage.tracker_store.UrlSQLTrackerStore\n"
                   f"  url: sqlite:///{database}\n")
    else:
        tracker = f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {database}\n"
    endpoints = var_dir / "baseline-endpoints.yml"
    endpoints.write_text(tracker, encoding="utf-8")
    port = free_port()
    env = base_environment()
    env["DATABASE_URL"] = f"sqlite:///{database}"
    log = var_dir / "baseline.log"
    launched = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "rasa", "run", "--model", str(model), "--endpoints", str(endpoints),
         "--credentials", str(project / "credentials.yml"), "--interface", "127.0.0.1",
         "--port", str(port), "--enable-api", "--auth-token", "bench"],
        cwd=project, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT,
        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_up(url, process, log)
    except Exception:
        Server("bare Rasa bot", url, process.pid, 0.0, process).stop()
        raise
    return Server("bare Rasa bot", url, process.pid, time.monotonic() - launched, process)


def start_assistant(var_dir: Path):
    """The assistant's stack (Rasa, action server, web app) and its Rasa server."""
    from tests.servers import start_stack

    subprocess.run([sys.executable, "-m", "bot.tools.model", "train"], cwd=ROOT, check=True)
    launched = time.monotonic()
    stack = start_stack(var_dir)
    process = stack.processes["rasa"][0]
    return stack, Server("assistant", stack.rasa_url, process.pid, time.monotonic() - launched)


def say(url: str, sender: str, text: str) -> tuple[list, float]:
    start = time.perf_counter()
    status, answer = http_json("POST", f"{url}/webhooks/rest/webhook",
                               {"sender": sender, "message": text}, timeout=300)
    elapsed = time.perf_counter() - start
    if status != 200 or not isinstance(answer, list):
        raise RuntimeError(f"REST answered {status}: {answer}")
    return answer, elapsed


def rss_mb(pid: int) -> float:
    """Resident memory of a process (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" 1")[0].strip() if Path(
        "/proc/loadavg").exists() else "?"


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load " + load()
