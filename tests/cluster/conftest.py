"""One real cluster for tests/cluster: ``make cluster`` with 2 Rasa, 2 action servers and 2 web
apps behind HAProxy, on a PostgreSQL database and a Redis of this machine reached through TCP
proxies the tests can cut (a PostgreSQL restart or a Redis stop without touching the services
the other developers use). Started once per module (~3-6 min, ~3.5 GB).
"""
from __future__ import annotations

import json
import os
import secrets
import selectors
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest
import yaml

from tests.integrations.receiver import Receiver, Received
from tests.servers import ARTIFACTS, ROOT, free_port, http_json

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_DB = 6
START_TIMEOUT_S = 900
HR_SECRET = "cluster-test-secret-0123456789"


class TcpProxy:
    """Forwards a local port to ``target``; ``cut()`` drops every connection and refuses new
    ones until ``restore()`` (the service looks stopped, then restarted)."""

    def __init__(self, target: tuple) -> None:
        self.target = target
        self.port = free_port()
        self.open = True
        self._pairs: list = []
        self._lock = threading.Lock()
        self._listener: Optional[socket.socket] = None
        self._listen()
        threading.Thread(target=self._pump, daemon=True).start()

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))

    def _pump(self) -> None:
        while True:
            with self._lock:
                pairs = list(self._pairs)
            if not pairs:
                time.sleep(0.01)
                continue
            selector = selectors.DefaultSelector()
            for a, b in pairs:
                for s, other in ((a, b), (b, a)):
                    try:
                        selector.register(s, selectors.EVENT_READ, (other, (a, b)))
                    except (ValueError, KeyError, OSError):
                        pass
            for key, _ in selector.select(timeout=0.05):
                other, pair = key.data
                try:
                    data = key.fileobj.recv(65536)
                    if data:
                        other.sendall(data)
                        continue
                except OSError:
                    pass
                self._drop(pair)
            selector.close()

    def _drop(self, pair: tuple) -> None:
        with self._lock:
            if pair in self._pairs:
                self._pairs.remove(pair)
        for s in pair:
            try:
                s.close()
            except OSError:
                pass

    def cut(self) -> None:
        self.open = False
        if self._listener is not None:
            try:  # wakes the thread blocked in accept(): close() alone leaves it accepting
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            pairs, self._pairs = list(self._pairs), []
        for pair in pairs:
            for s in pair:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass

    def restore(self) -> None:
        if not self.open:
            self._listen()
            self.open = True


class FakeApi(Receiver):
    """Records POSTs like Receiver; answers a Microsoft token on the OAuth path (Teams)."""

    def __init__(self) -> None:
        super().__init__()
        api = self

        handler = self.server.RequestHandlerClass

        def do_POST(request) -> None:  # noqa: N802
            length = int(request.headers.get("Content-Length") or 0)
            body = request.rfile.read(length)
            with api._condition:
                api.requests.append(Received(request.path, dict(request.headers), body,
                                             time.monotonic()))
                api._condition.notify_all()
            if "oauth2" in request.path:
                payload = json.dumps({"access_token": "fake", "expires_in": 3600}).encode()
            else:
                payload = b'{"ok": true, "id": "1", "ts": "1"}'
            request.send_response(200)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(payload)))
            request.end_headers()
            request.wfile.write(payload)

        handler.do_POST = do_POST


