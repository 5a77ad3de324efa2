"""Console storage on a real database: migrations up and down, advisors, tickets, outbox."""
from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
import sqlalchemy as sa

from bot import opening_hours as hours
from bot.storage import (advisors, annotations, errors, rest_outbox, review, summary, tickets,
                         transcripts)
from bot.storage.db import session_scope
from bot.storage.models import utcnow
from bot.tools import migrate

CONSOLE_TABLES = {"console_advisors", "console_tickets", "console_callback_requests",
                  "console_notes", "console_tags", "console_audit_log", "console_outbox",
                  "conversation_summaries"}
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def tables(url: str) -> set:
    return set(sa.inspect(sa.create_engine(url)).get_table_names())


@pytest.fixture()
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    migrate.upgrade(url)
    return url


def test_migrations_up_and_down_on_sqlite_leave_rasa_events_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:  # a tracker store table already there
        connection.execute(sa.text("create table events (id integer primary key, sender_id text)"))
    migrate.upgrade(url)
    assert CONSOLE_TABLES | {"events", "console_alembic_version"} <= tables(url)
    migrate.upgrade(url)  # idempotent
    migrate.downgrade(url)
    assert tables(url) & CONSOLE_TABLES == set()
    assert "events" in tables(url)
    migrate.upgrade(url)
    assert CONSOLE_TABLES <= tables(url)


def _postgres_reachable() -> str:
    try:
        with sa.create_engine(POSTGRES_URL).connect() as connection:
            connection.execute(sa.text("select 1"))
        return ""
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {type(error).__name__}: {error}"[:300]


def test_migrations_up_and_down_on_postgresql():
    reason = _postgres_reachable()
    if reason:
        pytest.skip(reason)
    schema = "console_test_" + uuid.uuid4().hex[:8]
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f"create schema {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        migrate.upgrade(url)
        names = set(sa.inspect(engine).get_table_names(schema=schema))
        assert CONSOLE_TABLES <= names
        advisor = advisors.save_advisor("pg-user", "motdepasse-long", url=url)
        ticket, created = tickets.open_ticket("pg-conv", "rest", "demande explicite",
                                              {"age": 19}, None, url=url)
        assert created and tickets.get_ticket(ticket.id, url=url).profile == {"age": 19}
        tickets.take_ticket(ticket.id, advisor.id, url=url)
        migrate.downgrade(url)
        assert not set(sa.inspect(engine).get_table_names(schema=schema)) & CONSOLE_TABLES
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"drop schema {schema} cascade"))


def test_advisor_password_is_hashed_and_checked(db):
    advisors.save_advisor("camille", "un mot de passe", "advisor", "Camille", url=db)
    stored = sa.create_engine(db).connect().execute(
        sa.text("select password_hash from console_advisors")).scalar()
    assert stored.startswith("$argon2") and "un mot de passe" not in stored
    advisor, error = advisors.authenticate("camille", "un mot de passe", url=db)
    assert advisor is not None and error is None
    advisor, error = advisors.authenticate("camille", "mauvais", url=db)
    assert advisor is None and error == advisors.REFUSED
    assert advisors.authenticate("inconnu", "x", url=db)[1] == advisors.REFUSED


def test_five_failures_lock_the_account_for_15_minutes(db):
    advisors.save_advisor("lea", "le bon mot de passe", url=db)
    now = utcnow()
    for _ in range(4):
        assert "incorrect" in advisors.authenticate("lea", "faux", url=db, now=now)[1]
    assert "bloqué" in advisors.authenticate("lea", "faux", url=db, now=now)[1]
    # even the right password is refused while locked
    advisor, error = advisors.authenticate("lea", "le bon mot de passe", url=db, now=now)
    assert advisor is None and "15 min" in error
    later = now + dt.timedelta(minutes=16)
    assert advisors.authenticate("lea", "le bon mot de passe", url=db, now=later)[0] is not None
    # updating the account (make advisor) unlocks it too
    for _ in range(5):
        advisors.authenticate("lea", "faux", url=db, now=later)
    advisors.save_advisor("lea", "un autre mot de passe", url=db)
    assert advisors.authenticate("lea", "un autre mot de passe", url=db, now=later)[0] is not None


