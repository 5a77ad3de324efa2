"""The Rasa server waits for an action server that is restarting instead of losing the turn.

Rasa 3.6 gives up on the first refused connection to the action server ("the actions events
are lost"): a person who writes while the supervisor restarts the action server got silence.
Installed when the channels are loaded (bot/channels/__init__.py), this makes
``EndpointConfig.request`` retry a *refused connection* (nothing was sent, so nothing runs
twice) every 0.5 s for up to ``RETRY_FOR_S`` (30 s, the action server's restart budget).
Any other error is raised at once, as before.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)
RETRY_FOR_S = 30.0
STEP_S = 0.5


def install() -> None:
    from rasa.utils.endpoints import EndpointConfig

    if getattr(EndpointConfig.request, "_bot_retrying", False):
        return
    original = EndpointConfig.request

    async def request(self: Any, *args: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + RETRY_FOR_S
        warned = False
        while True:
            try:
                return await original(self, *args, **kwargs)
            except aiohttp.ClientConnectorError:
                if time.monotonic() >= deadline:
                    raise
                if not warned:
                    logger.warning("%s refuses connections (restarting?): retrying for up to "
                                   "%g s", self.url, RETRY_FOR_S)
                    warned = True
                await asyncio.sleep(STEP_S)

    request._bot_retrying = True  # type: ignore[attr-defined]
    EndpointConfig.request = request
