"""Privacy on the real stack (Rasa + action server + web app, tests/conftest.py): personal
data typed into conversations over REST and the widget's socket.io leaves none in clear in any
table nor in the servers' log files, salaries and dates stay readable; the chat erasure, the
console's erasure, the download of one's conversation and `make purge` with a zero retention.
(The HR webhook and the HR privacy API: tests/integrations/test_hr_privacy.py.)"""
from __future__ import annotations

import queue
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from tests.privacy.conftest import every_row, found_in_database
from tests.servers import ARTIFACTS, ROOT, http_json

PHONE, EMAIL = "06 41 52 63 74", "lea.bernardin@exemple.fr"
IBAN, CARD = "FR76 3000 6000 0112 3456 7890 189", "4111 1111 1111 1111"
NIR, ADDRESS, NAME = "2 94 03 75 120 005 91", "27 rue de la Monnaie", "Léa Bernardin"
SECRETS = [PHONE, "0641526374", EMAIL, IBAN, "FR7630006000", CARD, NIR, "294037512000591",
           ADDRESS, "Monnaie", NAME, "Bernardin"]
MESSAGES = [
    "j'ai 19 ans, je gagne 1 300 € net, j'arrive à Rennes le 14 août",
    f"bonjour, je m'appelle {NAME}",
    f"mon portable {PHONE} ou 0641526374, mon courriel {EMAIL}",
    f"j'habite au {ADDRESS} à Rennes, mon IBAN est {IBAN}",
    f"ma carte {CARD} et ma sécu {NIR}",
]
KEPT = ["19 ans", "1 300 €", "14 août", "Rennes"]


def _texts(messages: list) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def _event_count(stack, sender: str) -> int:
    with sa.create_engine(stack.database_url).connect() as connection:
        return connection.execute(sa.text("select count(*) from events where sender_id = :s"),
                                  {"s": sender}).scalar()


def _socketio_conversation(stack, messages: list[str]) -> tuple[str, str]:
    """The widget's protocol: the server confirms (and, with issue 10, signs) the session."""
    import socketio

    session_id = uuid.uuid4().hex
    received: "queue.Queue[dict]" = queue.Queue()
    confirmed: "queue.Queue[str]" = queue.Queue()
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", lambda data: received.put(data))
    client.on("session_confirm", lambda data: confirmed.put(data))
    client.connect(stack.rasa_url, transports=["polling"])
    try:
        client.emit("session_request", {"session_id": session_id})
        confirmation = confirmed.get(timeout=15)
        token = None
        if isinstance(confirmation, dict):  # {"session_id", "token"}: issued by the server
            session_id, token = confirmation["session_id"], confirmation.get("token")
        else:
            assert confirmation == session_id
        for text in messages:
            client.emit("user_uttered", {"message": text, "session_id": session_id,
                                         "metadata": {"employer": {"size": 120}}})
            try:
                received.get(timeout=60)  # the first reply of this turn
            except queue.Empty:  # paused for an advisor: stored, not answered
                pass
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # the turn is stored once the bot answered
                try:
                    received.get(timeout=1.5)
                except queue.Empty:
                    break
    finally:
        client.disconnect()
    return session_id, token


@pytest.fixture(scope="module")
def conversations(stack):
    """One REST and one widget (socket.io) conversation, each carrying every kind of data,
    and a REST conversation that leaves a phone number for a callback, with consent."""
    rest = "privacy-rest-" + uuid.uuid4().hex[:8]
    for text in MESSAGES:
        stack.say(rest, text)
    widget, token = _socketio_conversation(stack, MESSAGES)
    engine = sa.create_engine(stack.database_url)
    with engine.begin() as connection:  # nobody online: the callback form is offered
        connection.execute(sa.text("update console_advisors set last_seen_at = null"))
    engine.dispose()
    callback = "privacy-callback-" + uuid.uuid4().hex[:8]
    stack.say(callback, "je voudrais parler à un conseiller")
    stack.say(callback, "téléphone")
    stack.say(callback, "07 81 22 33 44")
    stack.say(callback, "le matin")
    done = _texts(stack.say(callback, "oui"))
    assert "07 •• •• •• 44" in done  # the user recognises the number; it is not repeated whole
    return {"rest": rest, "widget": widget, "callback": callback, "token": token}


def test_no_personal_data_in_clear_in_any_table(stack, conversations):
    assert found_in_database(stack.database_url, SECRETS) == []
    rows = every_row(stack.database_url)
    holders = [table for table, texts in rows.items() if any("07 81 22 33 44" in t for t in texts)]
    assert holders == ["console_callback_requests"]  # the contact given with consent, only there


def test_salaries_dates_ages_and_towns_are_not_masked(stack, conversations):
    for sender in (conversations["rest"], conversations["widget"]):
        texts = [e["text"] for e in stack.tracker(sender)["events"] if e.get("event") == "user"]
        assert texts[0] == "j'ai 19 ans, je gagne 1 300 € net, j'arrive à Rennes le 14 août"
        assert "[téléphone]" in texts[2] and "[e-mail]" in texts[2]
        assert texts[3] == "j'habite au [adresse] à Rennes, mon IBAN est [IBAN]"


def test_no_personal_data_in_the_log_files(stack, conversations):
    time.sleep(1)  # let the servers flush their last lines
    logs = {path.name: path.read_text(errors="replace") for path in ARTIFACTS.glob("*.log")}
    assert {"rasa.log", "actions.log", "web.log"} <= set(logs)
    hits = [f"{name}: {secret}" for name, text in logs.items() for secret in SECRETS
            if secret in text]
    assert hits == []