def test_bad_accounts_are_refused_in_french(db):
    with pytest.raises(errors.ServiceError, match="trop court"):
        advisors.save_advisor("ok-login", "court", url=db)
    with pytest.raises(errors.ServiceError, match="Identifiant invalide"):
        advisors.save_advisor("a b", "assez long mot", url=db)
    with pytest.raises(errors.ServiceError, match="Rôle inconnu"):
        advisors.save_advisor("ok-login", "assez long mot", role="chef", url=db)


def test_advisor_online_only_with_a_recent_heartbeat(db):
    advisor = advisors.save_advisor("sam", "mot de passe sam", url=db)
    assert advisors.advisors_online(url=db) == 0
    advisors.heartbeat(advisor.id, url=db)
    assert advisors.advisors_online(url=db) == 1
    assert advisors.advisors_online(url=db, now=utcnow() + dt.timedelta(minutes=3)) == 0


def test_ticket_lifecycle_keeps_one_open_ticket_per_conversation(db):
    advisor = advisors.save_advisor("nora", "mot de passe nora", url=db)
    profile = {"activity": "alternant", "age": 19}
    results = {"results": [{"id": "mobili_jeune", "name": "Aide Mobili-Jeune", "status": "eligible"}]}
    first, created = tickets.open_ticket("conv-1", "rest", "demande explicite", profile, results, url=db)
    again, created_again = tickets.open_ticket("conv-1", "rest", "demande explicite", url=db)
    assert created and not created_again and again.id == first.id
    other, _ = tickets.open_ticket("conv-2", "socketio", "difficulté", url=db)
    assert [t.id for t in tickets.open_tickets(url=db)] == [first.id, other.id]  # oldest first
    assert tickets.queue_position(other.id, url=db) == 2
    tickets.take_ticket(first.id, advisor.id, url=db)
    ticket = tickets.get_ticket(first.id, url=db)
    assert ticket.status == "advisor_joined" and ticket.advisor.login == "nora"
    assert ticket.profile == profile and ticket.aid_results == results
    with pytest.raises(errors.ServiceError, match="issue"):
        tickets.close_ticket(first.id, advisor.id, "  ", url=db)
    tickets.close_ticket(first.id, advisor.id, "Réponse apportée", url=db)
    assert tickets.get_ticket(first.id, url=db).status == "closed"
    assert [t.id for t in tickets.open_tickets(url=db)] == [other.id]
    newer, created = tickets.open_ticket("conv-1", "rest", "nouvelle demande", url=db)
    assert created and newer.id != first.id


def test_callback_request_needs_consent(db):
    ticket, _ = tickets.open_ticket("conv-cb", "rest", "demande explicite", mode="callback", url=db)
    with pytest.raises(errors.ServiceError):
        tickets.record_callback(ticket.id, "telephone", "06 12 34 56 78", "le matin", False, url=db)
    tickets.record_callback(ticket.id, "telephone", "06 12 34 56 78", "le matin", True, url=db)
    stored = tickets.get_ticket(ticket.id, url=db)
    assert stored.callback.contact == "06 12 34 56 78" and stored.mode == "callback"


def test_outbox_returns_messages_once_in_order(db):
    rest_outbox.outbox_put("rest", "u1", [{"text": "un"}, {"text": "deux"}], url=db)
    rest_outbox.outbox_put("rest", "u2", [{"text": "autre"}], url=db)
    assert rest_outbox.outbox_pop("rest", "u1", url=db) == [{"text": "un"}, {"text": "deux"}]
    assert rest_outbox.outbox_pop("rest", "u1", url=db) == []
    assert rest_outbox.outbox_pop("rest", "u2", url=db) == [{"text": "autre"}]


def _tracker_events(url: str, sender: str, events: list[dict]) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "create table if not exists events (id integer primary key autoincrement, "
            "sender_id text, type_name text, timestamp float, intent_name text, "
            "action_name text, data text)"))
        for event in events:
            connection.execute(sa.text(
                "insert into events (sender_id, type_name, timestamp, action_name, data) "
                "values (:s, :t, :ts, :a, :d)"),
                {"s": sender, "t": event["event"], "ts": event["timestamp"],
                 "a": event.get("name"), "d": json.dumps(event)})
    with session_scope(url) as session:  # as the tracker store does when it saves
        summary.record(session, sender, events)


