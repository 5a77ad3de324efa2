"""No transcript kept only in memory: Rasa's fail-safe tracker store, made to fail loudly.

Rasa 3.6 wraps every tracker store in ``FailSafeTrackerStore``: when the database does not
answer, ``save`` writes the conversation to an in-memory store instead (lost at the next
restart, invisible to the other replicas and the console) and ``retrieve`` returns no tracker,
so the assistant starts the conversation again from nothing. ``install(agent)`` (called by the
channels when the Rasa server starts) changes that:

- each read and write of the primary store is tried again for a short while (a PostgreSQL
  restart or fail-over takes a few seconds): ``RETRY_DELAYS_S``;
- if the store still fails, the error is raised instead of falling back: the message is not
  answered as if nothing happened; the channel tells the user to try again (REST answers 503,
  the widget gets a message) and nothing is kept in memory.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

logger = logging.getLogger(__name__)

RETRY_DELAYS_S = (0.5, 1.0, 2.0, 3.0)


class TrackerStoreUnavailable(RuntimeError):
    """The tracker store cannot be read or written: the turn must not be answered."""


async def _with_retries(what: str, call: Callable[[], Awaitable[Any]]) -> Any:
    for attempt, delay in enumerate((0.0,) + RETRY_DELAYS_S):
        if delay:
            await asyncio.sleep(delay)
        try:
            return await call()
        except Exception as error:  # noqa: BLE001 - any driver error
            if attempt == len(RETRY_DELAYS_S):
                raise
            logger.warning("tracker store %s failed (%s: %s); trying again in %g s", what,
                           type(error).__name__, str(error)[:120], RETRY_DELAYS_S[attempt])


class RetryingStore:
    """The primary store with its reads and writes retried; anything else passes through."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def save(self, tracker: Any) -> None:
        await _with_retries("save", lambda: self._inner.save(tracker))

    async def retrieve(self, sender_id: str) -> Any:
        return await _with_retries("read", lambda: self._inner.retrieve(sender_id))

    async def retrieve_full_tracker(self, sender_id: str) -> Any:
        return await _with_retries("read", lambda: self._inner.retrieve_full_tracker(sender_id))


def _fail_loudly(error: Exception) -> None:
    logger.error("tracker store unavailable, the message is refused (nothing kept in memory): "
                 "%s: %s", type(error).__name__, str(error)[:200])
    raise TrackerStoreUnavailable(str(error)) from error


def unavailable(error: Any) -> bool:
    """The turn failed because a store did not answer (tracker store, Redis locks)."""
    if error is None:
        return False
    if isinstance(error, TrackerStoreUnavailable):
        return True
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
        from rasa.core.lock_store import LockError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(error, (RedisConnectionError, RedisTimeoutError, LockError))


def install(agent: Any) -> bool:
    """Retry, then raise instead of Rasa's in-memory fallback. True when installed."""
    store = getattr(agent, "tracker_store", None)
    if store is None or not hasattr(store, "_tracker_store"):
        return False
    if not isinstance(store._tracker_store, RetryingStore):
        store._tracker_store = RetryingStore(store._tracker_store)
    store._on_tracker_store_error = _fail_loudly
    return True
