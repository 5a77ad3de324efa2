"""Start one process of the service with the configured ports: ``rasa``, ``actions`` or ``web``.

Used by the Procfile that ``make run`` supervises with honcho, and by the test fixtures, so
both start the servers the same way. The process replaces itself with the server (exec), so
signals reach the server directly.
"""
from __future__ import annotations

import os
import sys

from bot import settings
from bot.tools.model import model_path

COMPONENTS = ("rasa", "actions", "web")


def base_environment() -> dict[str, str]:
    """The environment every process sees: defaults for what endpoints.yml reads."""
    env = dict(os.environ)
    for name in settings.DEFAULT_PORTS:
        env[name] = str(settings.port(name))
    env["ACTIONS_URL"] = settings.actions_url()  # endpoints.yml: where Rasa calls the actions
    env["DATABASE_URL"] = settings.database_url()
    env["RASA_TOKEN"] = settings.rasa_token()
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.setdefault("PYTHONPATH", str(settings.ROOT))
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
        return [
            python, "-m", "rasa", "run",
            "--model", str(model),
            "--endpoints", "endpoints.yml",
            "--credentials", "credentials.yml",
            "--interface", settings.host(),
            "--port", str(settings.port("RASA_PORT")),
            "--enable-api", "--auth-token", settings.rasa_token(),
            "--cors", os.environ.get("CORS_ORIGINS", "*"),
        ]
    if component == "actions":
        return [python, "-m", "rasa_sdk", "--actions", "actions",
                "--port", str(settings.port("ACTIONS_PORT"))]
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