def _pg(sql: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT", future=True)
    with engine.connect() as connection:
        connection.execute(text(sql))
    engine.dispose()


@dataclass
class Cluster:
    env: dict
    process: subprocess.Popen
    state_path: Path
    database: str
    pg_proxy: TcpProxy
    redis_proxy: TcpProxy
    receivers: dict = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.env['RASA_PORT']}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.env['WEB_PORT']}"

    @property
    def token(self) -> str:
        return self.env["RASA_TOKEN"]

    @property
    def direct_database_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:5432/{self.database}"

    def state(self) -> dict:
        return json.loads(self.state_path.read_text())

    def replica(self, name: str) -> dict:
        return next(r for r in self.state()["replicas"] if r["name"] == name)

    def url_of(self, name: str) -> str:
        return f"http://127.0.0.1:{self.replica(name)['port']}"

    def wait_healthy(self, timeout: float = START_TIMEOUT_S, since_restarts: Optional[dict] = None
                     ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("make cluster exited:\n" + self.log_tail())
            try:
                replicas = self.state()["replicas"]
            except (OSError, ValueError):
                replicas = []
            if replicas and all(r["healthy"] and r["pid"] for r in replicas) and all(
                    self.replica(n)["restarts"] > c for n, c in (since_restarts or {}).items()):
                return
            time.sleep(1)
        raise RuntimeError("cluster not healthy in time:\n" + self.log_tail())

    def log_tail(self, lines: int = 60) -> str:
        path = ARTIFACTS / "cluster.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def user_texts(self, sender: str) -> list:
        """The user messages stored in PostgreSQL for a conversation, in stored order."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.direct_database_url, future=True)
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                {"s": sender}).all()
        engine.dispose()
        return [json.loads(row[0]).get("text") for row in rows]

    def say(self, sender: str, message: str, tries: int = 6) -> list:
        """A REST turn through the balancer; like a client, tries again on 5xx / no answer."""
        last = None
        for attempt in range(tries):
            try:
                status, answer = http_json("POST", f"{self.rasa_url}/webhooks/rest/webhook",
                                           {"sender": sender, "message": message}, timeout=150)
            except OSError as error:
                status, answer = 0, str(error)
            if status == 200:
                return answer
            last = (status, answer)
            time.sleep(2 + 2 * attempt)
        raise AssertionError(f"turn {message!r} of {sender} never answered: {last}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("cluster-var")
    database = f"assistant_i15_cluster_{secrets.token_hex(4)}"
    pg_proxy = TcpProxy(("127.0.0.1", 5432))
    redis_proxy = TcpProxy(("127.0.0.1", 6379))
    receivers = {"hr": Receiver(), "slack": FakeApi(), "teams": FakeApi()}
    integrations = var_dir / "integrations.yml"
    integrations.write_text(yaml.safe_dump([{
        "id": "acme", "secret": HR_SECRET, "callback_url": f"{receivers['hr'].url}/callback",
        "employer": {"sector": "prive_non_agricole", "size": 250, "contributes": True}}]))
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(free_port()), WEB_PORT=str(free_port()), ACTIONS_PORT=str(free_port()),
        VAR_DIR=str(var_dir),
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:{pg_proxy.port}/{database}",
        LOCK_STORE_URL=f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}",
        LOCK_STORE_PREFIX=f"i15test{secrets.token_hex(4)}",
        RASA_TOKEN="cluster-test-token", SESSION_SECRET="cluster-test-session-secret",
        ADVISOR_HOURS="always", INTEGRATIONS_FILE=str(integrations), HR_ALLOW_LOCAL_CALLBACKS="1",
        SLACK_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="test-slack-signing-secret",
        SLACK_CHANNEL="", SLACK_API_URL=f"{receivers['slack'].url}/api/",
        BOTFRAMEWORK_APP_ID="test-app-id", BOTFRAMEWORK_APP_PASSWORD="test-app-password",
        BOTFRAMEWORK_OAUTH_URL=receivers["teams"].url,
        PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false",
    )
    env.pop("ACTIONS_URL", None)
    env.pop("RASA_URL", None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "cluster.log", "w")
    process = subprocess.Popen(["make", "--no-print-directory", "cluster"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    running = Cluster(env, process, var_dir / "cluster" / "cluster.json", database, pg_proxy,
                      redis_proxy, receivers)
    try:
        running.wait_healthy()
        subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "bot.tools.advisor", "camille",
                        "--name", "Camille Martin"], cwd=ROOT, check=True,
                       env={**env, "ADVISOR_PASSWORD": "mot-de-passe-de-test-1"},
                       stdout=subprocess.DEVNULL)
        yield running
    finally:
        pg_proxy.restore()
        redis_proxy.restore()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()
        for receiver in receivers.values():
            receiver.close()
        try:
            _pg(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        except Exception:  # noqa: BLE001 - best effort
            pass
