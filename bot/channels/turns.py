"""One user turn through Rasa, made safe for every channel: never silence, never a crash.

``run_turn`` passes a validated message to Rasa and reports whether it was handled; a failure
(tracker store, action server, NLU) is logged and never reaches the server loop. After the
turn, ``should_apologise`` says whether the person got no answer although the conversation is
not with an advisor (paused): the channel then sends ``limits.NOT_HANDLED``, in French.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage

logger = logging.getLogger(__name__)


async def run_turn(on_new_message: Callable[[UserMessage], Awaitable[Any]],
                   message: UserMessage) -> bool:
    try:
        await on_new_message(message)
        return True
    except asyncio.CancelledError:
        logger.error("%s message of %s: timed out", message.input_channel, message.sender_id)
        return False
    except Exception:  # noqa: BLE001 - one conversation never stops the server
        logger.exception("%s message of %s could not be handled", message.input_channel,
                         message.sender_id)
        return False


async def is_paused(app: Any, sender_id: str) -> bool:
    """The conversation is with an advisor (Rasa paused it): silence is expected then."""
    try:
        agent = app.ctx.agent
        tracker = await agent.tracker_store.retrieve(sender_id)
        return bool(tracker and tracker.is_paused())
    except Exception:  # noqa: BLE001 - unknown: better one apology too many than silence
        return False


async def should_apologise(app: Optional[Any], sender_id: str, handled: bool,
                           answered: bool) -> bool:
    if answered:
        return False
    if not handled or app is None:
        return True
    return not await is_paused(app, sender_id)


def _platform_id_ok(value: Any) -> bool:
    """Ids given by a signed platform (Slack, Teams): printable ASCII, at most 255."""
    return (isinstance(value, str) and 0 < len(value) <= 255
            and all(33 <= ord(c) < 127 for c in value))


def guarded(on_new_message: Callable[[UserMessage], Awaitable[Any]],
            channel: str) -> Callable[[UserMessage], Awaitable[Any]]:
    """Wrap Rasa's handler for a platform channel (Slack, Teams): the same limits as the
    other doors (id, text cleaned and capped with a French answer, metadata an object,
    ``input_channel`` set here), and a failure is logged, never raised."""
    from bot.channels import limits

    async def handler(message: UserMessage) -> None:
        if not _platform_id_ok(message.sender_id):
            logger.warning("%s message refused: invalid sender id", channel)
            return
        text = message.text if isinstance(message.text, str) else ""
        message.text = limits.clean_text(text)
        message.input_channel = channel
        message.metadata = limits.lenient_metadata(message.metadata) \
            if message.metadata is not None else None
        if limits.too_long(message.text):
            try:
                await message.output_channel.send_text_message(message.sender_id,
                                                               limits.too_long_message())
            except Exception:  # noqa: BLE001
                logger.exception("%s: could not answer a too long message", channel)
            return
        await run_turn(on_new_message, message)

    return handler
