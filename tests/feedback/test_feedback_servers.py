"""Feedback and outcome follow-up over REST and socket.io, against the real servers (``stack``).

A person reaches a verdict; the same reply asks « Cette réponse vous a-t-elle aidé ? » with two
buttons; the button's payload is recorded and shows in the dashboard's rate, the comment in its
list, the review filters on it. A person who asks for a follow-up gets « Avez-vous fait votre
demande de … ? » on their channel when the web app's job runs a week later (its clock is
injected: nothing waits, nothing depends on today's date); « besoin d'aide » opens a ticket.
"""
from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import queue
import uuid
from typing import Any

import pytest
import socketio

from bot.storage import feedback as store
from tests.console.conftest import make_advisor
from tests.console.test_console_access import _login_form_token, _post_login, raw
from tests.conversation.helpers import DONT_KNOW, Conversation, customs, texts, until_verdict
from tests.conversation.personas import PERSONAS
from tests.servers import http_json

PERSONA = PERSONAS["TC01"]  # an apprentice: Mobili-Jeune, Avance Loca-Pass, Visale
YES, NO = '/donner_avis{"avis": "oui"}', '/donner_avis{"avis": "non"}'
REMIND = '/suivre_demande{"suivi": "rappel"}'


# -- helpers ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def console(stack) -> str:
    """The session cookie of an advisor (not an admin) logged in through the console's form."""
    login = "avis-" + uuid.uuid4().hex[:6]
    make_advisor(stack, login, "mot de passe des avis", "advisor", "Sacha Bernard")
    cookie, token = _login_form_token(stack)
    status, headers, _ = _post_login(stack, cookie, token, login, "mot de passe des avis")
    assert status == 303
    return headers["set-cookie"].split(";")[0]


def dashboard_csv(stack, console: str, table: str) -> dict:
    status, _, body = raw("GET", f"{stack.web_url}/console/tableau-de-bord/{table}.csv",
                          headers={"Cookie": console})
    assert status == 200, body[:200]
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    return {row[0]: row[1:] for row in rows[1:]}


def feedback_counts(stack, console: str) -> tuple[int, int]:
    table = dashboard_csv(stack, console, "avis")
    return int(table["Conversations ayant répondu"][0]), int(table["Oui, la réponse a aidé"][0])


def rest_verdict(stack) -> tuple[Conversation, list]:
    conv = Conversation(stack)
    reply, _ = until_verdict(conv, conv.say(PERSONA["first"]), PERSONA["answers"])
    return conv, reply


def question_of(messages: list) -> dict:
    found = [m for m in messages if "vous a-t-elle aidé ?" in (m.get("text") or "")]
    assert found, messages
    return found[-1]


class SocketUser:
    """The widget's protocol: a socket.io client in the room of its session."""

    def __init__(self, stack):
        self.events: "queue.Queue[dict]" = queue.Queue()
        confirmed: "queue.Queue[Any]" = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", lambda data: self.events.put(data))
        self.client.on("session_confirm", lambda data: confirmed.put(data))
        self.client.connect(stack.rasa_url, transports=["polling"])
        self.client.emit("session_request", {})
        answer = confirmed.get(timeout=30)  # {"session_id", "token"} (the server picks the id)
        self.session_id = answer["session_id"] if isinstance(answer, dict) else answer
        self.token = answer.get("token") if isinstance(answer, dict) else None
        assert self.session_id

    def say(self, text: str) -> None:
        self.client.emit("user_uttered", {"message": text, "session_id": self.session_id,
                                          "token": self.token})

    def wait_for(self, matches, timeout: float = 90) -> dict:
        seen = []
        while True:
            try:
                event = self.events.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"nothing matching after {seen}") from None
            seen.append(event)
            if matches(event):
                return event

    def close(self) -> None:
        self.client.disconnect()


def has_text(part: str):
    return lambda e: part in (e.get("text") or "")


def socket_verdict(user: SocketUser) -> dict:
    """Play the persona over socket.io until the verdict; returns the feedback question."""
    user.say(PERSONA["first"])
    for _ in range(25):
        event = user.wait_for(lambda e: e.get("type") in ("ask", "aid_results"))
        if event["type"] == "aid_results":
            return user.wait_for(has_text("vous a-t-elle aidé ?"))
        user.say(PERSONA["answers"].get(event["field"], DONT_KNOW))
    raise AssertionError("no verdict after 25 questions")


