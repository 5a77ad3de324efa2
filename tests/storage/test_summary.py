"""The summary table: one row per conversation, kept up to date as the tracker store saves each
turn and as tickets open and close; what the console's review reads."""
from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.settings import ROOT
from bot.storage import advisors, review, summary, tickets
from bot.storage.tracker_store import UrlSQLTrackerStore
from bot.tools import migrate

RESULTS = {"type": "aid_results", "results": [
    {"id": "mobili_jeune", "name": "Aide Mobili-Jeune", "status": "eligible"},
    {"id": "visale", "name": "Garantie Visale", "status": "eligible"},
    {"id": "avance_loca_pass", "name": "Avance Loca-Pass", "status": "to_confirm"},
    {"id": "pret_accession", "name": "Prêt accession", "status": "ineligible"}]}


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def _conversation(store, domain, sender: str, channel: str = "socketio") -> None:
    """Léa, apprentie, over three turns (one not understood), then the verdict."""
    async def play():
        tracker = DialogueStateTracker(sender, domain.slots)
        for event in [ActionExecuted("action_session_start"), SessionStarted(),
                      ActionExecuted("action_listen")]:
            tracker.update(event)
        await store.save(tracker)
        turns = [("Bonjour, je suis apprentie à Rennes", "alternance", None),
                 ("euh zrtgh", "nlu_fallback", None),
                 ("19 ans, je cherche un studio", "informer", RESULTS)]
        for text, intent, verdict in turns:
            tracker = await store.retrieve(sender)
            tracker.update(UserUttered(text, {"name": intent, "confidence": 0.8},
                                       input_channel=channel))
            tracker.update(ActionExecuted("action_process_turn"))
            tracker.update(SlotSet("profile", {"age": 19, "activity": "alternant",
                                               "project": "louer"}))
            if verdict:
                tracker.update(SlotSet("aid_results", {"results": verdict["results"]}))
                tracker.update(BotUttered("D'après vos réponses…", data={"custom": verdict}))
            else:
                tracker.update(BotUttered("Quel âge avez-vous ?"))
            tracker.update(ActionExecuted("action_listen"))
            await store.save(tracker)

    asyncio.run(play())


def test_a_conversation_is_summed_up_as_it_is_saved(db_url, domain):
    store = UrlSQLTrackerStore(domain=domain, host=db_url)
    _conversation(store, domain, "lea")
    row = summary.get("lea", url=db_url)
    assert row.channel == "socketio"
    assert row.user_messages == 3 and row.not_understood == 1
    assert row.verdict_reached is True
    assert json.loads(row.eligible_products) == ["mobili_jeune", "visale"]
    assert json.loads(row.to_confirm_products) == ["avance_loca_pass"]
    assert row.situation == "alternant, louer"
    assert row.started_at <= row.last_event_at
    assert abs((dt.datetime.utcnow() - row.last_event_at).total_seconds()) < 300
    assert row.handoff is False and row.outcome is None


def test_a_ticket_marks_the_handoff_and_its_closing_the_outcome(db_url, domain):
    store = UrlSQLTrackerStore(domain=domain, host=db_url)
    _conversation(store, domain, "karim", channel="rest")
    advisor = advisors.save_advisor("camille", "un mot de passe long", url=db_url)
    ticket, _ = tickets.open_ticket("karim", "rest", "demande explicite", url=db_url)
    assert summary.get("karim", url=db_url).handoff is True
    tickets.close_ticket(ticket.id, advisor.id, "dossier Visale envoyé", url=db_url)
    row = summary.get("karim", url=db_url)
    assert row.outcome == "dossier Visale envoyé" and row.user_messages == 3
    ids = [r.conversation_id for r in review.review(review.ReviewFilters(
        handoff="yes", outcome="visale"), url=db_url)]
    assert ids == ["karim"]


def test_a_ticket_without_any_event_still_has_its_row(db_url):
    tickets.open_ticket("hr-only", "hr", "rappel demandé", profile={"activity": "saisonnier"},
                        url=db_url)
    rows = review.review(review.ReviewFilters(situation="saisonnier"), url=db_url)
    assert [(r.conversation_id, r.channel, r.handed_off) for r in rows] == [("hr-only", "hr", True)]


def test_an_erased_conversation_stays_as_anonymous_statistics(db_url, domain):
    store = UrlSQLTrackerStore(domain=domain, host=db_url)
    _conversation(store, domain, "to-erase")
    before = summary.counts(url=db_url)
    assert summary.anonymise("to-erase", url=db_url) == 1
    assert summary.get("to-erase", url=db_url) is None
    assert summary.counts(url=db_url) == before
    assert "to-erase" not in [r.conversation_id for r in review.review(url=db_url)]


def test_the_migration_sums_up_the_conversations_already_stored(tmp_path, domain):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate.upgrade(url, "0003_privacy")
    _conversation(SQLTrackerStore(domain=domain, host=url), domain, "before-upgrade")
    migrate.upgrade(url)
    row = summary.get("before-upgrade", url=url)
    assert row.user_messages == 3 and row.verdict_reached is True
    indexes = {i["name"] for i in sa.inspect(sa.create_engine(url)).get_indexes("events")}
    assert "ix_events_sender_type_action" in indexes


def test_exports_carry_the_transcript_and_profile(db_url, domain):
    store = UrlSQLTrackerStore(domain=domain, host=db_url)
    _conversation(store, domain, "export-me")
    rows = review.with_transcripts(review.review(review.ReviewFilters(aid="visale"), url=db_url),
                                   url=db_url)
    exported = [r.as_dict() for r in rows]
    assert [d["conversation_id"] for d in exported] == ["export-me"]
    assert exported[0]["profile"]["activity"] == "alternant"
    assert exported[0]["eligible"] == ["Aide Mobili-Jeune", "Garantie Visale"]
    assert [m["text"] for m in exported[0]["messages"]][:2] == [
        "Bonjour, je suis apprentie à Rennes", "Quel âge avez-vous ?"]


def test_the_text_filter_finds_accented_words(db_url, domain):
    store = UrlSQLTrackerStore(domain=domain, host=db_url)
    _conversation(store, domain, "accents")
    _conversation(store, domain, "other")
    found = [r.conversation_id for r in review.review(review.ReviewFilters(text="à rennes"),
                                                      url=db_url)]
    assert sorted(found) == ["accents", "other"]
    assert review.review(review.ReviewFilters(text="marseille"), url=db_url) == []
