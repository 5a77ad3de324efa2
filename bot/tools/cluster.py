"""``make cluster``: the same code as ``make run``, started as replicas behind HAProxy.

In the foreground, every process below this one (no system service):

- ``RASA_REPLICAS`` Rasa servers (default 2), ``ACTIONS_REPLICAS`` action servers (default 2)
  and ``WEB_REPLICAS`` web apps (default 2), each on its own loopback port;
- HAProxy (Debian package) on ``RASA_PORT``, ``WEB_PORT`` and ``ACTIONS_PORT`` in front of them,
  its configuration rendered from ``deploy/haproxy/haproxy.cfg.j2``, a health check on every
  back end, sticky ``/socket.io``;
- on the PostgreSQL of ``DATABASE_URL`` (required; the database is created when missing and
  migrated) and the Redis of ``LOCK_STORE_URL`` (default ``redis://127.0.0.1:6379/1``): the
  lock store, the HR replay guard and the socket.io manager shared by the Rasa replicas.

A process that dies (``kill -9`` included) is started again on the same port with a backoff
(0.5 s, doubled up to 30 s, reset after a minute of good health); HAProxy takes it out while its
health check fails and back once its model is loaded. Ctrl-C (or SIGTERM) stops everything and
frees every port within 30 s. ``var/cluster/cluster.json`` lists the ports and current pids.
"""
from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from bot import settings

TEMPLATE = settings.ROOT / "deploy" / "haproxy" / "haproxy.cfg.j2"
STOP_GRACE_S = 15
BACKOFF_FIRST_S, BACKOFF_MAX_S, HEALTHY_RESET_S = 0.5, 30.0, 60.0
_print_lock = threading.Lock()


def say(name: str, line: str) -> None:
    with _print_lock:
        sys.stdout.write(f"{name:<10}| {line.rstrip()}\n")
        sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:  # runs in the child before exec
    os.setsid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


@dataclass
class Replica:
    """One supervised process: started again with a backoff whenever it exits."""
    name: str
    argv: list
    env: dict
    port: int
    health_url: Optional[str] = None
    process: Optional[subprocess.Popen] = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: Optional[float] = None
    healthy: bool = False
    restarts: int = 0
    _reader: Optional[threading.Thread] = field(default=None, repr=False)

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.argv, cwd=settings.ROOT, env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        self.started_at, self.restart_at, self.healthy = time.monotonic(), None, False
        self._reader = threading.Thread(target=self._copy_output, args=(self.process,),
                                        daemon=True)
        self._reader.start()
        say(self.name, f"started (pid {self.process.pid}, port {self.port})")

    def _copy_output(self, process: subprocess.Popen) -> None:
        for raw in iter(process.stdout.readline, b""):
            say(self.name, raw.decode("utf-8", "replace"))

    def check(self, now: float, stopping: bool) -> None:
        """Notice an exit, schedule and perform restarts, follow health."""
        if self.process is not None and self.process.poll() is not None and self.restart_at is None:
            code = self.process.returncode
            if stopping:
                return
            if now - self.started_at > HEALTHY_RESET_S:
                self.failures = 0
            delay = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** self.failures)
            self.failures += 1
            self.restart_at, self.healthy = now + delay, False
            say(self.name, f"exited with {code}; started again in {delay:g} s")
        if self.restart_at is not None and now >= self.restart_at and not stopping:
            self.restarts += 1
            self.start()

    def probe(self) -> bool:
        if self.health_url is None or self.process is None or self.process.poll() is not None:
            return self.process is not None and self.process.poll() is None
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as answer:
                ok = answer.status == 200
        except OSError:
            ok = False
        if ok and not self.healthy:
            say(self.name, f"healthy after {time.monotonic() - self.started_at:.0f} s")
        self.healthy = ok
        return ok

    def signal(self, signum: int) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:
                pass


# -- set-up ----------------------------------------------------------------------------------
def require_database() -> str:
    url = settings.env_value("DATABASE_URL").strip()
    if not url:
        raise SystemExit("make cluster needs DATABASE_URL, e.g. "
                         "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/assistant")
    url = settings.database_url()
    if not url.startswith("postgresql"):
        raise SystemExit("make cluster needs a PostgreSQL DATABASE_URL (every replica shares it), "
                         f"not {url.split(':', 1)[0]}")
    create_database(url)
    return url


