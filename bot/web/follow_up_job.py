"""The periodic job of the web app that sends the outcome follow-ups that have fallen due.

A person who asked for it (action_follow_up, opt-in) gets « Avez-vous fait votre demande de … ? »
a week later on their channel: the job triggers the ``relancer_demande`` intent on their
conversation (Rasa's ``POST /conversations/<id>/trigger_intent?output_channel=latest``), so the
question is asked by the assistant itself, written in the transcript and sent through the
channel the person last used (the widget's socket.io room, the HR integration's callback,
Slack, Teams). On the REST channel, which cannot push, the question waits in the REST outbox
for the caller's next request.

Every ``FOLLOW_UP_INTERVAL_S`` seconds (0: never). The clock is injectable (``send_due(now)``),
so tests never wait nor depend on today's date. With several web instances, ``claim`` lets one
of them send each follow-up.
"""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from typing import Any, AsyncIterator, Callable, Optional
from urllib.parse import quote

import aiohttp

from bot import settings
from bot.storage import feedback, rest_outbox

logger = logging.getLogger(__name__)
TRIGGER_INTENT = "relancer_demande"
TIMEOUT = aiohttp.ClientTimeout(total=20, connect=3)
clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)


async def _trigger(conversation_id: str) -> Optional[dict]:
    """The answer of Rasa's trigger_intent, or None when Rasa did not take it."""
    url = (f"{settings.rasa_url()}/conversations/{quote(conversation_id, safe='')}/trigger_intent"
           f"?output_channel=latest&token={quote(settings.rasa_token())}")
    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
            async with session.post(url, json={"name": TRIGGER_INTENT}) as response:
                if response.status != 200:
                    logger.warning("follow-up of %s refused by Rasa (%s)", conversation_id,
                                   response.status)
                    return None
                return await response.json(content_type=None) or {}
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
        logger.warning("follow-up of %s not sent: %s", conversation_id, error)
        return None


async def send_one(row: Any) -> bool:
    answer = await _trigger(row.conversation_id)
    if answer is None:
        return False
    messages = [m for m in answer.get("messages") or [] if isinstance(m, dict)]
    if row.channel == "rest" and messages:
        await asyncio.to_thread(rest_outbox.outbox_put, "rest", row.conversation_id,
                                [{k: v for k, v in m.items() if k != "recipient_id"}
                                 for m in messages])
    return True


async def send_due(now: Optional[dt.datetime] = None) -> dict:
    """Send every follow-up due at ``now``; returns how many were sent, retried, given up."""
    now = now or clock()
    counts = {"sent": 0, "scheduled": 0, "undeliverable": 0}
    for row in await asyncio.to_thread(feedback.due_follow_ups, now):
        if not await asyncio.to_thread(feedback.claim, row.id):
            continue  # another instance sends it
        try:
            delivered = await send_one(row)
        except Exception:
            logger.exception("follow-up %s failed", row.id)
            delivered = False
        status = await asyncio.to_thread(feedback.mark_sent, row.id, delivered, now)
        counts[status] = counts.get(status, 0) + 1
    return counts


async def run_forever(interval_s: float) -> None:
    while True:
        await asyncio.sleep(interval_s)
        try:
            await send_due()
        except Exception:  # the database may be briefly away: next round
            logger.exception("follow-up job failed")


@contextlib.asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    interval = settings.follow_up_interval_s()
    task = asyncio.create_task(run_forever(interval)) if interval > 0 else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
