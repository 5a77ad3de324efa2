"""Advisor push for the channels whose users are reached through a vendor API: Slack and
Microsoft Teams (Bot Framework). See bot/channels/registry.py for the contract.

Neither API can write to a user from their user id alone: the push uses the conversation
reference that came with the user's latest message and that Rasa stored with it in the
tracker store (shared by every replica): Slack's ``out_channel``/``thread_id`` (Rasa's own
metadata) and, for Teams, ``botframework`` = ``{conversation, recipient, service_url}``
(added by bot/channels/slack_teams.py).
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from rasa.shared.core.events import UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import check_push

logger = logging.getLogger(__name__)


def message_texts(messages: list) -> list:
    """The text of each pushed message (a handoff or advisor payload carries its own)."""
    texts = []
    for message in messages:
        custom = message.get("custom") or {}
        text = message.get("text") or custom.get("text") or custom.get("message")
        if isinstance(text, str) and text.strip():
            texts.append(text)
    return texts


async def latest_user_metadata(request: Request, sender_id: str) -> Optional[dict]:
    """Metadata of the conversation's latest user message, or None without one."""
    agent = getattr(request.app.ctx, "agent", None)
    if agent is None or agent.tracker_store is None:
        return None
    tracker = await agent.tracker_store.retrieve(sender_id)
    if tracker is None:
        return None
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return dict(event.metadata or {})
    return None


def _fail(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def add_slack_push(blueprint: Blueprint, channel: Any) -> None:
    """``POST /webhooks/slack/advisor_push``: chat.postMessage in the user's conversation."""

    @blueprint.route("/advisor_push", methods=["POST"])
    async def advisor_push(request: Request) -> HTTPResponse:
        error, sender_id, messages = check_push(request)
        if error is not None:
            return error
        if not channel.slack_token:
            return _fail(503, "Slack n'est pas configuré (SLACK_TOKEN) : rien n'a été envoyé.")
        metadata = await latest_user_metadata(request, sender_id)
        if metadata is None:
            return _fail(404, "aucune conversation Slack connue pour cet usager")
        output = channel.get_output_channel(metadata.get("out_channel") or None,
                                            metadata.get("thread_id") or None)
        delivered = 0
        try:
            for text in message_texts(messages):
                await output.send_text_message(sender_id, text)
                delivered += 1
        except Exception as problem:  # noqa: BLE001 - slack_sdk errors, network errors
            logger.error("Slack advisor push failed: %s", type(problem).__name__)
            return _fail(503, "Slack n'a pas accepté le message : réessayez.")
        return response.json({"delivered": delivered})


def add_botframework_push(blueprint: Blueprint, channel: Any, output_class: Any) -> None:
    """``POST /webhooks/botframework/advisor_push``: an activity in the user's Teams chat."""

    @blueprint.route("/advisor_push", methods=["POST"])
    async def advisor_push(request: Request) -> HTTPResponse:
        error, sender_id, messages = check_push(request)
        if error is not None:
            return error
        if not channel.configured:
            return _fail(503, "Teams n'est pas configuré (BOTFRAMEWORK_APP_ID / "
                              "BOTFRAMEWORK_APP_PASSWORD) : rien n'a été envoyé.")
        metadata = await latest_user_metadata(request, sender_id)
        reference = (metadata or {}).get("botframework")
        if not isinstance(reference, dict) or not all(
                reference.get(key) for key in ("conversation", "recipient", "service_url")):
            return _fail(404, "aucune conversation Teams connue pour cet usager")
        output = output_class(channel.app_id, channel.app_password, reference["conversation"],
                              reference["recipient"], reference["service_url"])
        delivered = 0
        for text in message_texts(messages):
            if not await output.send_checked(sender_id, text):
                return _fail(503, "Teams n'a pas accepté le message : réessayez.")
            delivered += 1
        return response.json({"delivered": delivered})
