"""The supervisor (bot/tools/supervisor.py) on tiny HTTP servers: restart, backoff, stop."""
from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading

import pytest

from bot.tools.supervisor import ProcessSpec, Supervisor
from tests.foundation.supervisor_helpers import (alive, answers, port_in_use, tiny_server_argv,
                                                 wait_for)
from tests.servers import ROOT, free_port


class Running:
    """A supervisor driven in a thread, as run() would, without touching signal handlers."""

    def __init__(self, specs, **options):
        self.output = io.StringIO()
        self.supervisor = Supervisor(specs, output=self.output, health_interval_s=0.3, **options)
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        self.supervisor.start()
        while not self.supervisor._stopping.is_set():
            self.supervisor.poll()
            self.supervisor._stopping.wait(0.1)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.supervisor.request_stop()
        self.thread.join(timeout=10)
        self.supervisor.stop()

    def pid(self, name):
        process = self.supervisor.children[name].process
        return process.pid if process else None

    @property
    def log(self):
        return self.output.getvalue()


def two_servers():
    ports = {"one": free_port(), "two": free_port()}
    specs = [ProcessSpec(name, tiny_server_argv(port), health_url=f"http://127.0.0.1:{port}/")
             for name, port in ports.items()]
    return ports, specs


def test_a_killed_process_is_restarted_and_serves_again():
    ports, specs = two_servers()
    with Running(specs) as running:
        assert wait_for(lambda: answers(f"http://127.0.0.1:{ports['one']}/"), 15)
        first = running.pid("one")
        os.kill(first, signal.SIGKILL)
        assert wait_for(lambda: running.pid("one") not in (None, first)
                        and answers(f"http://127.0.0.1:{ports['one']}/"), 15)
    assert re.search(r"one\.1 stopped \(rc=-9\)", running.log)
    assert "one.1 restarting in 1 s" in running.log


def test_the_other_process_keeps_serving_while_one_is_down():
    ports, specs = two_servers()
    with Running(specs, backoff_s=3) as running:
        assert wait_for(lambda: answers(f"http://127.0.0.1:{ports['two']}/")
                        and answers(f"http://127.0.0.1:{ports['one']}/"), 15)
        two = running.pid("two")
        os.kill(running.pid("one"), signal.SIGKILL)
        assert wait_for(lambda: not answers(f"http://127.0.0.1:{ports['one']}/", 0.5), 5)
        assert answers(f"http://127.0.0.1:{ports['two']}/")
        assert running.pid("two") == two


def test_backoff_doubles_when_a_process_keeps_dying_before_it_serves():
    spec = ProcessSpec("crash", [sys.executable, "-c", "import sys; sys.exit(3)"],
                       health_url=f"http://127.0.0.1:{free_port()}/")
    with Running([spec], backoff_s=0.2, give_up_after=0) as running:
        assert wait_for(lambda: "restarting in 0.8 s" in running.log, 15)
    assert "crash.1 stopped (rc=3)" in running.log
    assert running.log.index("restarting in 0.2 s") < running.log.index("restarting in 0.4 s")


def test_output_lines_are_prefixed_with_the_process_name():
    ports, specs = two_servers()
    with Running(specs) as running:
        assert wait_for(lambda: "one.1" in running.log and "| serving" in running.log, 15)
    assert re.search(r"one\.1\s+\| serving", running.log)
    assert re.search(r"two\.1\s+\| serving", running.log)


def test_a_process_that_never_starts_is_given_up_and_named():
    ports, specs = two_servers()
    specs.append(ProcessSpec("broken", [sys.executable, "-c", "raise SystemExit('bad setting')"]))
    output = io.StringIO()
    supervisor = Supervisor(specs, output=output, backoff_s=0.05, give_up_after=3)
    code = supervisor.run(interval_s=0.05)
    assert code == 1
    assert "broken.1 failed 3 times in a row before serving" in output.getvalue()
    assert "bad setting" in output.getvalue()
    assert not any(port_in_use(p) for p in ports.values())


def test_sigint_stops_every_process_and_frees_the_ports(tmp_path):
    ports = {"one": free_port(), "two": free_port()}
    script = (
        "import sys\n"
        "from bot.tools.supervisor import ProcessSpec, Supervisor\n"
        "from tests.foundation.supervisor_helpers import tiny_server_argv\n"
        f"ports = {ports!r}\n"
        "specs = [ProcessSpec(n, tiny_server_argv(p), health_url=f'http://127.0.0.1:{p}/')"
        " for n, p in ports.items()]\n"
        "raise SystemExit(Supervisor(specs).run())\n")
    process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        assert wait_for(lambda: all(answers(f"http://127.0.0.1:{p}/") for p in ports.values()),
                        20)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=10)
        output = process.stdout.read().decode()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0, output
    assert not any(port_in_use(p) for p in ports.values())
    pids = [int(pid) for pid in re.findall(r"started \(pid (\d+)\)", output)]
    assert len(pids) == 2 and not any(alive(pid) for pid in pids)


def test_duplicate_names_are_refused():
    with pytest.raises(ValueError):
        Supervisor([ProcessSpec("a", ["true"]), ProcessSpec("a", ["true"])])
