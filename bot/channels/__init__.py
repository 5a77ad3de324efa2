"""Rasa input channels with the advisor push (see ../shared payload conventions).

Each channel the user may be on exposes ``POST /webhooks/<channel>/advisor_push`` on the Rasa
server, guarded by ``Authorization: Bearer <RASA_TOKEN>``, body
``{"sender": "<conversation id>", "messages": [{"text"?, "custom"?}, ...]}``, answering
``200 {"delivered": n}``, ``401`` for a bad token, ``400`` for a bad body.
"""
from __future__ import annotations

import hmac
from typing import Any, Optional

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings

ID_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@+-:")


def check_push(request: Request) -> tuple[Optional[HTTPResponse], Optional[str], list]:
    """(error response, sender, messages) for an advisor_push request."""
    header = request.headers.get("Authorization", "")
    token = header[len("Bearer "):] if header.startswith("Bearer ") else ""
    if not token or not hmac.compare_digest(token.encode(), settings.rasa_token().encode()):
        return response.json({"error": "jeton manquant ou invalide"}, status=401), None, []
    try:
        body: Any = request.json
    except Exception:
        body = None
    if not isinstance(body, dict):
        return response.json({"error": "le corps doit être un objet JSON"}, status=400), None, []
    sender, messages = body.get("sender"), body.get("messages")
    if (not isinstance(sender, str) or not sender.strip() or len(sender) > 255
            or not set(sender) <= ID_CHARACTERS):
        return response.json({"error": "champ 'sender' manquant ou invalide"}, status=400), None, []
    if not isinstance(messages, list) or not messages or not all(
            isinstance(m, dict) and (isinstance(m.get("text"), str) or isinstance(m.get("custom"), dict))
            for m in messages):
        return response.json({"error": "champ 'messages' : une liste de {text?, custom?}"},
                             status=400), None, []
    clean = []
    for message in messages:
        item = {}
        if isinstance(message.get("text"), str):
            item["text"] = message["text"]
        if isinstance(message.get("custom"), dict):
            item["custom"] = message["custom"]
        clean.append(item)
    return None, sender, clean
