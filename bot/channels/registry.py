"""Every channel a user may write from, in one place: its Rasa name, its French label, the
settings it needs and how an advisor's message reaches its user.

Pure data (no Rasa import): the console reads it for its labels and to know whether it can
write to a user, the Rasa server's channels check against it (tests/channels check that every
class of ``credentials.yml`` is declared here and exposes its push route), the docs list it.

Push contract (the same for every channel): ``POST /webhooks/<name>/advisor_push`` on the Rasa
server (through the balancer in a cluster), ``Authorization: Bearer <RASA_TOKEN>``, body
``{"sender": "<conversation id>", "messages": [{"text"?, "custom"?}, ...]}``, answer
``200 {"delivered": n}``; ``401`` bad token, ``400`` bad body, ``404`` a conversation the channel
cannot reach, ``503`` the channel's store or service is unavailable (nothing was sent).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Channel:
    name: str            # Rasa input channel name (events' input_channel, /webhooks/<name>/)
    label: str           # shown to advisors
    input_class: str     # the InputChannel of credentials.yml
    settings: tuple      # environment variables / credentials it reads
    push: str            # how an advisor message reaches the user (key of PUSH_MODES)

    @property
    def push_path(self) -> str:
        return f"/webhooks/{self.name}/advisor_push"

    @property
    def push_description(self) -> str:
        return PUSH_MODES[self.push]


PUSH_MODES = {
    "outbox": "mis en attente (table console_outbox) et joint à la réponse suivante, ou relevé "
              "par POST /webhooks/rest/poll",
    "socket": "émis aussitôt dans la session socket.io du widget, quelle que soit la réplique "
              "qui la tient (Redis)",
    "callback": "envoyé au callback_url signé de l'intégration RH, dans l'ordre, par la file "
                "durable hr_outbox (reprises, lettres mortes visibles dans la console)",
    "slack_api": "publié par l'API Slack (chat.postMessage) dans la conversation de l'usager",
    "botframework_api": "envoyé comme activité Bot Framework dans la conversation Teams de "
                        "l'usager (référence gardée avec son dernier message)",
}

CHANNELS: tuple = (
    Channel("rest", "REST (API)", "bot.channels.rest.RestInput", (), "outbox"),
    Channel("socketio", "Widget web (socket.io)", "bot.channels.socketio.SocketIOInput",
            ("SOCKETIO_REDIS_URL", "LOCK_STORE_URL"), "socket"),
    Channel("hr", "Outil RH (webhook signé)", "bot.channels.hr.HRInput",
            ("INTEGRATIONS_FILE", "HR_OUTBOX_POLL_S"), "callback"),
    Channel("slack", "Slack", "bot.channels.slack_teams.SlackInput",
            ("SLACK_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL", "SLACK_EMPLOYER"),
            "slack_api"),
    Channel("botframework", "Microsoft Teams", "bot.channels.slack_teams.BotFrameworkInput",
            ("BOTFRAMEWORK_APP_ID", "BOTFRAMEWORK_APP_PASSWORD", "TEAMS_EMPLOYER"),
            "botframework_api"),
)

# Entries of credentials.yml that open routes on the Rasa server but carry no conversation
# (nobody writes to the assistant through them, no advisor message goes through them).
ROUTES_ONLY = {
    "bot.channels.privacy.PrivacyInput": "download, export and erasure of a conversation",
}

_BY_NAME = {channel.name: channel for channel in CHANNELS}


def get(name: Optional[str]) -> Optional[Channel]:
    return _BY_NAME.get(name or "")


def names() -> list:
    return [channel.name for channel in CHANNELS]


def label(name: Optional[str]) -> str:
    channel = get(name)
    return channel.label if channel else (name or "inconnu")


def choices() -> list:
    """(value, label) pairs for a filter, "all channels" first."""
    return [("", "tous")] + [(channel.name, channel.label) for channel in CHANNELS]
