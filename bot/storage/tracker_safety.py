"""Rasa's SQL tracker store made safe for one bad conversation and loud when it loses data.

Rasa 3.6's ``SQLTrackerStore.session_scope`` turns *any* ValueError raised while a session is
open into "schema not found" and exits the process: a NUL on PostgreSQL or a lone surrogate
in one message stopped the whole server. Here only the schema check keeps that behaviour; an
error while reading or writing one conversation is an ordinary exception, which Rasa's
``FailSafeTrackerStore`` logs (reads give a fresh tracker, the server keeps serving).

A save is retried (0.2 s, then 1 s) before it is given up. When it is, Rasa keeps that
conversation's events in memory only: this is logged at ERROR with the words
"TRANSCRIPT NOT SAVED" and ``status()`` reports it, which ``GET /webhooks/rest/`` turns into a
503 ``{"status": "degraded", "tracker_store": ...}`` for monitoring, until a later save works.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from typing import Any, Generator, Optional

logger = logging.getLogger(__name__)
RETRY_DELAYS_S = (0.2, 1.0)

_state_lock = threading.Lock()
_state: dict[str, Any] = {"failures": 0, "last_failure": None, "last_error": "",
                          "last_success": None}


def record_success() -> None:
    with _state_lock:
        _state["last_success"] = time.time()


def record_failure(sender_id: str, error: BaseException) -> None:
    with _state_lock:
        _state["failures"] += 1
        _state["last_failure"] = time.time()
        _state["last_error"] = f"{type(error).__name__}"
    logger.error("TRANSCRIPT NOT SAVED: the tracker store refused conversation %r (%s: %s); "
                 "its events are only in memory and are lost at restart", sender_id[:80],
                 type(error).__name__, str(error)[:300])


def status() -> Optional[str]:
    """None when the last save worked, else what an operator must know."""
    with _state_lock:
        failed, succeeded = _state["last_failure"], _state["last_success"]
        if failed is None or (succeeded is not None and succeeded > failed):
            return None
        return (f"{_state['failures']} sauvegarde(s) en échec ({_state['last_error']}) ; "
                "les conversations concernées ne sont gardées qu'en mémoire")


def _retryable(error: BaseException) -> bool:
    """Database unavailable (worth retrying), not a value the database refuses."""
    from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError, TimeoutError

    if isinstance(error, (OperationalError, DisconnectionError, TimeoutError)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


class SafeSQLTrackerStoreMixin:
    """Put before ``SQLTrackerStore`` in the bases of the project's tracker store."""

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Any, None, None]:
        from rasa.core.tracker_store import ensure_schema_exists
        import rasa.shared.utils.cli

        session = self.sessionmaker()
        try:
            try:
                ensure_schema_exists(session)
            except ValueError as error:  # the schema named by POSTGRESQL_SCHEMA is missing
                rasa.shared.utils.cli.print_error_and_exit(
                    f"Requested PostgreSQL schema '{error}' was not found in the database.")
            yield session
        finally:
            session.close()

    async def save(self, tracker: Any) -> None:
        delays = (0.0,) + RETRY_DELAYS_S
        for attempt, delay in enumerate(delays):
            if delay:
                await asyncio.sleep(delay)
            try:
                await super().save(tracker)  # type: ignore[misc]
            except Exception as error:  # noqa: BLE001
                if attempt + 1 < len(delays) and _retryable(error):
                    logger.warning("tracker store save failed (%s), retrying",
                                   type(error).__name__)
                    continue
                record_failure(str(tracker.sender_id), error)
                raise
            record_success()
            return
