"""The worker that sends HR callbacks from the durable outbox (bot/storage/hr_outbox.py).

One per Rasa replica, started with the HR channel. ``send`` writes a callback to the outbox
and wakes the worker; the worker claims what is due (the oldest pending callback of each
conversation, leased so that one replica sends it), POSTs it signed, and records the result:
delivered, retried later with backoff and jitter, or a dead letter after ``callback_tries``
attempts (or a refusal that retrying cannot fix). When the outbox cannot be written (database
down), the callback is sent from memory with the same retries and an error is logged.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from typing import Any, Optional

from bot import settings
from bot.storage import hr_outbox

logger = logging.getLogger(__name__)


class OutboxWorker:
    def __init__(self, channel: Any) -> None:
        self.channel = channel
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self._wake = asyncio.Event()
        self._task: Optional[asyncio.Task] = None
        self._stopping = False

    async def send(self, integration: Any, body: dict, conversation_id: str) -> None:
        try:
            await asyncio.to_thread(hr_outbox.enqueue, conversation_id, integration.id, body)
        except Exception:  # noqa: BLE001 - the database is down: deliver from memory
            logger.exception("HR outbox unavailable: callback for %s sent without it",
                             conversation_id)
            await self.channel.sender.deliver(integration, body, order_key=conversation_id)
            return
        self._wake.set()
        if self._task is None:  # no running server loop (tests of the channel alone)
            await self.run_once()

    def start(self) -> None:
        if self._task is None:
            self._wake = asyncio.Event()
            self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001
                pass
            self._task = None

    async def _run(self) -> None:
        poll_s = settings.hr_outbox_poll_s()
        failing_since: Optional[float] = None
        while not self._stopping:
            try:
                busy = await self.run_once()
                if failing_since is not None:
                    logger.warning("HR outbox readable again")
                failing_since = None
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - database down: try again later
                now = asyncio.get_running_loop().time()
                if failing_since is None:  # once, not at every poll
                    logger.error("HR outbox: cannot read the due callbacks (%s: %s); is the "
                                 "database migrated (python -m bot.tools.migrate)?",
                                 type(error).__name__, str(error).splitlines()[0][:200])
                    failing_since = now
                await asyncio.sleep(min(30.0, 1.0 + now - failing_since))
                busy = False
            if busy:
                continue
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=poll_s)
            except asyncio.TimeoutError:
                pass

    async def run_once(self) -> bool:
        """Send what is due now; True when something was claimed."""
        rows = await asyncio.to_thread(hr_outbox.claim, self.name)
        if rows:
            await asyncio.gather(*(self._deliver(row) for row in rows))
        return bool(rows)

    async def _deliver(self, row: dict) -> None:
        sender = self.channel.sender
        integration = self.channel.registry.get(row["integration"])
        if integration is None:
            ok, retry, problem = False, False, "integration no longer declared"
        else:
            ok, retry, problem = await sender.attempt(integration, row["body"])
        if ok:
            await asyncio.to_thread(hr_outbox.delivered, row["id"])
            return
        status = await asyncio.to_thread(hr_outbox.failed, row["id"], problem, retry,
                                         sender.tries, sender.backoff_s, sender.backoff_max_s)
        label = (f"integration={row['integration']} "
                 f"in_reply_to={(row.get('body') or {}).get('in_reply_to')}")
        if status == "dead":
            logger.error("HR callback given up after %d tries (%s): %s; kept as dead letter %d "
                         "(console: Envois RH)", row["attempts"] + 1, label, problem, row["id"])
        else:
            logger.warning("HR callback failed (%s, try %d, %s); retried later",
                           label, row["attempts"] + 1, problem)
            self._wake.set()
