"""The conversation lock store, chosen by the environment.

One Rasa server: in-memory locks (the default). Several replicas sharing a PostgreSQL tracker
store: set ``LOCK_STORE_URL=redis://host:6379/1`` so that two servers never handle the same
conversation at once.
"""
from __future__ import annotations

import os
from typing import Any

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from redis.connection import parse_url


class EnvLockStore:
    """Factory used as ``lock_store.type`` in endpoints.yml; returns a real Rasa lock store."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:  # type: ignore[misc]
        url = os.environ.get("LOCK_STORE_URL", "").strip()
        if not url:
            return InMemoryLockStore()
        options = parse_url(url)
        return RedisLockStore(
            host=options.get("host", "localhost"), port=int(options.get("port", 6379)),
            db=int(options.get("db", 1)), username=options.get("username"),
            password=options.get("password"), use_ssl=url.startswith("rediss://"),
            key_prefix=os.environ.get("LOCK_STORE_PREFIX", "assistant"),
        )
