"""`make run` supervises the three processes and Ctrl-C (SIGINT) stops them all within 15 s."""
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.servers import ROOT, free_port

pytestmark = pytest.mark.servers


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def all_up(urls) -> bool:
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=2):
                pass
        except OSError:
            return False
    return True


def descendants(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-eo", "pid,ppid"], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines()[1:]:
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return bool(state.stdout.strip()) and not state.stdout.strip().startswith("Z")


def test_ctrl_c_stops_all_three_processes_and_frees_the_ports(tmp_path):
    ports = {name: free_port() for name in ("RASA_PORT", "ACTIONS_PORT", "WEB_PORT")}
    env = dict(os.environ, VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/run.db",
               **{k: str(v) for k, v in ports.items()})
    log = open(tmp_path / "make-run.log", "w")
    # A new session, as a terminal gives `make run` its own process group.
    make = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    urls = [f"http://127.0.0.1:{ports['RASA_PORT']}/",
            f"http://127.0.0.1:{ports['ACTIONS_PORT']}/health",
            f"http://127.0.0.1:{ports['WEB_PORT']}/health"]
    try:
        deadline = time.monotonic() + 240
        while not all_up(urls):
            assert make.poll() is None, (tmp_path / "make-run.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "services not up in 240 s"
            time.sleep(1)
        processes = descendants(make.pid)
        assert len(processes) >= 4  # honcho and the three servers

        os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        stopped_at = time.monotonic() + 15
        while time.monotonic() < stopped_at and (
                make.poll() is None or any(alive(p) for p in processes)):
            time.sleep(0.2)
        left = [p for p in processes if alive(p)]
        assert make.poll() is not None, "make run still running 15 s after Ctrl-C"
        assert not left, f"processes left behind: {left}"
        assert not any(port_in_use(p) for p in ports.values())
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
        for pid in descendants(make.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()
    output = (tmp_path / "make-run.log").read_text()
    assert "rasa.1" in output and "actions.1" in output and "web.1" in output  # prefixed logs


def test_supervisor_reports_which_process_failed(tmp_path):
    """A process that cannot start is named, with its error, and the others are stopped."""
    ports = {name: free_port() for name in ("RASA_PORT", "ACTIONS_PORT", "WEB_PORT")}
    env = dict(os.environ, VAR_DIR=str(tmp_path), **{k: str(v) for k, v in ports.items()})
    env["WEB_PORT"] = "not-a-port"
    result = subprocess.run(
        [str(ROOT / ".venv/bin/honcho"), "--no-colour", "-f", "Procfile", "start"], cwd=ROOT,
        env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "WEB_PORT must be a port number" in result.stdout + result.stderr
    assert re.search(r"\b(web|rasa|actions)\.1 stopped \(rc=1\)", result.stdout)
    assert not any(port_in_use(p) for p in ports.values() if isinstance(p, int))