def run_follow_up_job(stack, monkeypatch, now: dt.datetime) -> dict:
    """The web app's periodic job, run here with its clock set to ``now``."""
    from bot.web import follow_up_job

    monkeypatch.setenv("DATABASE_URL", stack.database_url)
    monkeypatch.setenv("RASA_URL", stack.rasa_url)
    monkeypatch.setenv("RASA_TOKEN", stack.rasa_token)
    return asyncio.run(follow_up_job.send_due(now))


def scheduled_of(stack, conversation_id: str):
    from bot.storage.db import session_scope

    with session_scope(stack.database_url) as session:
        return (session.query(store.FollowUp).filter_by(conversation_id=conversation_id)
                .order_by(store.FollowUp.id.desc()).first())


# -- feedback over REST -------------------------------------------------------------------------
def test_the_verdict_reply_asks_whether_it_helped_with_two_buttons(stack):
    _, reply = rest_verdict(stack)
    kinds = [("verdict" if customs([m], "aid_results") else m.get("text", "")) for m in reply]
    question = question_of(reply)
    assert kinds.index("verdict") < reply.index(question)  # after the verdict, same reply
    assert question["text"] == "Cette réponse vous a-t-elle aidé ?"
    assert [b["title"] for b in question["buttons"]] == ["Oui", "Non"]


def test_a_yes_over_rest_raises_the_dashboard_rate(stack, console):
    conv, reply = rest_verdict(stack)
    answers, yes = feedback_counts(stack, console)
    after = conv.say(question_of(reply)["buttons"][0]["payload"])
    assert "Merci pour votre avis" in texts(after), conv.show()
    assert feedback_counts(stack, console) == (answers + 1, yes + 1)


def test_a_conversation_counts_once_with_its_latest_answer(stack, console):
    conv, _ = rest_verdict(stack)
    answers, yes = feedback_counts(stack, console)
    conv.say(YES)
    conv.say(NO)
    conv.say("non merci")  # no comment
    assert feedback_counts(stack, console) == (answers + 1, yes)


def test_a_yes_clicked_instead_of_the_comment_counts_as_the_answer(stack, console):
    conv, _ = rest_verdict(stack)
    conv.say(NO)
    reply = conv.say(YES)
    assert "Merci pour votre avis" in texts(reply), conv.show()
    assert store.latest_feedback([conv.sender], stack.database_url) == {conv.sender: True}


def test_a_no_then_a_comment_shows_on_the_dashboard_and_in_the_review_filter(stack, console):
    conv, _ = rest_verdict(stack)
    asked = conv.say(NO)
    assert "ce qui vous a manqué" in texts(asked), conv.show()
    comment = f"Il manquait le délai de réponse {uuid.uuid4().hex[:6]}"
    thanks = conv.say(comment)
    assert "commentaire est transmis" in texts(thanks), conv.show()
    _, _, page = raw("GET", f"{stack.web_url}/console/tableau-de-bord", headers={"Cookie": console})
    assert comment in page
    _, _, unhelpful = raw("GET", f"{stack.web_url}/console/conversations?feedback=non",
                          headers={"Cookie": console})
    _, _, helpful = raw("GET", f"{stack.web_url}/console/conversations?feedback=oui",
                        headers={"Cookie": console})
    assert conv.sender in unhelpful and conv.sender not in helpful


def test_words_about_an_answer_with_no_question_asked_are_not_feedback(stack):
    conv = Conversation(stack)
    conv.say("Bonjour, je suis apprentie et je cherche un logement")
    conv.say("votre réponse ne m'a pas aidé")
    assert store.latest_feedback([conv.sender], stack.database_url) == {}, conv.show()


