"""Settings read from the environment, with the defaults of the interfaces contract.

One place for ports, the database URL and secrets, used by `make run` (through
``bot.tools.serve``), the tests and every process of the service.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", ROOT / "var"))
MODELS_DIR = ROOT / "models"

DEFAULT_PORTS = {"RASA_PORT": 5005, "ACTIONS_PORT": 5055, "WEB_PORT": 8000}


def port(name: str) -> int:
    """The port for ``RASA_PORT``, ``ACTIONS_PORT`` or ``WEB_PORT``."""
    value = os.environ.get(name, "")
    if not value:
        return DEFAULT_PORTS[name]
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a port number, not {value!r}") from None
    if not 0 < number < 65536:
        raise SystemExit(f"{name} must be between 1 and 65535, not {number}")
    return number


def host() -> str:
    """The interface the servers listen on (``HOST``, default loopback only)."""
    return os.environ.get("HOST", "127.0.0.1")


def database_url() -> str:
    """The SQLAlchemy URL of the store: ``DATABASE_URL`` or a SQLite file under var/."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR_DIR / 'assistant.db'}"
    if url.startswith("postgres://"):  # Heroku-style scheme that SQLAlchemy 1.4 refuses
        url = "postgresql://" + url[len("postgres://"):]
    return url


def _persistent_secret(env_name: str, file_name: str) -> str:
    """A secret from the environment, else one generated once and kept under var/."""
    value = os.environ.get(env_name, "").strip()
    if value:
        return value
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / file_name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def rasa_token() -> str:
    """Token guarding Rasa's HTTP API (conversations, tracker events)."""
    return _persistent_secret("RASA_TOKEN", "rasa-token")


def session_secret() -> str:
    """Key signing the web app's session cookies."""
    return _persistent_secret("SESSION_SECRET", "session-secret")


def rasa_url() -> str:
    return os.environ.get("RASA_URL", f"http://127.0.0.1:{port('RASA_PORT')}")


def actions_url() -> str:
    return f"http://127.0.0.1:{port('ACTIONS_PORT')}"


# -- advisors' opening hours (bot/opening_hours.py) -------------------------------------------
def advisor_hours() -> str:
    """``ADVISOR_HOURS``: when advisors answer live (default lun-ven 09:00-18:00)."""
    return os.environ.get("ADVISOR_HOURS", "lun-ven 09:00-18:00")


def advisor_timezone() -> str:
    return os.environ.get("ADVISOR_TIMEZONE", "Europe/Paris")


def advisor_holidays() -> str:
    """``ADVISOR_HOLIDAYS``: the public-holiday calendar (FR, FR-57, FR-6AE, FR-974... or none)."""
    return os.environ.get("ADVISOR_HOLIDAYS", "FR")


# -- feedback and outcome follow-up (bot/storage/feedback.py, bot/web/follow_up_job.py) -------
def follow_up_delay_days() -> float:
    """``FOLLOW_UP_DELAY_DAYS``: days between the request and the follow-up (default 7)."""
    try:
        return max(0.0, float(os.environ.get("FOLLOW_UP_DELAY_DAYS", "7")))
    except ValueError:
        raise SystemExit("FOLLOW_UP_DELAY_DAYS must be a number of days") from None


def follow_up_interval_s() -> float:
    """``FOLLOW_UP_INTERVAL_S``: how often the web app sends the follow-ups due (default 300 s;
    0 disables the job)."""
    try:
        return max(0.0, float(os.environ.get("FOLLOW_UP_INTERVAL_S", "300")))
    except ValueError:
        raise SystemExit("FOLLOW_UP_INTERVAL_S must be a number of seconds") from None


def follow_up_channels() -> tuple[str, ...]:
    """``FOLLOW_UP_CHANNELS``: the channels on which a follow-up may be asked for (the widget,
    the HR integrations and REST — its question waits in the REST outbox — by default)."""
    value = os.environ.get("FOLLOW_UP_CHANNELS", "socketio,hr,slack,botframework,rest")
    return tuple(c.strip() for c in value.split(",") if c.strip())


# -- issue 14: tracker store window -----------------------------------------------------------
def tracker_recent_events() -> int:
    """``TRACKER_RECENT_EVENTS``: how many of the session's latest events the tracker store
    gives Rasa on each turn (with the slots and state of the events before them); 0 loads the
    whole session as Rasa does. Default 120 (well over what the policies look at)."""
    return _count("TRACKER_RECENT_EVENTS", 120)


def tracker_first_events() -> int:
    """``TRACKER_FIRST_EVENTS``: how many of the session's first events are kept in front of
    that window (its opening: session start, first messages, the notice). Default 40."""
    return _count("TRACKER_FIRST_EVENTS", 40)


def _count(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise SystemExit(f"{name} must be 0 or more, not {number}")
    return number
