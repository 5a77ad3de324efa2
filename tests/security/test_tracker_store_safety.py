"""The tracker store: an error on one conversation is an ordinary error, never an exit, and a
transcript that could not be saved is reported loudly."""
from __future__ import annotations

import asyncio
import logging

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.storage import tracker_safety
from bot.storage.tracker_store import UrlSQLTrackerStore


def store(tmp_path):
    return UrlSQLTrackerStore(domain=Domain.empty(), host=f"sqlite:///{tmp_path / 't.db'}")


def test_a_lone_surrogate_sender_raises_an_error_instead_of_exiting(tmp_path):
    tracker = DialogueStateTracker.from_events("x\ud800y", [UserUttered("bonjour")])
    with pytest.raises(Exception) as raised:
        asyncio.run(store(tmp_path).save(tracker))
    assert not isinstance(raised.value, SystemExit)


def test_a_failed_save_is_logged_and_reported(tmp_path, caplog):
    tracker = DialogueStateTracker.from_events("bad\ud800", [UserUttered("bonjour")])
    with caplog.at_level(logging.ERROR), pytest.raises(Exception):
        asyncio.run(store(tmp_path).save(tracker))
    assert "TRANSCRIPT NOT SAVED" in caplog.text
    assert tracker_safety.status() is not None
    good = DialogueStateTracker.from_events("good", [UserUttered("bonjour")])
    asyncio.run(store(tmp_path).save(good))
    assert tracker_safety.status() is None


def test_a_normal_conversation_is_saved_and_read_back(tmp_path):
    tracker_store = store(tmp_path)
    asyncio.run(tracker_store.save(DialogueStateTracker.from_events(
        "someone", [UserUttered("bonjour")])))
    assert asyncio.run(tracker_store.retrieve("someone")).latest_message.text == "bonjour"


@pytest.fixture
def postgres_url():
    import uuid

    import sqlalchemy as sa
    name = f"assistant_i10_sec_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine("postgresql://postgres@127.0.0.1:5432/postgres",
                             isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f"create database {name}"))
    except sa.exc.OperationalError:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as connection:
        connection.execute(sa.text(f"drop database if exists {name} with (force)"))
    admin.dispose()


def test_a_nul_in_a_sender_on_postgresql_raises_an_error_instead_of_exiting(postgres_url):
    tracker_store = UrlSQLTrackerStore(domain=Domain.empty(), host=postgres_url)
    tracker = DialogueStateTracker.from_events("a\x00b", [UserUttered("bonjour")])
    with pytest.raises(Exception) as raised:
        asyncio.run(tracker_store.save(tracker))
    assert not isinstance(raised.value, SystemExit)
    tracker_store.engine.dispose()