def test_the_widget_download_holds_the_conversation_and_profile(stack, conversations):
    status, data = http_json("POST", f"{stack.rasa_url}/webhooks/privacy/download",
                             {"session_id": conversations["widget"],
                              "token": conversations["token"], "format": "json"})
    assert status == 200
    said = [m["text"] for m in data["messages"] if m["from"] == "vous"]
    assert said[0] == MESSAGES[0] and len(said) == len(MESSAGES)
    assert any(m["from"] == "assistant" for m in data["messages"])
    assert data["profile"].get("age") == 19
    text = requests.post(f"{stack.rasa_url}/webhooks/privacy/download",
                         json={"session_id": conversations["widget"],
                               "token": conversations["token"]}, timeout=30)
    assert text.status_code == 200 and "j'arrive à Rennes le 14 août" in text.text
    assert "attachment" in text.headers["Content-Disposition"]


def test_nobody_else_can_download_a_conversation(stack, conversations):
    for session_id in (uuid.uuid4().hex, conversations["rest"], "../../etc/passwd", 42):
        status, _ = http_json("POST", f"{stack.rasa_url}/webhooks/privacy/download",
                              {"session_id": session_id, "token": conversations["token"]})
        assert status == 404
    if conversations["token"]:  # the id alone, or with a forged token, is not enough
        for token in (None, "forged", conversations["token"][::-1]):
            status, _ = http_json("POST", f"{stack.rasa_url}/webhooks/privacy/download",
                                  {"session_id": conversations["widget"], "token": token})
            assert status == 404


def test_an_erasure_request_alone_erases_nothing_and_oui_erases(stack):
    sender = "privacy-erase-" + uuid.uuid4().hex[:8]
    stack.say(sender, f"bonjour, mon numéro est {PHONE}")
    question = _texts(stack.say(sender, "je suis apprentie et je cherche un logement"))
    assert "?" in question  # the assistant is waiting for an answer
    asked = _texts(stack.say(sender, "supprimez mes données"))
    assert "effac" in asked and "?" in asked
    assert _event_count(stack, sender) > 0
    done = _texts(stack.say(sender, "oui"))
    assert "effacée" in done
    assert _event_count(stack, sender) == 0
    assert found_in_database(stack.database_url, [sender]) == []


def test_non_keeps_the_conversation(stack):
    sender = "privacy-keep-" + uuid.uuid4().hex[:8]
    stack.say(sender, "je suis alternant")
    stack.say(sender, "effacez ma conversation")
    kept = _texts(stack.say(sender, "non"))
    assert "n'efface rien" in kept
    assert _event_count(stack, sender) > 0


def _console_session(stack, advisor_login: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{stack.web_url}/console/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = session.post(f"{stack.web_url}/console/login", data={
        "csrf_token": token, "login": advisor_login, "password": password,
        "next": "/console/"}, timeout=30)
    assert answer.status_code == 200 and "File d'attente" in answer.text
    return session


def test_an_advisor_erases_a_conversation_from_the_console(stack):
    from tests.console.conftest import make_advisor

    sender = "privacy-console-" + uuid.uuid4().hex[:8]
    stack.say(sender, "je suis saisonnier")
    stack.say(sender, f"je m'appelle {NAME}, {PHONE}")
    login, password = "dpo-" + uuid.uuid4().hex[:6], "mot de passe de la DPO 1"
    make_advisor(stack, login, password)
    session = _console_session(stack, login, password)
    page = session.get(f"{stack.web_url}/console/conversations/{sender}", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    unconfirmed = session.post(f"{stack.web_url}/console/conversations/{sender}/erase",
                               data={"csrf_token": token}, timeout=30)
    assert unconfirmed.status_code == 200 and _event_count(stack, sender) > 0
    answer = session.post(f"{stack.web_url}/console/conversations/{sender}/erase",
                          data={"csrf_token": token, "confirm": "oui"}, timeout=30)
    assert answer.status_code == 200 and "Conversation effacée" in answer.text
    assert found_in_database(stack.database_url, [sender]) == []
    audit = "\n".join(every_row(stack.database_url)["console_audit_log"])
    assert "erase" in audit and "(console)" in audit


def test_the_privacy_page_says_what_how_long_and_how_to_erase(stack):
    page = requests.get(f"{stack.web_url}/confidentialite", timeout=30)
    assert page.status_code == 200
    for words in ("30 jours", "365 jours", "90 jours", "supprimez mes données",
                  "Télécharger ma conversation", "[téléphone]"):
        assert words in page.text


def test_make_purge_with_zero_leaves_only_statistics(stack, conversations, tmp_path):
    # on a copy of the running stack's database, so the other tests keep their conversations
    source = Path(sa.engine.make_url(stack.database_url).database)
    copy = tmp_path / "copy.db"
    with sqlite3.connect(source) as live, sqlite3.connect(copy) as target:
        live.backup(target)
    url = f"sqlite:///{copy}"
    env = dict(stack.env, DATABASE_URL=url, RETENTION_CONVERSATION_DAYS="0",
               RETENTION_TICKET_DAYS="0", RETENTION_CALLBACK_DAYS="0",
               RETENTION_ACCESS_LOG_DAYS="0")
    done = subprocess.run(["make", "-s", "purge"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = every_row(url)
    assert rows["events"] == [] and rows["console_tickets"] == []
    assert rows["console_callback_requests"] == [] and rows["console_notes"] == []
    ids = [conversations[k] for k in ("rest", "widget", "callback")]
    assert found_in_database(url, ids + ["07 81 22 33 44"]) == []
    assert rows["conversation_summaries"] and all(
        r.split(" | ")[1] == "None" for r in rows["conversation_summaries"])