def create_database(url: str) -> None:
    """CREATE DATABASE when the one named by ``url`` does not exist."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT",
                          future=True)
    try:
        with admin.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                        {"n": parsed.database}).scalar()
            if not exists:
                name = parsed.database.replace('"', '""')
                connection.execute(text(f'CREATE DATABASE "{name}"'))
                say("cluster", f"database {parsed.database} created")
    except Exception as error:  # noqa: BLE001 - one clear line for the operator
        raise SystemExit(f"PostgreSQL of DATABASE_URL unreachable: {error}") from None
    finally:
        admin.dispose()


def require_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=3).ping()
    except Exception as error:  # noqa: BLE001
        raise SystemExit(f"Redis of LOCK_STORE_URL ({url}) unreachable: {error}") from None


def render_haproxy(path: Path, context: dict) -> None:
    import jinja2

    template = jinja2.Template(TEMPLATE.read_text(), undefined=jinja2.StrictUndefined)
    path.write_text(template.render(**context) + "\n")


# -- the cluster -----------------------------------------------------------------------------
class Cluster:
    def __init__(self) -> None:
        self.host = settings.host()
        self.rasa_port = settings.port("RASA_PORT")
        self.web_port = settings.port("WEB_PORT")
        self.actions_port = settings.port("ACTIONS_PORT")
        self.dir = settings.VAR_DIR / "cluster"
        self.replicas: list[Replica] = []
        self.stopping = False

    def environment(self, database_url: str, lock_url: str) -> dict:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url, LOCK_STORE_URL=lock_url,
            RASA_TOKEN=settings.rasa_token(), SESSION_SECRET=settings.session_secret(),
            RASA_URL=f"http://127.0.0.1:{self.rasa_port}",
            ACTIONS_URL=f"http://127.0.0.1:{self.actions_port}",
            TICKET_LOCK_LIFETIME=settings.ticket_lock_lifetime(),
            SQL_POOL_SIZE=env.get("SQL_POOL_SIZE", "5"),
            SQL_MAX_OVERFLOW=env.get("SQL_MAX_OVERFLOW", "10"),
            RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONUNBUFFERED="1",
            PYTHONPATH=str(settings.ROOT), VAR_DIR=str(settings.VAR_DIR),
        )
        return env

    def plan(self, env: dict) -> None:
        python = sys.executable

        def add(kind: str, count: int, port_var: str, health: str, extra: dict) -> list[Replica]:
            made = []
            for index in range(1, count + 1):
                port = free_port()
                child = {**env, **extra, port_var: str(port)}
                replica = Replica(f"{kind}-{index}", [python, "-m", "bot.tools.serve", kind],
                                  child, port, f"http://127.0.0.1:{port}{health}")
                made.append(replica)
            self.replicas.extend(made)
            return made

        balancer = {"RASA_PORT": str(self.rasa_port), "WEB_PORT": str(self.web_port),
                    "ACTIONS_PORT": str(self.actions_port)}
        self.actions = add("actions", settings.actions_replicas(), "ACTIONS_PORT", "/health",
                           {**balancer, "HOST": "127.0.0.1"})
        self.rasa = add("rasa", settings.rasa_replicas(), "RASA_PORT", "/",
                        {**balancer, "HOST": "127.0.0.1"})
        self.web = add("web", settings.web_replicas(), "WEB_PORT", "/health",
                       {**balancer, "HOST": "127.0.0.1"})
        stats_port = settings.cluster_stats_port() or free_port()
        config = self.dir / "haproxy.cfg"
        render_haproxy(config, {
            "host": self.host, "rasa_port": self.rasa_port, "web_port": self.web_port,
            "actions_port": self.actions_port, "stats_port": stats_port,
            "stats_socket": str(self.dir / "haproxy.sock"),
            "rasa": self.rasa, "web": self.web, "actions": self.actions})
        check = subprocess.run([settings.haproxy_binary(), "-c", "-q", "-f", str(config)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"HAProxy refuses {config}:\n{check.stdout}{check.stderr}")
        self.haproxy = Replica("haproxy", [settings.haproxy_binary(), "-db", "-f", str(config)],
                               env, stats_port, f"http://127.0.0.1:{stats_port}/")
        self.stats_port = stats_port

    def write_state(self) -> None:
        state = {
            "rasa_url": f"http://127.0.0.1:{self.rasa_port}",
            "web_url": f"http://127.0.0.1:{self.web_port}",
            "actions_url": f"http://127.0.0.1:{self.actions_port}",
            "stats_url": f"http://127.0.0.1:{self.stats_port}/",
            "pid": os.getpid(),
            "replicas": [{"name": r.name, "port": r.port, "healthy": r.healthy,
                          "restarts": r.restarts,
                          "pid": r.process.pid if r.process and r.process.poll() is None else None}
                         for r in self.replicas + [self.haproxy]],
        }
        tmp = self.dir / "cluster.json.tmp"
        tmp.write_text(json.dumps(state, indent=2))
        tmp.replace(self.dir / "cluster.json")

    def run(self) -> int:
        if shutil.which(settings.haproxy_binary()) is None:
            raise SystemExit("HAProxy is not installed: `make cluster` installs it "
                             "(apt-get install haproxy)")
        from bot.tools.model import model_path

        if not model_path().exists():
            raise SystemExit("No trained model for the current data: run `make setup` first.")
        for port in (self.rasa_port, self.web_port, self.actions_port):
            if not port_is_free(self.host if port != self.actions_port else "127.0.0.1", port):
                raise SystemExit(f"port {port} is already in use: stop what listens there or "
                                 "choose RASA_PORT / WEB_PORT / ACTIONS_PORT")
        database_url = require_database()
        lock_url = settings.lock_store_url() or settings.DEFAULT_LOCK_STORE_URL
        require_redis(lock_url)
        self.dir.mkdir(parents=True, exist_ok=True)
        env = self.environment(database_url, lock_url)
        migrate = subprocess.run([sys.executable, "-m", "bot.tools.migrate"], cwd=settings.ROOT,
                                 env=env, capture_output=True, text=True)
        if migrate.returncode != 0:
            raise SystemExit(f"migrations failed:\n{migrate.stdout}{migrate.stderr}")
        self.plan(env)
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        for replica in self.replicas + [self.haproxy]:
            replica.start()
        say("cluster", f"{len(self.rasa)} Rasa, {len(self.actions)} actions, {len(self.web)} web "
                       f"behind HAProxy: Rasa http://{self.host}:{self.rasa_port} · web "
                       f"http://{self.host}:{self.web_port} · status http://127.0.0.1:"
                       f"{self.stats_port}/ · Ctrl-C stops all")
        ready = False
        last_probe = 0.0
        while not self.stopping:
            now = time.monotonic()
            for replica in self.replicas + [self.haproxy]:
                replica.check(now, self.stopping)
            if now - last_probe >= 1.0:
                last_probe = now
                healthy = [r.probe() for r in self.replicas + [self.haproxy]]
                if all(healthy) and not ready:
                    ready = True
                    say("cluster", "ready: every replica answers its health check")
                self.write_state()
            time.sleep(0.2)
        return self.stop()

    def _on_signal(self, signum: int, _frame: object) -> None:
        if not self.stopping:
            say("cluster", f"{signal.Signals(signum).name}: stopping every process")
        self.stopping = True

    def stop(self) -> int:
        everything = self.replicas + [self.haproxy]
        for replica in everything:
            replica.signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for replica in everything:
            if replica.process is None:
                continue
            try:
                replica.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(replica.name, "did not stop in time: killed")
                replica.signal(signal.SIGKILL)
                replica.process.wait()
        (self.dir / "cluster.json").unlink(missing_ok=True)
        say("cluster", "stopped")
        return 0


def main() -> None:
    sys.exit(Cluster().run())


if __name__ == "__main__":
    main()
