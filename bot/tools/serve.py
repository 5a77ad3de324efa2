"""Start one process of the service with the configured ports: ``rasa``, ``actions`` or ``web``.

Used by ``make run`` (bot/tools/supervisor.py starts each one), the Procfile and the test fixtures, so
both start the servers the same way. The process replaces itself with the server (exec), so
signals reach the server directly.
"""
from __future__ import annotations

import os
import sys

from bot import settings
from bot.tools.model import model_path

COMPONENTS = ("rasa", "actions", "web")

# Issue 14: resident memory and start-up of the servers, without changing any answer (set
# unless the environment sets them; SERVER_TUNING=off leaves Rasa's defaults, for comparison).
# glibc gives each thread that allocates its own 64 MB heap arena (8 per core): TensorFlow's
# thread pools then hold hundreds of MB they never give back; 2 arenas and an earlier trim
# return it. One inter-op thread pool (Rasa runs one prediction at a time per process).
MEMORY_SETTINGS = {
    "MALLOC_ARENA_MAX": "2",
    "MALLOC_TRIM_THRESHOLD_": "131072",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
}


def base_environment() -> dict[str, str]:
    """The environment every process sees: defaults for what endpoints.yml reads."""
    env = dict(os.environ)
    for name in settings.DEFAULT_PORTS:
        env[name] = str(settings.port(name))
    env["ACTIONS_URL"] = settings.actions_url()  # endpoints.yml: where Rasa calls the actions
    env["DATABASE_URL"] = settings.database_url()
    env["RASA_TOKEN"] = settings.rasa_token()
    env["ACTIONS_TOKEN"] = settings.actions_token()  # endpoints.yml sends it to the actions
    env["SOCKETIO_SECRET"] = settings.socketio_secret()
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.setdefault("PYTHONPATH", str(settings.ROOT))
    if settings.server_tuning():
        env.update({k: v for k, v in MEMORY_SETTINGS.items() if k not in env})
    # credentials.yml reads these; Rasa refuses an unset ${VAR}, and empty means "not configured"
    # (the Slack and Teams channels then refuse every request, see bot/channels/slack_teams.py).
    for name in ("SLACK_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL",
                 "BOTFRAMEWORK_APP_ID", "BOTFRAMEWORK_APP_PASSWORD"):
        env.setdefault(name, "")
    return env


def command(component: str) -> list[str]:
    python = sys.executable
    if component == "rasa":
        model = model_path()
        if not model.exists():
            raise SystemExit(
                f"No trained model for the current data ({model.name}): run `make setup` first."
            )
        # bot/tools/rasa_server.py: `rasa` without what serving does not use (issue 14)
        entry = "bot.tools.rasa_server" if settings.server_tuning() else "rasa"
        return [
            python, "-m", entry, "run",
            "--model", str(model),
            "--endpoints", "endpoints.yml",
            "--credentials", "credentials.yml",
            "--interface", settings.host(),
            "--port", str(settings.port("RASA_PORT")),
            "--enable-api", "--auth-token", settings.rasa_token(),
            "--cors", *settings.web_origins(),
        ]
    if component == "actions":
        # rasa_sdk's app on HOST, behind the shared secret (bot/tools/action_server.py)
        return [python, "-m", "bot.tools.action_server"]
    if component == "web":
        return [python, "-m", "uvicorn", "bot.web.app:app",
                "--host", settings.host(), "--port", str(settings.port("WEB_PORT")),
                "--no-access-log", "--ws", "none"]
    raise SystemExit(f"unknown component {component!r}; choose one of {', '.join(COMPONENTS)}")


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: python -m bot.tools.serve {{{'|'.join(COMPONENTS)}}}")
    argv = command(sys.argv[1])
    os.chdir(settings.ROOT)
    os.execve(argv[0], argv, base_environment())


if __name__ == "__main__":
    main()
