"""The durable outbox of HR callbacks (bot/storage/hr_outbox.py) on a real database: SQLite
and this machine's PostgreSQL. What an operator relies on: order per conversation whoever
sends, one sender at a time, a replica's lease taken over when it dies, dead letters kept."""
from __future__ import annotations

import datetime as dt
import secrets
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from bot.storage import hr_outbox
from bot.storage.db import session_scope
from bot.storage.models import HRCallback
from tests.servers import ROOT

PG = "postgresql://postgres@127.0.0.1:5432/"


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def url(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('outbox') / 'outbox.db'}"
    else:
        name = f"assistant_i15_outbox_{secrets.token_hex(3)}"
        admin = create_engine(PG + "postgres", isolation_level="AUTOCOMMIT", future=True)
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = PG + name
    subprocess.run([sys.executable, "-m", "bot.tools.migrate"], cwd=ROOT, check=True,
                   env={"DATABASE_URL": url, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                   stdout=subprocess.DEVNULL)
    yield url
    if request.param == "postgresql":
        from bot.storage import db

        for engine in list(db._engines.values()):
            engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def body(n: int) -> dict:
    return {"integration": "acme", "in_reply_to": f"m{n}", "sender": "e", "messages": []}


def test_a_later_callback_waits_until_the_earlier_one_of_its_conversation_is_delivered(url):
    conversation = f"hr:acme:{secrets.token_hex(3)}"
    first = hr_outbox.enqueue(conversation, "acme", body(1), url=url)
    hr_outbox.enqueue(conversation, "acme", body(2), url=url)
    claimed = [r for r in hr_outbox.claim("replica-a", url=url) if r["conversation_id"] == conversation]
    assert [r["id"] for r in claimed] == [first]
    assert not [r for r in hr_outbox.claim("replica-b", url=url)
                if r["conversation_id"] == conversation]
    hr_outbox.delivered(first, url=url)
    again = [r for r in hr_outbox.claim("replica-b", url=url) if r["conversation_id"] == conversation]
    assert [r["body"]["in_reply_to"] for r in again] == ["m2"]


def test_a_callback_leased_by_a_dead_replica_is_sent_by_another_after_the_lease(url):
    conversation = f"hr:acme:{secrets.token_hex(3)}"
    row = hr_outbox.enqueue(conversation, "acme", body(1), url=url)
    assert row in [r["id"] for r in hr_outbox.claim("dead-replica", url=url)]
    with session_scope(url) as session:  # the lease of the dead replica runs out
        session.get(HRCallback, row).locked_until = dt.datetime.utcnow() - dt.timedelta(seconds=1)
    assert row in [r["id"] for r in hr_outbox.claim("live-replica", url=url)]


def test_a_callback_failing_every_time_becomes_a_dead_letter_that_can_be_resent(url):
    conversation = f"hr:acme:{secrets.token_hex(3)}"
    row = hr_outbox.enqueue(conversation, "acme", body(1), url=url)
    statuses = []
    for _ in range(3):
        with session_scope(url) as session:  # due now, whatever the backoff said
            session.get(HRCallback, row).next_attempt_at = dt.datetime.utcnow()
        assert row in [r["id"] for r in hr_outbox.claim("replica", url=url)]
        statuses.append(hr_outbox.failed(row, "HTTP 503", True, 3, 0.01, 0.02, url=url))
    assert statuses == ["pending", "pending", "dead"]
    dead = [d for d in hr_outbox.dead_letters(url=url) if d["id"] == row][0]
    assert dead["attempts"] == 3 and dead["last_error"] == "HTTP 503"
    assert hr_outbox.retry(row, url=url)
    assert row in [r["id"] for r in hr_outbox.claim("replica", url=url)]


def test_backoff_grows_with_jitter_and_stays_under_its_cap():
    waits = [hr_outbox.backoff_s(n, 0.5, 4) for n in (1, 2, 3, 4, 5, 6)]
    assert all(0 < w <= 4 for w in waits)
    assert waits[0] <= 0.5 and waits[-1] >= 2
    assert len({round(hr_outbox.backoff_s(3, 0.5, 4), 6) for _ in range(20)}) > 1
