"""Run several server processes in the foreground and keep them running (`make run`).

A small process supervisor that replaces honcho:

- each process runs in its own process group, its output is copied line by line with a
  ``<name>.<n> |`` prefix (``rasa.1 | ...``);
- a process that exits (crash, ``kill -9``, out of memory) is logged with its exit code and
  started again after a backoff (1 s, doubled up to 30 s; back to 1 s once it has been
  healthy); the other processes keep serving meanwhile;
- a process that keeps failing before it ever becomes healthy (``give_up_after`` quick
  failures in a row: a configuration error) is given up: everything is stopped and the
  supervisor exits 1, naming it;
- SIGINT (Ctrl-C) or SIGTERM stops every process (SIGTERM to its group, SIGKILL after
  ``stop_timeout_s``) and the supervisor exits 0 once all ports are free.

Reusable API (``make cluster`` builds on it)::

    from bot.tools.supervisor import ProcessSpec, Supervisor
    specs = [ProcessSpec("web", [python, "-m", "uvicorn", ...], env=env,
                         health_url="http://127.0.0.1:8000/health")]
    raise SystemExit(Supervisor(specs).run())

``Supervisor.start()`` / ``poll()`` / ``stop()`` drive it step by step (e.g. from a test or
another loop); ``run()`` does the whole foreground life with signal handling.
Command line: ``python -m bot.tools.supervisor [rasa actions web]`` (default: all three,
started with ``bot.tools.serve``).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Optional, Sequence

DEFAULT_BACKOFF_S = 1.0
DEFAULT_BACKOFF_MAX_S = 30.0
QUICK_FAILURE_S = 10.0      # a process dying sooner than this, never healthy, failed to start


@dataclass
class ProcessSpec:
    """One process to keep running.

    ``name`` prefixes its log lines (``name.1``); ``argv`` is executed as is (no shell) with
    ``env`` (default: the supervisor's environment) in ``cwd``; ``health_url`` answers 200
    once it serves (used to log readiness, reset the backoff and, with
    ``liveness_timeout_s``, restart a process that stopped answering).
    """
    name: str
    argv: Sequence[str]
    env: Optional[dict] = None
    health_url: Optional[str] = None
    cwd: Optional[Path] = None
    liveness_timeout_s: Optional[float] = None  # healthy, then silent this long: restarted
    stop_signal: int = signal.SIGTERM


@dataclass
class _Child:
    spec: ProcessSpec
    process: Optional[subprocess.Popen] = None
    started_at: float = 0.0
    healthy: bool = False
    last_healthy_at: float = 0.0
    restart_at: Optional[float] = None
    backoff_s: float = DEFAULT_BACKOFF_S
    quick_failures: int = 0
    restarts: int = 0
    readers: list = field(default_factory=list)
    checking: bool = False


class Supervisor:
    """Start, watch, restart and stop a set of processes (see the module docstring)."""

    def __init__(self, specs: Sequence[ProcessSpec], *, backoff_s: float = DEFAULT_BACKOFF_S,
                 backoff_max_s: float = DEFAULT_BACKOFF_MAX_S, give_up_after: int = 5,
                 stop_timeout_s: float = 8.0, health_interval_s: float = 2.0,
                 output: Optional[IO[str]] = None,
                 on_event: Optional[Callable[[str, str], None]] = None) -> None:
        names = [spec.name for spec in specs]
        if len(set(names)) != len(names):
            raise ValueError(f"process names must be unique: {names}")
        self.children = {spec.name: _Child(spec, backoff_s=backoff_s) for spec in specs}
        self.backoff_s = backoff_s
        self.backoff_max_s = backoff_max_s
        self.give_up_after = give_up_after
        self.stop_timeout_s = stop_timeout_s
        self.health_interval_s = health_interval_s
        self.output = output or sys.stdout
        self.on_event = on_event
        self._write_lock = threading.Lock()
        self._stopping = threading.Event()
        self.failed: Optional[str] = None  # name of a process given up

    # -- output --------------------------------------------------------------------------
    def _line(self, prefix: str, text: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        with self._write_lock:
            try:
                self.output.write(f"{stamp} {prefix:<12} | {text}\n")
                self.output.flush()
            except (ValueError, OSError):  # output closed while stopping
                pass

    def log(self, name: str, message: str) -> None:
        """A supervisor line about process ``name`` (``name.1 stopped (rc=-9)...``)."""
        self._line("supervisor", f"{name}.1 {message}")
        if self.on_event is not None:
            self.on_event(name, message)

    def _copy_output(self, name: str, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            self._line(f"{name}.1", raw.decode("utf-8", "replace").rstrip("\n"))
        stream.close()

    # -- one process ---------------------------------------------------------------------
    def _spawn(self, child: _Child) -> None:
        spec = child.spec
        try:
            child.process = subprocess.Popen(
                list(spec.argv), env=spec.env if spec.env is not None else None,
                cwd=str(spec.cwd) if spec.cwd else None, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        except OSError as error:
            child.process = None
            self.log(spec.name, f"could not start: {error}")
            self._schedule_restart(child, quick=True)
            return
        child.started_at = time.monotonic()
        child.healthy = False
        child.restart_at = None
        reader = threading.Thread(target=self._copy_output, args=(spec.name, child.process.stdout),
                                  daemon=True)
        reader.start()
        child.readers = [reader]
        self.log(spec.name, f"started (pid {child.process.pid})"
                 + (f", restart {child.restarts}" if child.restarts else ""))

    def _schedule_restart(self, child: _Child, quick: bool) -> None:
        if quick:
            child.quick_failures += 1
        else:
            child.quick_failures = 0
        if self.give_up_after and child.quick_failures >= self.give_up_after:
            self.failed = child.spec.name
            self.log(child.spec.name, f"failed {child.quick_failures} times in a row before "
                     "serving: given up, stopping everything")
            self._stopping.set()
            return
        delay = child.backoff_s
        child.backoff_s = min(child.backoff_s * 2, self.backoff_max_s)
        child.restart_at = time.monotonic() + delay
        child.restarts += 1
        self.log(child.spec.name, f"restarting in {delay:g} s")

    def _check_health(self, child: _Child) -> None:
        url = child.spec.health_url
        ok = False
        try:
            with urllib.request.urlopen(url, timeout=3) as reply:
                ok = reply.status == 200
        except OSError:
            ok = False
        finally:
            child.checking = False
        now = time.monotonic()
        process = child.process
        if process is None or process.poll() is not None:
            return
        if ok:
            if not child.healthy:
                self.log(child.spec.name, f"ready ({url}) after "
                         f"{now - child.started_at:.0f} s")
            child.healthy = True
            child.last_healthy_at = now
            child.backoff_s = self.backoff_s
            child.quick_failures = 0
        elif (child.healthy and child.spec.liveness_timeout_s
              and now - child.last_healthy_at > child.spec.liveness_timeout_s):
            self.log(child.spec.name, f"no answer from {url} for "
                     f"{now - child.last_healthy_at:.0f} s: killed to be restarted")
            self._signal_group(process, signal.SIGKILL)

    # -- the loop --------------------------------------------------------------------------
    def start(self) -> None:
        for child in self.children.values():
            self._spawn(child)
        self._last_health = 0.0

    def poll(self) -> None:
        """One supervision step: reap, restart when due, check health."""
        now = time.monotonic()
        for child in self.children.values():
            process = child.process
            if process is not None and process.poll() is not None:
                rc = process.returncode
                lived = now - child.started_at
                child.process = None
                self.log(child.spec.name, f"stopped (rc={rc}) after {lived:.0f} s")
                if self._stopping.is_set():
                    continue
                self._schedule_restart(child, quick=not child.healthy and lived < QUICK_FAILURE_S)
            elif process is None and child.restart_at is not None and now >= child.restart_at \
                    and not self._stopping.is_set():
                self._spawn(child)
        if now - getattr(self, "_last_health", 0.0) >= self.health_interval_s:
            self._last_health = now
            for child in self.children.values():
                if child.spec.health_url and child.process is not None and not child.checking:
                    child.checking = True
                    threading.Thread(target=self._check_health, args=(child,),
                                     daemon=True).start()

    def healthy(self) -> bool:
        """Every process with a health URL answered it since it last started."""
        return all(child.healthy for child in self.children.values()
                   if child.spec.health_url)

    @staticmethod
    def _signal_group(process: subprocess.Popen, sig: int) -> None:
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            try:
                process.send_signal(sig)
            except ProcessLookupError:
                pass

    def stop(self) -> None:
        """SIGTERM every process group, SIGKILL those still alive after ``stop_timeout_s``."""
        self._stopping.set()
        running = [c for c in self.children.values() if c.process is not None]
        for child in running:
            if child.process.poll() is None:
                self.log(child.spec.name, "stopping")
                self._signal_group(child.process, child.spec.stop_signal)
        deadline = time.monotonic() + self.stop_timeout_s
        for child in running:
            process = child.process
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.log(child.spec.name, f"still running {self.stop_timeout_s:g} s after "
                         "SIGTERM: killed")
                self._signal_group(process, signal.SIGKILL)
                process.wait()
            # anything left in the group (grandchildren) goes too
            self._signal_group(process, signal.SIGKILL)
            self.log(child.spec.name, f"stopped (rc={process.returncode})")
            child.process = None
        for child in running:
            for reader in child.readers:
                reader.join(timeout=1)

    def request_stop(self, *_: object) -> None:
        """Signal handler: ask the loop of ``run()`` to stop everything."""
        self._stopping.set()

    def run(self, interval_s: float = 0.2) -> int:
        """Supervise until SIGINT/SIGTERM (exit code 0) or a process is given up (1)."""
        previous = {sig: signal.signal(sig, self.request_stop)
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.start()
            while not self._stopping.is_set():
                self.poll()
                self._stopping.wait(interval_s)
            self.poll()  # log what died meanwhile
        finally:
            # a second Ctrl-C while stopping must not leave processes behind
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.failed:
            self._line("supervisor", f"{self.failed}.1 could not be started: see its log above")
            return 1
        return 0


# -- `make run` --------------------------------------------------------------------------------
def service_specs(components: Sequence[str] = ("rasa", "actions", "web")) -> list[ProcessSpec]:
    """The specs of the assistant's processes, started as ``python -m bot.tools.serve``."""
    from bot import settings
    from bot.tools import serve

    env = serve.base_environment()
    health = {"rasa": f"http://127.0.0.1:{settings.port('RASA_PORT')}/",
              "actions": f"http://127.0.0.1:{settings.port('ACTIONS_PORT')}/health",
              "web": f"http://127.0.0.1:{settings.port('WEB_PORT')}/health"}
    specs = []
    for component in components:
        serve.command(component)  # a configuration error is reported now, before starting
        specs.append(ProcessSpec(component, [sys.executable, "-m", "bot.tools.serve", component],
                                 env=env, health_url=health[component], cwd=settings.ROOT))
    return specs


def main(argv: Optional[Sequence[str]] = None) -> int:
    from bot.tools import serve

    components = list(argv if argv is not None else sys.argv[1:]) or list(serve.COMPONENTS)
    unknown = [c for c in components if c not in serve.COMPONENTS]
    if unknown:
        print(f"unknown component(s) {', '.join(unknown)}; choose among "
              f"{', '.join(serve.COMPONENTS)}", file=sys.stderr)
        return 2
    try:
        specs = service_specs(components)
    except SystemExit as error:  # settings refused a value: say which, start nothing
        print(error, file=sys.stderr)
        return 1
    return Supervisor(specs).run()


if __name__ == "__main__":
    raise SystemExit(main())
