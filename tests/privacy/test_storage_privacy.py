"""Privacy at the storage level, on SQLite and PostgreSQL: what the tracker store writes, erasure,
retention (purge) and the logs. Real databases, real Rasa tracker store, no server."""
from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import os
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.settings import ROOT
from bot.storage import annotations, audit, callback_contacts, erasure, tickets
from bot.storage.retention import purge
from bot.storage.tracker_store import UrlSQLTrackerStore
from tests.privacy.conftest import every_row, found_in_database

SECRETS = ["06 12 34 56 78", "0612345678", "julie.martin@gmail.com", "FR76 3000 6000 0112",
           "4970 1012 3456 7890", "1 85 05 78 006 084 36", "12 rue de la République",
           "Julie Martin"]
MESSAGES = [
    "bonjour, je m'appelle Julie Martin",
    "j'ai 19 ans, je gagne 1 300 € net, j'arrive à Rennes le 14 août",
    "mon numéro 06 12 34 56 78 ou 0612345678, mail julie.martin@gmail.com",
    "IBAN FR76 3000 6000 0112 3456 7890 189, carte 4970 1012 3456 7890",
    "sécu 1 85 05 78 006 084 36, j'habite 12 rue de la République à Rennes",
]
KEPT = ["19 ans", "1 300 €", "14 août", "Rennes"]
DAYS = {"RETENTION_CONVERSATION_DAYS": 30, "RETENTION_TICKET_DAYS": 365,
        "RETENTION_CALLBACK_DAYS": 90, "RETENTION_ACCESS_LOG_DAYS": 365}
NOW = dt.datetime(2026, 12, 1, 12, 0, 0)


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def _conversation(domain, url, sender, when: dt.datetime, messages=MESSAGES, extra=()):
    """A conversation written through the tracker store as Rasa does, at ``when``."""
    store = UrlSQLTrackerStore(domain=domain, host=url)
    ts = when.replace(tzinfo=dt.timezone.utc).timestamp()
    tracker = DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_session_start", timestamp=ts), SessionStarted(timestamp=ts),
        ActionExecuted("action_listen", timestamp=ts)], domain.slots)
    for i, text in enumerate(messages):
        t = ts + i
        tracker.update(UserUttered(text, {"name": "informer", "confidence": 0.9}, entities=[
            {"entity": "reponse", "value": text, "start": 0, "end": len(text)}],
            parse_data={"text": text, "intent": {"name": "informer", "confidence": 0.9},
                        "entities": [{"entity": "reponse", "value": text}]},
            input_channel="rest", timestamp=t))
        tracker.update(ActionExecuted("action_process_turn", timestamp=t))
        tracker.update(BotUttered(f"Bien noté : {text}", timestamp=t))
        tracker.update(ActionExecuted("action_listen", timestamp=t))
    for event in extra:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    store.engine.dispose()


def _events_of(url, sender):
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(sa.text("select count(*) from events where sender_id = :s"),
                                   {"s": sender}).scalar()
    engine.dispose()
    return count


def _summaries(url):
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "select conversation_id, channel, user_messages from conversation_summaries")).fetchall()
    engine.dispose()
    return rows


def test_tracker_store_keeps_no_identifier_in_clear(domain, db_url):
    _conversation(domain, db_url, "conv-store", NOW, extra=[
        SlotSet("callback_contact", "06 12 34 56 78")])
    assert found_in_database(db_url, SECRETS) == []
    events = "\n".join(every_row(db_url)["events"])
    for kept in KEPT:
        assert kept in events
    assert "[téléphone]" in events and "[nom]" in events and "[IBAN]" in events


def test_erasure_leaves_nothing_of_the_person_but_statistics(domain, db_url):
    _conversation(domain, db_url, "conv-erase", NOW)
    ticket, _ = tickets.open_ticket("conv-erase", "rest", "demande explicite", {"age": 19},
                                    url=db_url)
    tickets.record_callback(ticket.id, "telephone", "06 12 34 56 78", "le matin", True, url=db_url)
    annotations.add_note("conv-erase", None, "à rappeler", url=db_url)
    annotations.add_tag("conv-erase", None, "rappel", url=db_url)
    audit.audit(None, "open_transcript", "conv-erase", None, url=db_url)
    _conversation(domain, db_url, "conv-other", NOW, messages=["je suis apprenti"])

    erased = erasure.erase_conversation("conv-erase", "test", url=db_url)

    assert erased.events > 0 and erased.tickets == 1 and erased.callbacks == 1
    assert found_in_database(db_url, ["conv-erase"] + SECRETS) == []
    assert _events_of(db_url, "conv-other") > 0
    stats = _summaries(db_url)
    assert (None, "rest", len(MESSAGES)) in [tuple(r) for r in stats]
    log = "\n".join(every_row(db_url)["console_audit_log"])
    assert "erase" in log and erasure.pseudonym("conv-erase") in log


def test_the_store_writes_nothing_back_after_the_chat_erasure(domain, db_url):
    _conversation(domain, db_url, "conv-chat", NOW, extra=[
        ActionExecuted("action_erase_conversation"), SlotSet("conversation_erased", True),
        BotUttered("C'est fait")])
    assert _events_of(db_url, "conv-chat") == 0