def test_review_filters_and_transcript(db):
    ts = dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone.utc).timestamp()
    results = {"results": [{"id": "mobili_jeune", "name": "Aide Mobili-Jeune", "status": "eligible"}]}
    _tracker_events(db, "alice", [
        {"event": "user", "timestamp": ts, "text": "je suis apprenti", "input_channel": "rest",
         "parse_data": {"intent": {"name": "informer", "confidence": 0.93},
                        "entities": [{"entity": "activity", "value": "alternant"}]}},
        {"event": "action", "timestamp": ts + 1, "name": "action_process_turn", "policy": "RulePolicy", "confidence": 1.0},
        {"event": "slot", "timestamp": ts + 1, "name": "profile", "value": {"activity": "alternant"}},
        {"event": "slot", "timestamp": ts + 1, "name": "aid_results", "value": results},
        {"event": "bot", "timestamp": ts + 2, "text": "Vous pouvez obtenir Mobili-Jeune."},
        {"event": "pause", "timestamp": ts + 3},
    ])
    _tracker_events(db, "bob", [
        {"event": "user", "timestamp": ts + 86400 * 3, "text": "bonjour", "input_channel": "socketio",
         "parse_data": {"intent": {"name": "saluer", "confidence": 0.99}, "entities": []}},
    ])
    tickets.open_ticket("alice", "rest", "demande explicite", url=db)
    annotations.add_tag("alice", None, "Urgent dossier", url=db)
    ids = lambda f: [s.conversation_id for s in review.review(f, url=db)]  # noqa: E731
    F = review.ReviewFilters
    assert ids(F()) == ["bob", "alice"]  # most recent first
    assert ids(F(channel="rest")) == ["alice"]
    assert ids(F(situation="alternant")) == ["alice"]
    assert ids(F(aid="yes")) == ["alice"] and ids(F(aid="no")) == ["bob"]
    assert ids(F(aid="mobili_jeune")) == ["alice"]
    assert ids(F(handoff="yes")) == ["alice"] and ids(F(handoff="no")) == ["bob"]
    assert ids(F(text="APPRENTI")) == ["alice"]
    assert ids(F(tag="urgent-dossier")) == ["alice"]
    assert ids(F(date_from=dt.date(2026, 11, 21))) == ["bob"]
    assert ids(F(date_to=dt.date(2026, 11, 20))) == ["alice"]
    events = transcripts.transcript_events("alice", url=db)
    items = transcripts.transcript_items(events)
    user = items[0]
    assert user["intent"] == "informer" and user["confidence"] == 0.93
    assert user["entities"] == [{"entity": "activity", "value": "alternant"}]
    assert [i["kind"] for i in items] == ["user", "action", "slot", "slot", "bot", "pause"]
    assert transcripts.is_paused(events) and transcripts.latest_input_channel(events) == "rest"
    with pytest.raises(errors.ServiceError, match="Date illisible"):
        F.from_query({"from": "20/11/2026"})


def test_opening_hours():
    paris_wednesday_10h = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.timezone.utc)
    paris_wednesday_20h = dt.datetime(2026, 11, 25, 19, 0, tzinfo=dt.timezone.utc)
    saturday = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.timezone.utc)
    default = hours.parse(None)
    assert default.is_open(paris_wednesday_10h)
    assert not default.is_open(paris_wednesday_20h) and not default.is_open(saturday)
    assert hours.parse("always").is_open(paris_wednesday_20h)
    assert not hours.parse("never").is_open(paris_wednesday_10h)
    split = hours.parse("lun-ven 09:00-12:00 14:00-18:00; sam 10:00-12:00")
    assert split.is_open(saturday) and not split.is_open(
        dt.datetime(2026, 11, 25, 12, 30, tzinfo=dt.timezone.utc))
    for bad in ("lundi 09:00-18:00", "lun-ven 18:00-09:00", "lun-ven", "lun-ven 9-18h"):
        with pytest.raises(hours.HoursError):
            hours.parse(bad)
