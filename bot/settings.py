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
    """The action server Rasa calls: ``ACTIONS_URL`` (a Kubernetes Service, say), else the
    loopback on ACTIONS_PORT (make run; in make cluster, the balancer's actions port)."""
    return (os.environ.get("ACTIONS_URL", "").strip().rstrip("/")
            or f"http://127.0.0.1:{port('ACTIONS_PORT')}")


# -- privacy (issue 13): retention in days, per kind of data ------------------------------------
RETENTION_DEFAULTS = {
    "RETENTION_CONVERSATION_DAYS": 30,   # conversations without a ticket
    "RETENTION_TICKET_DAYS": 365,        # tickets and their conversations (transcripts)
    "RETENTION_CALLBACK_DAYS": 90,       # callback requests (the contact given with consent)
    "RETENTION_ACCESS_LOG_DAYS": 365,    # the console's access and audit log
}


def retention_days() -> dict[str, int]:
    """Each retention in whole days (0: everything inactive when the purge runs)."""
    days = {}
    for name, default in RETENTION_DEFAULTS.items():
        value = os.environ.get(name, "").strip()
        if not value:
            days[name] = default
            continue
        try:
            number = int(value)
        except ValueError:
            raise SystemExit(f"{name} must be a whole number of days, not {value!r}") from None
        if number < 0:
            raise SystemExit(f"{name} must be 0 or more days, not {number}")
        days[name] = number
    return days


def purge_every_hours() -> float:
    """How often the web app applies the retention by itself (``PURGE_EVERY_HOURS``, default
    24; 0 turns the automatic purge off, ``make purge`` still works)."""
    value = os.environ.get("PURGE_EVERY_HOURS", "").strip()
    try:
        return max(0.0, float(value)) if value else 24.0
    except ValueError:
        raise SystemExit(f"PURGE_EVERY_HOURS must be a number of hours, not {value!r}") from None

# -- security (issue 10; docs/security.md) -------------------------------------------------------
def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in ("1", "true", "yes", "on")


def rest_token() -> str:
    """``REST_TOKEN``: bearer token the REST channel requires from non-loopback callers
    (empty: only loopback callers are answered)."""
    return os.environ.get("REST_TOKEN", "").strip()


def actions_token() -> str:
    """Shared secret the Rasa server sends to the action server (``ACTIONS_TOKEN``; else one
    generated once under var/, which every local process reads)."""
    return _persistent_secret("ACTIONS_TOKEN", "actions-token")


def socketio_secret() -> str:
    """Key signing the socket.io session tokens (``SOCKETIO_SECRET``; replicas share it)."""
    return _persistent_secret("SOCKETIO_SECRET", "socketio-secret")


def web_origins() -> list[str]:
    """Origins allowed to call the Rasa server from a browser (``CORS_ORIGINS``, space or
    comma separated); default the demo page's origin on WEB_PORT."""
    raw = os.environ.get("CORS_ORIGINS", "").replace(",", " ").split()
    if raw:
        return raw
    web = port("WEB_PORT")
    return [f"http://127.0.0.1:{web}", f"http://localhost:{web}"]


def cookie_secure() -> bool:
    """``COOKIE_SECURE``: console cookie sent over HTTPS only. Default on, except when the
    public URL (``PUBLIC_URL``) or, without it, ``HOST`` is loopback."""
    value = os.environ.get("COOKIE_SECURE", "").strip()
    if value:
        return _flag("COOKIE_SECURE")
    public = os.environ.get("PUBLIC_URL", "").strip()
    if public:
        from urllib.parse import urlsplit

        hostname = (urlsplit(public).hostname or "").lower()
        return hostname not in ("localhost", "127.0.0.1", "::1")
    return host() not in ("127.0.0.1", "localhost", "::1")


def hr_allow_local_callbacks() -> bool:
    """``HR_ALLOW_LOCAL_CALLBACKS=1``: HR callbacks may go to loopback (local tests only);
    private and link-local addresses stay refused."""
    return _flag("HR_ALLOW_LOCAL_CALLBACKS")


def lock_store_url() -> str:
    """``LOCK_STORE_URL``: a Redis URL shared by replicas (locks, HR replay ids)."""
    return os.environ.get("LOCK_STORE_URL", "").strip()


def lock_store_prefix() -> str:
    return os.environ.get("LOCK_STORE_PREFIX", "assistant")


def max_message_chars() -> int:
    """Longest user message passed to the NLU (``MAX_MESSAGE_CHARS``, default 5 000)."""
    try:
        return max(1, int(os.environ.get("MAX_MESSAGE_CHARS", "") or 5000))
    except ValueError:
        return 5000