def test_the_dashboard_counts_a_new_rest_conversation_today(stack, console):
    from zoneinfo import ZoneInfo

    today = dt.datetime.now(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y")
    before = dashboard_csv(stack, console, "conversations").get(today)
    Conversation(stack).say("Bonjour, je cherche une aide pour mon loyer")
    table = dashboard_csv(stack, console, "conversations")
    status, _, header = raw("GET", f"{stack.web_url}/console/tableau-de-bord/conversations.csv",
                            headers={"Cookie": console})
    columns = header.lstrip("\ufeff").splitlines()[0].split(";")[1:]
    row = dict(zip(columns, table[today]))
    old = dict(zip(columns, before)) if before else {}
    assert int(row["Total"]) == int(old.get("Total", 0)) + 1
    assert int(row["API REST (rest)"]) == int(old.get("API REST (rest)", 0)) + 1


# -- feedback and follow-up over socket.io ------------------------------------------------------
def test_socketio_verdict_brings_the_question_and_a_no_with_its_comment_is_stored(stack):
    user = SocketUser(stack)
    try:
        question = socket_verdict(user)
        assert [b["title"] for b in question["quick_replies"]] == ["Oui", "Non"]
        user.say(question["quick_replies"][1]["payload"])
        user.wait_for(has_text("ce qui vous a manqué"))
        user.say("Je ne sais pas où envoyer le dossier")
        user.wait_for(has_text("commentaire est transmis"))
    finally:
        user.close()
    given = store.latest_feedback([user.session_id], stack.database_url)
    assert given == {user.session_id: False}
    rows = store.feedback_between(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1), stack.database_url)
    mine = [r for r in rows if r.conversation_id == user.session_id]
    assert mine[-1].comment and "envoyer le dossier" in mine[-1].comment
    assert mine[-1].channel == "socketio"


def test_socketio_follow_up_comes_a_week_later_and_need_help_opens_a_ticket(stack, monkeypatch):
    user = SocketUser(stack)
    try:
        question = socket_verdict(user)
        user.say(question["quick_replies"][0]["payload"])
        offer = user.wait_for(lambda e: bool(e.get("quick_replies")))
        assert "dans une semaine" in offer["text"]
        user.say(offer["quick_replies"][0]["payload"])
        user.wait_for(has_text("C'est noté"))
        row = scheduled_of(stack, user.session_id)
        assert row.status == "scheduled" and row.channel == "socketio"
        run_follow_up_job(stack, monkeypatch, row.due_at + dt.timedelta(minutes=1))
        follow_up = user.wait_for(has_text("Avez-vous fait votre demande de"))
        assert "Aide Mobili-Jeune" in follow_up["text"] or "Visale" in follow_up["text"]
        titles = [b["title"] for b in follow_up["quick_replies"]]
        assert titles == ["C'est fait", "Pas encore", "Je n'ai pas pu", "J'ai besoin d'aide"]
        user.say(follow_up["quick_replies"][3]["payload"])
        handoff = user.wait_for(lambda e: e.get("type") == "handoff")
        assert handoff["status"] == "queued" and handoff["ticket_id"]
    finally:
        user.close()
    row = scheduled_of(stack, user.session_id)
    assert (row.status, row.answer) == ("answered", "besoin_aide") and row.sent_at


# -- follow-up over REST ------------------------------------------------------------------------
def test_rest_follow_up_waits_in_the_outbox_and_its_answer_feeds_the_dashboard(stack, console,
                                                                               monkeypatch):
    conv, _ = rest_verdict(stack)
    offered = conv.say(YES)
    offer = [m for m in offered if m.get("buttons")]
    assert offer and offer[-1]["buttons"][0]["payload"] == REMIND, conv.show()
    assert "C'est noté" in texts(conv.say(REMIND)), conv.show()
    row = scheduled_of(stack, conv.sender)
    assert row.due_at - row.requested_at == dt.timedelta(days=7)
    run_follow_up_job(stack, monkeypatch, row.due_at + dt.timedelta(hours=2))
    status, waiting = http_json("POST", f"{stack.rasa_url}/webhooks/rest/poll",
                                {"sender": conv.sender})
    assert status == 200
    follow_up = [m for m in waiting if "Avez-vous fait votre demande" in (m.get("text") or "")]
    assert follow_up and len(follow_up[0]["buttons"]) == 4, waiting
    before = int(dashboard_csv(stack, console, "relances")["Réponse « fait »"][0])
    done = conv.say(follow_up[0]["buttons"][0]["payload"])
    assert "Bravo" in texts(done), conv.show()
    assert int(dashboard_csv(stack, console, "relances")["Réponse « fait »"][0]) == before + 1


def test_a_follow_up_is_not_sent_before_its_week(stack, monkeypatch):
    conv, _ = rest_verdict(stack)
    conv.say(YES)
    conv.say(REMIND)
    row = scheduled_of(stack, conv.sender)
    run_follow_up_job(stack, monkeypatch, row.due_at - dt.timedelta(minutes=5))
    assert scheduled_of(stack, conv.sender).status == "scheduled"
    status, waiting = http_json("POST", f"{stack.rasa_url}/webhooks/rest/poll", {"sender": conv.sender})
    assert status == 200 and waiting == []
