"""The real running stack for conversation, console, widget and integration tests.

Started once per test session (Rasa takes ~20-60 s to start and ~1.2 GB), on free ports and a
fresh SQLite database under a temporary directory, exactly as `make run` starts it
(``python -m bot.tools.serve <component>``).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
# a busy 2-core machine can take minutes to load the model
START_TIMEOUT_S = int(os.environ.get("TEST_START_TIMEOUT_S", "600"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(method: str, url: str, body: Any = None, headers: Optional[dict] = None,
              timeout: float = 30) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    try:
        return status, json.loads(raw) if raw else None
    except json.JSONDecodeError:
        return status, raw.decode(errors="replace")


@dataclass
class Stack:
    env: dict
    var_dir: Path
    processes: dict = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.env['RASA_PORT']}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.env['ACTIONS_PORT']}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.env['WEB_PORT']}"

    @property
    def database_url(self) -> str:
        return self.env["DATABASE_URL"]

    @property
    def rasa_token(self) -> str:
        return self.env["RASA_TOKEN"]

    def say(self, sender: str, message: str, metadata: Optional[dict] = None) -> list[dict]:
        """Send one user message over the REST channel; the bot's messages come back."""
        body = {"sender": sender, "message": message}
        if metadata is not None:
            body["metadata"] = metadata
        status, answer = http_json("POST", f"{self.rasa_url}/webhooks/rest/webhook", body)
        assert status == 200, f"REST channel answered {status}: {answer}"
        return answer

    def tracker(self, sender: str) -> dict:
        status, answer = http_json(
            "GET", f"{self.rasa_url}/conversations/{sender}/tracker",
            headers={"Authorization": f"Bearer {self.rasa_token}"})
        assert status == 200, answer
        return answer

    # -- lifecycle ------------------------------------------------------------------------
    def start(self, component: str, health_url: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        log = open(ARTIFACTS / f"{component}.log", "w")
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.tools.serve", component], cwd=ROOT, env=self.env,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes[component] = (process, health_url, log)

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        pending = dict(self.processes)
        while pending:
            for component, (process, url, log) in list(pending.items()):
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{component} exited with {process.returncode} while starting:\n"
                        + self.log_tail(component))
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            del pending[component]
                except OSError:
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{', '.join(pending)} not up after {START_TIMEOUT_S} s:\n"
                                   + "\n".join(self.log_tail(c) for c in pending))
            time.sleep(0.5)

    def log_tail(self, component: str, lines: int = 40) -> str:
        path = ARTIFACTS / f"{component}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self) -> None:
        for process, _, _ in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process, _, log in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log.close()


def stack_environment(var_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        RASA_PORT=os.environ.get("TEST_RASA_PORT") or str(free_port()),
        ACTIONS_PORT=os.environ.get("TEST_ACTIONS_PORT") or str(free_port()),
        WEB_PORT=os.environ.get("TEST_WEB_PORT") or str(free_port()),
        VAR_DIR=str(var_dir),
        DATABASE_URL=os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{var_dir / 'test.db'}",
        RASA_TOKEN="test-token",
        ACTIONS_TOKEN="test-actions-token",
        REST_TOKEN="test-rest-token",
        # every test logs in from 127.0.0.1: the per-address throttle is tested on its own
        CONSOLE_MAX_FAILURES_PER_ADDRESS="1000",
        SOCKETIO_SECRET="test-socketio-secret",
        # HR callbacks go to a receiver on this machine (loopback is refused otherwise)
        HR_ALLOW_LOCAL_CALLBACKS="1",
        SESSION_SECRET="test-session-secret",
        RASA_TELEMETRY_ENABLED="false",
        # dated conversations (tests/conversation/corpus): metadata {"today": ...} is honoured
        ASSISTANT_TEST_DATES="1",
        PYTHONPATH=str(ROOT),
        # advisors' console (tests/console): advisors always on duty; a test logs one in.
        ADVISOR_HOURS="always",
        # HR integrations: tests/integrations writes this file (re-read by the channel on change).
        INTEGRATIONS_FILE=str(var_dir / "integrations.yml"),
        # Slack configured with test values; its API calls go to a local fake when set.
        SLACK_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET="test-slack-signing-secret",
        SLACK_CHANNEL="",
        SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/",
        SLACK_EMPLOYER='{"sector": "agricole", "size": 60, "contributes": true}',
    )
    return env


def start_stack(var_dir: Path) -> Stack:
    stack = Stack(env=stack_environment(var_dir), var_dir=var_dir)
    # the console's tables (Alembic), as `make run` does before starting the processes
    subprocess.run([sys.executable, "-m", "bot.tools.migrate"], cwd=ROOT, env=stack.env,
                   check=True, stdout=subprocess.DEVNULL)
    stack.start("actions", f"{stack.actions_url}/health")
    stack.start("web", f"{stack.web_url}/health")
    stack.start("rasa", f"{stack.rasa_url}/")
    try:
        stack.wait_until_up()
    except Exception:
        stack.stop()
        raise
    return stack


def socketio_session(client: Any, session_id: Optional[str] = None,
                     token: Optional[str] = None, timeout: float = 15) -> dict:
    """``session_request`` on a connected python-socketio client; the ``session_confirm``
    payload ``{"session_id", "token"}`` (server-issued id, see bot/channels/socketio.py)."""
    import queue

    confirmed: "queue.Queue[Any]" = queue.Queue()
    client.on("session_confirm", confirmed.put)
    body = {}
    if session_id is not None:
        body["session_id"] = session_id
    if token is not None:
        body["token"] = token
    client.emit("session_request", body)
    answer = confirmed.get(timeout=timeout)
    return answer if isinstance(answer, dict) else {"session_id": answer, "token": None}
