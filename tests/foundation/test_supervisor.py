"""`make run` under bot/tools/supervisor.py: kill -9 of any process during a conversation,
the process comes back and the same conversation continues with its history; the others
serve all along; Ctrl-C (SIGINT) stops everything and frees the ports.

One extra stack, started with `make run` (module fixture); the tests run in file order and
the last one stops it with Ctrl-C.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.foundation.supervisor_helpers import (alive, answers, descendants, port_in_use,
                                                 wait_for)
from tests.servers import ROOT, START_TIMEOUT_S, Stack, free_port, http_json, stack_environment

pytestmark = pytest.mark.servers
CONVERSATION = "supervised-kill-test"
# the Rasa server is back once its model is loaded: 5 minutes on a quiet machine, longer when
# the machine is loaded (TEST_START_TIMEOUT_S, as for the first start)
RASA_BACK_S = max(300, START_TIMEOUT_S)
OTHERS_BACK_S = 30    # the action server and the web app within 30 s


class MakeRun:
    def __init__(self, var_dir: Path):
        self.env = stack_environment(var_dir)
        self.stack = Stack(env=self.env, var_dir=var_dir)
        self.log_path = var_dir / "make-run.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT,
                                        env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)  # as a terminal gives it
        self.urls = {"rasa": f"{self.stack.rasa_url}/",
                     "actions": f"{self.stack.actions_url}/health",
                     "web": f"{self.stack.web_url}/health"}

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def pid(self, name: str) -> int:
        pids = re.findall(rf"{name}\.1 started \(pid (\d+)\)", self.output())
        assert pids, self.output()[-3000:]
        return int(pids[-1])

    def up(self, *names: str) -> bool:
        return all(answers(self.urls[name]) for name in names or self.urls)

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        for pid in descendants(self.process.pid) | set(
                int(p) for p in re.findall(r"started \(pid (\d+)\)", self.output())):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.log.close()


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    running = MakeRun(tmp_path_factory.mktemp("make-run"))
    try:
        deadline = time.monotonic() + 420
        while not running.up():
            assert running.process.poll() is None, running.output()[-3000:]
            assert time.monotonic() < deadline, "services not up in 420 s:\n" + running.output()[-3000:]
            time.sleep(1)
        yield running
    finally:
        running.close()


def say(stack: Stack, text: str) -> list:
    status, answer = http_json("POST", f"{stack.rasa_url}/webhooks/rest/webhook",
                               {"sender": CONVERSATION, "message": text}, timeout=120)
    assert status == 200, answer
    return answer


def user_texts(stack: Stack) -> list[str]:
    return [e.get("text") for e in stack.tracker(CONVERSATION)["events"] if e["event"] == "user"]


def kill_and_continue(make_run: MakeRun, name: str, back_within: float, message: str) -> None:
    stack = make_run.stack
    before = user_texts(stack)
    assert before, "the conversation must have started"
    pid = make_run.pid(name)
    os.killpg(pid, signal.SIGKILL)
    others = [n for n in make_run.urls if n != name]
    assert wait_for(lambda: make_run.pid(name) != pid, 60), make_run.output()[-2000:]
    killed_at = time.monotonic()
    while not make_run.up(name):
        assert make_run.up(*others), f"{others} stopped serving while {name} was down"
        assert time.monotonic() - killed_at < back_within, (
            f"{name} not back {back_within} s after kill -9:\n" + make_run.output()[-3000:])
        time.sleep(1)
    answer = say(stack, message)
    assert any(m.get("text") for m in answer), answer
    assert user_texts(stack)[:len(before)] == before  # the history is still there
    assert f"{name}.1 stopped (rc=-9)" in make_run.output()


def test_the_conversation_starts(make_run):
    answer = say(make_run.stack, "Bonjour, je suis apprentie et j'ai 22 ans")
    assert any(m.get("text") for m in answer)


def test_kill_9_of_the_action_server_then_the_conversation_continues(make_run):
    kill_and_continue(make_run, "actions", OTHERS_BACK_S, "Je cherche un logement à louer")


def test_kill_9_of_the_web_app_then_it_serves_again(make_run):
    kill_and_continue(make_run, "web", OTHERS_BACK_S, "Mon loyer est de 450 euros")
    assert answers(make_run.stack.web_url + "/")


def test_kill_9_of_the_rasa_server_then_the_conversation_continues(make_run):
    kill_and_continue(make_run, "rasa", RASA_BACK_S, "Je commence mon contrat le 1er septembre")
    assert "Bonjour, je suis apprentie et j'ai 22 ans" in user_texts(make_run.stack)


def test_ctrl_c_stops_all_three_processes_and_frees_the_ports(make_run):
    processes = descendants(make_run.process.pid)
    assert len(processes) >= 4  # the supervisor and the three servers
    os.killpg(make_run.process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
    stopped_at = time.monotonic() + 15
    pids = {make_run.pid(n) for n in make_run.urls}
    while time.monotonic() < stopped_at and (
            make_run.process.poll() is None or any(alive(p) for p in processes | pids)):
        time.sleep(0.2)
    assert make_run.process.poll() is not None, "make run still running 15 s after Ctrl-C"
    assert not [p for p in processes | pids if alive(p)], "processes left behind"
    ports = [int(make_run.env[k]) for k in ("RASA_PORT", "ACTIONS_PORT", "WEB_PORT")]
    assert not any(port_in_use(p) for p in ports)
    output = make_run.output()
    assert "rasa.1" in output and "actions.1" in output and "web.1" in output  # prefixed logs


def test_a_bad_setting_is_named_and_nothing_starts(tmp_path):
    ports = {name: free_port() for name in ("RASA_PORT", "ACTIONS_PORT")}
    env = dict(os.environ, VAR_DIR=str(tmp_path), PYTHONPATH=str(ROOT),
               **{k: str(v) for k, v in ports.items()}, WEB_PORT="not-a-port")
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "bot.tools.supervisor"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "WEB_PORT must be a port number" in result.stdout + result.stderr
    assert not any(port_in_use(p) for p in ports.values())