def test_purge_keeps_only_what_is_within_its_retention(domain, db_url):
    _conversation(domain, db_url, "old-no-ticket", NOW - dt.timedelta(days=31))
    _conversation(domain, db_url, "recent-no-ticket", NOW - dt.timedelta(days=29))
    _conversation(domain, db_url, "old-ticket", NOW - dt.timedelta(days=366))
    _conversation(domain, db_url, "kept-ticket", NOW - dt.timedelta(days=100))
    engine = sa.create_engine(db_url)
    for conversation, age in (("old-ticket", 366), ("kept-ticket", 100)):
        ticket, _ = tickets.open_ticket(conversation, "rest", "demande", url=db_url)
        tickets.record_callback(ticket.id, "telephone", "07 11 22 33 44", "le matin", True,
                                url=db_url)
        with engine.begin() as connection:
            old = NOW - dt.timedelta(days=age)
            connection.execute(sa.text("update console_tickets set created_at = :d, "
                                       "updated_at = :d where id = :i"), {"d": old, "i": ticket.id})
            connection.execute(sa.text("update console_callback_requests set created_at = :d "
                                       "where ticket_id = :i"), {"d": old, "i": ticket.id})
    audit.audit(None, "login", None, None, url=db_url)
    with engine.begin() as connection:
        connection.execute(sa.text("update console_audit_log set created_at = :d"),
                           {"d": NOW - dt.timedelta(days=400)})
    engine.dispose()
    before = len(_summaries(db_url))

    report = purge(url=db_url, now=NOW, days=DAYS)

    assert report.conversations == 2
    assert _events_of(db_url, "old-no-ticket") == 0 and _events_of(db_url, "old-ticket") == 0
    assert _events_of(db_url, "recent-no-ticket") > 0 and _events_of(db_url, "kept-ticket") > 0
    rows = every_row(db_url)
    assert not any("old-ticket" in r for r in rows["console_tickets"])
    assert any("kept-ticket" in r for r in rows["console_tickets"])
    assert rows["console_callback_requests"] == []  # 100 days > 90: the contact is gone
    assert not any("login" in r for r in rows["console_audit_log"])
    stats = _summaries(db_url)
    assert len(stats) == before and sum(1 for r in stats if r[0] is None) == 2


def test_purge_with_zero_keeps_nothing_but_statistics(domain, db_url):
    _conversation(domain, db_url, "zero-a", NOW - dt.timedelta(minutes=5))
    _conversation(domain, db_url, "zero-b", NOW - dt.timedelta(seconds=2))
    ticket, _ = tickets.open_ticket("zero-b", "rest", "demande", url=db_url)
    callback_contacts.hold("zero-b", "telephone", "06 12 34 56 78", ticket.id, url=db_url)
    purge(url=db_url, days={name: 0 for name in DAYS})
    assert found_in_database(db_url, ["zero-a", "zero-b"] + SECRETS) == []
    assert [tuple(r)[0] for r in _summaries(db_url)] == [None, None]


def test_make_purge_command_applies_the_environment(domain, db_url):
    _conversation(domain, db_url, "cli-old", NOW - dt.timedelta(days=3))
    env = dict(os.environ, DATABASE_URL=db_url, RETENTION_CONVERSATION_DAYS="1",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "bot.tools.purge"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 conversation(s) purgée(s)" in done.stdout
    assert _events_of(db_url, "cli-old") == 0


def test_logs_carry_no_identifier():
    from bot.storage import log_redaction

    log_redaction.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("test.privacy.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info("Received user message '%s'", MESSAGES[2])
        logger.info('{"event": "processor.message", "text": "j\\u2019habite 12 rue de la '
                    'R\\u00e9publique, je m\'appelle Julie Martin"}')
        logger.error("500, body='b'{\"text\":\"je m\\'appelle Julie Martin\"}''")
        logger.error("body='b'{\"text\":\"je m\\'appelle L\\\\u00e9a Bernardin\"}''")
        try:
            raise ValueError("bad contact julie.martin@gmail.com")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    for secret in SECRETS + ["République", "Bernardin"]:
        assert secret not in output
    assert "[téléphone]" in output and "[e-mail]" in output and "ValueError" in output


def test_erasure_also_clears_other_parts_tables_naming_the_conversation(domain, db_url):
    """A table another part adds later (an outbox, feedback) is swept too: rows deleted, or
    anonymised when their conversation id may be NULL."""
    _conversation(domain, db_url, "conv-sweep", NOW, messages=["je suis apprenti"])
    engine = sa.create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(sa.text("create table part_outbox (id integer primary key, "
                                   "conversation_id varchar(255) not null, body text)"))
        connection.execute(sa.text("create table part_feedback (id integer primary key, "
                                   "conversation_id varchar(255), helpful boolean)"))
        connection.execute(sa.text("insert into part_outbox (id, conversation_id, body) values "
                                   "(1, 'conv-sweep', 'au 06 12 34 56 78'), (2, 'kept', 'x')"))
        connection.execute(sa.text("insert into part_feedback (id, conversation_id, helpful) "
                                   "values (1, 'conv-sweep', true)"))
    erasure.erase_conversation("conv-sweep", "test", url=db_url)
    with engine.connect() as connection:
        outbox = connection.execute(sa.text("select conversation_id from part_outbox")).fetchall()
        feedback = connection.execute(sa.text(
            "select conversation_id, helpful from part_feedback")).fetchall()
    engine.dispose()
    assert [tuple(r) for r in outbox] == [("kept",)]
    assert [tuple(r) for r in feedback] == [(None, True)]