def login_failures_per_address() -> int:
    """Failed console logins from one address within 15 min before it is throttled
    (``CONSOLE_MAX_FAILURES_PER_ADDRESS``, default 20)."""
    try:
        return max(1, int(os.environ.get("CONSOLE_MAX_FAILURES_PER_ADDRESS", "") or 20))
    except ValueError:
        return 20


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
    whole session as Rasa does. Default 60; the window always holds the last 10 actions too
    (well over the 4-5 turns the policies look at)."""
    return _count("TRACKER_RECENT_EVENTS", 60)


def tracker_first_events() -> int:
    """``TRACKER_FIRST_EVENTS``: how many of the session's first events are kept in front of
    that window (its opening: session start, first messages, the notice). Default 40."""
    return _count("TRACKER_FIRST_EVENTS", 40)


def _count(name: str, default: int, low: int = 0, high: "int | None" = None) -> int:
    """A whole number from the environment, ``default`` when unset; out of bounds stops."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from None
    if high is not None and not low <= number <= high:
        raise SystemExit(f"{name} must be between {low} and {high}, not {number}")
    if number < low:
        raise SystemExit(f"{name} must be {low} or more, not {number}")
    return number


def server_tuning() -> bool:
    """``SERVER_TUNING``: the memory settings of bot/tools/serve.py (default on; ``off``
    starts the servers with Rasa's and glibc's defaults, for the benchmarks)."""
    return os.environ.get("SERVER_TUNING", "on").strip().lower() not in ("off", "0", "false", "no")


def test_dates_allowed() -> bool:
    """``ASSISTANT_TEST_DATES=1``: a message's metadata may fix the conversation's date
    (``{"today": "YYYY-MM-DD"}``), so that dated test conversations never drift. Off in
    production: a user cannot move the date the rules are read at."""
    return os.environ.get("ASSISTANT_TEST_DATES", "").strip() == "1"



# -- cluster (make cluster, issue 15) ------------------------------------------------------------
DEFAULT_LOCK_STORE_URL = "redis://127.0.0.1:6379/1"


def rasa_replicas() -> int:
    """Rasa servers started by ``make cluster`` (``RASA_REPLICAS``, default 2)."""
    return _count("RASA_REPLICAS", 2, low=1, high=16)


def actions_replicas() -> int:
    """Action servers started by ``make cluster`` (``ACTIONS_REPLICAS``, default 2)."""
    return _count("ACTIONS_REPLICAS", 2, low=1, high=16)


def web_replicas() -> int:
    """Web apps started by ``make cluster`` (``WEB_REPLICAS``, default 2)."""
    return _count("WEB_REPLICAS", 2, low=1, high=16)


def socketio_redis_url() -> str:
    """Redis through which socket.io replicas share their emits (``SOCKETIO_REDIS_URL``,
    default the lock store's Redis); empty: one process, no shared manager."""
    return os.environ.get("SOCKETIO_REDIS_URL", "").strip() or lock_store_url()


def key_prefix() -> str:
    """Prefix of every Redis key and channel of this deployment (``LOCK_STORE_PREFIX``;
    letters and digits only: Rasa's lock store ignores any other prefix)."""
    return lock_store_prefix()


def haproxy_binary() -> str:
    return os.environ.get("HAPROXY", "haproxy")


def cluster_stats_port() -> int:
    """HAProxy's status page (``CLUSTER_STATS_PORT``, 0: a free port)."""
    value = os.environ.get("CLUSTER_STATS_PORT", "").strip()
    return int(value) if value.isdigit() else 0


def ticket_lock_lifetime() -> str:
    """Seconds a conversation lock outlives a dead replica (Rasa's ``TICKET_LOCK_LIFETIME``);
    the cluster's default is shorter than Rasa's 60 s so that a conversation held by a
    killed replica is answered by another one within ~20 s."""
    return os.environ.get("TICKET_LOCK_LIFETIME", "").strip() or "20"


def hr_outbox_poll_s() -> float:
    """How often the HR outbox worker looks for callbacks due (``HR_OUTBOX_POLL_S``)."""
    try:
        return max(0.05, float(os.environ.get("HR_OUTBOX_POLL_S", "0.5")))
    except ValueError:
        return 0.5


def env_value(name: str, default: str = "") -> str:
    """A raw environment value, for the few tools that pass settings through to children."""
    return os.environ.get(name, default)


def botframework_oauth_url() -> str:
    """Microsoft's token endpoint for Teams replies (``BOTFRAMEWORK_OAUTH_URL``: tests only)."""
    return (os.environ.get("BOTFRAMEWORK_OAUTH_URL", "").strip().rstrip("/")
            or "https://login.microsoftonline.com")
