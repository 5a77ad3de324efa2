"""Rasa's stores as configured by endpoints.yml: the SQL tracker store from one URL (SQLite by
default, PostgreSQL by URL) and the lock store chosen by LOCK_STORE_URL (Redis for replicas).

PostgreSQL (127.0.0.1:5432, database `test`) and Redis (127.0.0.1:6379) run on every machine of
this project; the tests that need them are skipped, with the reason, where they are absent.
"""
import asyncio
import socket
import uuid

import pytest
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.settings import ROOT
from bot.storage.lock_store import EnvLockStore
from bot.storage.tracker_store import UrlSQLTrackerStore

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/1"


def reachable(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


needs_postgres = pytest.mark.skipif(not reachable(5432), reason="no PostgreSQL on 127.0.0.1:5432")
needs_redis = pytest.mark.skipif(not reachable(6379), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def round_trip(store, domain):
    sender = f"store-{uuid.uuid4().hex[:10]}"
    tracker = DialogueStateTracker(sender, domain.slots)
    tracker.update(UserUttered("je suis apprentie, 19 ans", {"name": "informer", "confidence": 0.9}))
    tracker.update(SlotSet("profile", {"age": 19, "activity": "alternant"}))

    async def save_and_load():
        await store.save(tracker)
        return await store.retrieve(sender)

    loaded = asyncio.run(save_and_load())
    assert loaded is not None
    assert loaded.get_slot("profile") == {"age": 19, "activity": "alternant"}
    assert loaded.latest_message.text == "je suis apprentie, 19 ans"


def test_sqlite_url_relative_to_the_project_creates_its_directory(tmp_path, domain, monkeypatch):
    monkeypatch.setattr("bot.settings.ROOT", tmp_path)
    store = UrlSQLTrackerStore(domain=domain, host="sqlite:///var/nested/assistant.db")
    round_trip(store, domain)
    assert (tmp_path / "var" / "nested" / "assistant.db").exists()


@needs_postgres
def test_postgresql_url_works_in_place_of_sqlite(domain):
    store = UrlSQLTrackerStore(domain=domain, host=POSTGRES_URL)
    round_trip(store, domain)


@needs_postgres
def test_heroku_style_postgres_scheme_is_accepted(domain, monkeypatch):
    from bot import settings
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL.replace("postgresql://", "postgres://"))
    store = UrlSQLTrackerStore(domain=domain, host=settings.database_url())
    round_trip(store, domain)


def test_without_lock_store_url_locks_are_in_memory(monkeypatch):
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    assert isinstance(EnvLockStore(), InMemoryLockStore)


@needs_redis
def test_redis_lock_store_serialises_one_conversation_across_servers(monkeypatch):
    """Two lock stores (two Rasa servers) on one Redis: the second waits for the first."""
    monkeypatch.setenv("LOCK_STORE_URL", REDIS_URL)
    monkeypatch.setenv("LOCK_STORE_PREFIX", f"test-{uuid.uuid4().hex[:6]}")
    first, second = EnvLockStore(), EnvLockStore()
    assert isinstance(first, RedisLockStore) and isinstance(second, RedisLockStore)
    conversation = f"conv-{uuid.uuid4().hex[:8]}"
    order = []

    async def handle(store, name, hold):
        async with store.lock(conversation, lock_lifetime=10, wait_time_in_seconds=0.05):
            order.append(f"{name} start")
            await asyncio.sleep(hold)
            order.append(f"{name} end")

    async def both():
        await asyncio.gather(handle(first, "a", 0.3), handle(second, "b", 0))

    asyncio.run(both())
    assert order in (["a start", "a end", "b start", "b end"],
                     ["b start", "b end", "a start", "a end"])
