"""The console's calls to the Rasa server: tracker events (pause, resume, advisor lines) and the
channels' advisor push. Short timeouts; a down server gives RasaUnavailable with a French message."""
from __future__ import annotations

import time
from typing import Any, Optional
from urllib.parse import quote

import aiohttp

from bot import settings
from bot.channels import registry

TIMEOUT = aiohttp.ClientTimeout(total=8, connect=3)


class RasaUnavailable(RuntimeError):
    pass


async def _post(url: str, body: Any, headers: Optional[dict] = None) -> Any:
    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
            async with session.post(url, json=body, headers=headers or {}) as response:
                if response.status == 404:
                    raise RasaUnavailable("Ce canal ne permet pas d'écrire à l'usager "
                                          "(aucune adresse advisor_push).")
                if response.status >= 400:
                    text = (await response.text())[:200]
                    raise RasaUnavailable(f"L'assistant a refusé la demande ({response.status}) : {text}")
                return await response.json(content_type=None)
    except RasaUnavailable:
        raise
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        raise RasaUnavailable(
            "L'assistant (serveur Rasa) ne répond pas : rien n'a été transmis à l'usager. "
            "Réessayez dans un instant.") from error


async def append_events(conversation_id: str, events: list[dict]) -> None:
    # the token travels in a header, never in the URL (bot/channels/http_safety.py)
    url = f"{settings.rasa_url()}/conversations/{quote(conversation_id, safe='')}/tracker/events"
    await _post(url, events, {"Authorization": f"Bearer {settings.rasa_token()}"})


async def push(channel: str, conversation_id: str, messages: list[dict]) -> int:
    """Send an advisor's messages to the user through their channel (bot/channels/registry)."""
    declared = registry.get(channel)
    if declared is None:
        raise RasaUnavailable(f"Ce canal ne permet pas d'écrire à l'usager : « {channel} » "
                              "n'est pas un canal déclaré.")
    url = f"{settings.rasa_url()}{declared.push_path}"
    answer = await _post(url, {"sender": conversation_id, "messages": messages},
                         {"Authorization": f"Bearer {settings.rasa_token()}"})
    return int((answer or {}).get("delivered", 0))


def bot_event(text: str, advisor: str, custom: Optional[dict] = None) -> dict:
    return {"event": "bot", "text": text, "timestamp": time.time(),
            "metadata": {"advisor": advisor},
            "data": {"custom": custom} if custom else {}}
