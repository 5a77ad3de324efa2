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

Processes are kept by bot/tools/supervisor.py: one that dies (``kill -9`` included) is started
again on the same port with a backoff (0.5 s, doubled up to 30 s, reset once healthy); HAProxy takes it out while its
health check fails and back once its model is loaded. Ctrl-C (or SIGTERM) stops everything and
frees every port within 30 s. ``var/cluster/cluster.json`` lists the ports and current pids.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from bot import settings
from bot.tools.supervisor import ProcessSpec, Supervisor

TEMPLATE = settings.ROOT / "deploy" / "haproxy" / "haproxy.cfg.j2"
STOP_GRACE_S = 15
BACKOFF_FIRST_S, BACKOFF_MAX_S = 0.5, 30.0
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


@dataclass
class Replica:
    """One process of the cluster: its name, loopback port and health route."""
    name: str
    argv: list
    env: dict
    port: int
    health_url: Optional[str] = None

    def spec(self) -> ProcessSpec:
        return ProcessSpec(self.name, self.argv, env=self.env, health_url=self.health_url,
                           cwd=settings.ROOT)


# -- set-up ----------------------------------------------------------------------------------
def require_database(create: bool = True) -> str:
    url = settings.env_value("DATABASE_URL").strip()
    if not url:
        raise SystemExit("make cluster needs DATABASE_URL, e.g. "
                         "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/assistant")
    url = settings.database_url()
    if not url.startswith("postgresql"):
        raise SystemExit("make cluster needs a PostgreSQL DATABASE_URL (every replica shares it), "
                         f"not {url.split(':', 1)[0]}")
    if create:
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
            # secrets every replica must share (issue 10): actions' token, widget id signatures
            ACTIONS_TOKEN=settings.actions_token(), SOCKETIO_SECRET=settings.socketio_secret(),
            RASA_URL=f"http://127.0.0.1:{self.rasa_port}",
            ACTIONS_URL=f"http://127.0.0.1:{self.actions_port}",
            TICKET_LOCK_LIFETIME=settings.ticket_lock_lifetime(),
            # Sanic waits 15 s for open connections (widgets' sockets) on SIGTERM: 5 s is
            # enough for a turn in progress and keeps Ctrl-C well under 30 s
            SANIC_GRACEFUL_SHUTDOWN_TIMEOUT=env.get("SANIC_GRACEFUL_SHUTDOWN_TIMEOUT", "5"),
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

    def _replica_state(self, replica: Replica) -> dict:
        child = self.supervisor.children[replica.name]
        process = child.process
        alive = process is not None and process.poll() is None
        return {"name": replica.name, "port": replica.port, "healthy": bool(child.healthy and alive),
                "restarts": child.restarts, "pid": process.pid if alive else None}

    def write_state(self) -> None:
        state = {
            "rasa_url": f"http://127.0.0.1:{self.rasa_port}",
            "web_url": f"http://127.0.0.1:{self.web_port}",
            "actions_url": f"http://127.0.0.1:{self.actions_port}",
            "stats_url": f"http://127.0.0.1:{self.stats_port}/",
            "pid": os.getpid(),
            "replicas": [self._replica_state(r) for r in self.replicas + [self.haproxy]],
        }
        tmp = self.dir / "cluster.json.tmp"
        tmp.write_text(json.dumps(state, indent=2))
        tmp.replace(self.dir / "cluster.json")

    def run(self) -> int:
        require_database(create=False)  # the operator's first mistake, said first
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
        everything = self.replicas + [self.haproxy]
        self.supervisor = Supervisor([r.spec() for r in everything], backoff_s=BACKOFF_FIRST_S,
                                     backoff_max_s=BACKOFF_MAX_S, stop_timeout_s=STOP_GRACE_S,
                                     health_interval_s=1.0)
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        self.supervisor.start()
        say("cluster", f"{len(self.rasa)} Rasa, {len(self.actions)} actions, {len(self.web)} web "
                       f"behind HAProxy: Rasa http://{self.host}:{self.rasa_port} · web "
                       f"http://{self.host}:{self.web_port} · status http://127.0.0.1:"
                       f"{self.stats_port}/ · Ctrl-C stops all")
        ready, last_state = False, 0.0
        try:
            while not self.stopping and self.supervisor.failed is None:
                self.supervisor.poll()
                now = time.monotonic()
                if now - last_state >= 1.0:
                    last_state = now
                    if self.supervisor.healthy() != ready:
                        ready = not ready
                        say("cluster", "ready: every replica answers its health check" if ready
                            else "degraded: a replica is down (HAProxy routes around it)")
                    self.write_state()
                time.sleep(0.2)
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            self.supervisor.stop()
            (self.dir / "cluster.json").unlink(missing_ok=True)
            say("cluster", "stopped")
        return 1 if self.supervisor.failed else 0

    def _on_signal(self, signum: int, _frame: object) -> None:
        if not self.stopping:
            say("cluster", f"{signal.Signals(signum).name}: stopping every process")
        self.stopping = True


def main() -> None:
    sys.exit(Cluster().run())


if __name__ == "__main__":
    main()
