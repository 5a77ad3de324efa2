"""An employee asks for a conseiller over REST; an advisor answers from the console in Chromium,
hands back to the assistant, closes the ticket and exports the conversation."""
from __future__ import annotations

import json
import queue
import re
import uuid

import pytest
import sqlalchemy as sa

from tests.console.conftest import log_in
from tests.servers import socketio_session, ROOT, http_json

SCREENSHOTS = ROOT / "docs" / "screenshots"

pytestmark = pytest.mark.browser


def customs(messages: list[dict], kind: str) -> list[dict]:
    return [m["custom"] for m in messages
            if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]


def ask_for_advisor(stack, sender: str) -> dict:
    answer = stack.say(sender, "je voudrais parler à un conseiller")
    handoffs = customs(answer, "handoff")
    assert handoffs, f"no handoff payload in {answer}"
    assert handoffs[0]["status"] == "queued" and isinstance(handoffs[0]["ticket_id"], int)
    assert handoffs[0]["message"]
    return handoffs[0]


def test_advisor_takes_over_replies_hands_back_and_closes(stack, advisor, page):
    log_in(page, stack, advisor)  # the queue page open = an advisor online
    sender = "flow-" + uuid.uuid4().hex[:8]
    stack.say(sender, "bonjour")
    stack.say(sender, "je suis apprenti, j'ai 19 ans")
    profile = stack.tracker(sender)["slots"].get("profile") or {}
    assert profile.get("age") == 19, f"the assistant did not record the age: {profile}"

    handoff = ask_for_advisor(stack, sender)
    assert handoff.get("mode") == "live"
    ticket_id = handoff["ticket_id"]
    assert stack.say(sender, "vous êtes là ?") == []  # paused: the assistant says nothing

    # the queue updates by itself (no reload)
    row = page.locator(f'#queue tr[data-ticket="{ticket_id}"]')
    row.wait_for()
    assert "demande explicite" in row.inner_text()
    row.get_by_role("link").click()
    page.get_by_role("heading", name=f"Ticket n° {ticket_id}").wait_for()
    summary = page.locator("section", has=page.get_by_role("heading", name="Profil et verdict"))
    assert "19" in summary.inner_text()
    transcript = page.locator("#transcript").inner_text()
    assert "je suis apprenti, j'ai 19 ans" in transcript and "intention" in transcript

    page.get_by_role("button", name="Prendre en charge").click()
    page.get_by_text("Vous avez pris ce ticket").wait_for()
    page.get_by_label("Votre message à l'usager").fill("Bonjour, je suis Camille. Je regarde votre dossier.")
    page.get_by_role("button", name="Envoyer").click()
    page.locator("#transcript .t-advisor", has_text="Je regarde votre dossier").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "console-ticket.png"), full_page=True)

    answer = stack.say(sender, "merci, j'attends")
    joined = [h for h in customs(answer, "handoff") if h["status"] == "advisor_joined"]
    assert joined and joined[0]["ticket_id"] == ticket_id
    replies = customs(answer, "advisor_message")
    assert replies == [{"type": "advisor_message", "advisor": "Camille Martin",
                        "text": "Bonjour, je suis Camille. Je regarde votre dossier."}]
    assert any(m.get("text") == replies[0]["text"] for m in answer)  # REST: top-level text too
    assert [m for m in answer if not m.get("custom")] == []  # the assistant stays silent

    page.get_by_role("button", name="Rendre la main à l'assistant").click()
    page.get_by_text("L'assistant répond de nouveau").wait_for()
    answer = stack.say(sender, "bonjour")
    assert customs(answer, "handoff"), answer  # the hand-back notice
    assert any("Bonjour" in (m.get("text") or "") and not m.get("custom") for m in answer), answer

    page.get_by_label("Issue de la demande").select_option("Réponse apportée")
    page.get_by_role("button", name="Clore le ticket").click()
    page.get_by_text("Ticket clos.").wait_for()
    answer = stack.say(sender, "merci")
    closed = [h for h in customs(answer, "handoff") if h["status"] == "closed"]
    assert closed and closed[0]["ticket_id"] == ticket_id

    # review and export of the selection
    page.goto(f"{stack.web_url}/console/conversations?handoff=yes&text={sender}")
    page.get_by_role("link", name=sender).wait_for()
    jsonl = page.request.get(f"{stack.web_url}/console/export.jsonl?handoff=yes&text={sender}")
    assert jsonl.status == 200
    lines = [json.loads(line) for line in jsonl.text().splitlines()]
    assert [line["conversation_id"] for line in lines] == [sender]
    assert lines[0]["outcome"] == "Réponse apportée" and lines[0]["profile"].get("age") == 19
    assert any(m["from"] == "advisor" and "Je regarde" in m["text"] for m in lines[0]["messages"])
    csv_text = page.request.get(f"{stack.web_url}/console/export.csv?text={sender}").text()
    assert sender in csv_text and "Réponse apportée" in csv_text

    # the audit log (admin) shows who opened the transcript
    page.goto(f"{stack.web_url}/console/audit")
    assert page.locator("tr", has_text=sender).filter(has_text="open_transcript").count() >= 1


def test_user_text_is_displayed_inert(stack, advisor, page):
    log_in(page, stack, advisor)
    sender = "xss-" + uuid.uuid4().hex[:8]
    ticket_id = ask_for_advisor(stack, sender)["ticket_id"]
    stack.say(sender, "<script>alert(1)</script><img src=x onerror=alert(2)>")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{stack.web_url}/console/tickets/{ticket_id}")
    page.get_by_text("<script>alert(1)</script><img src=x onerror=alert(2)>").wait_for()
    # after a live refresh of the transcript (JS, textContent) it is still plain text
    with page.expect_response(re.compile(r"/console/api/tickets/\d+")):
        pass
    page.locator("#transcript").get_by_text("<script>alert(1)</script>", exact=False).wait_for()
    # notes and tags written by an advisor are text too
    page.get_by_label("Ajouter une note").fill("<b>gras</b><script>alert(3)</script>")
    page.get_by_role("button", name="Enregistrer la note").click()
    page.get_by_text("<b>gras</b><script>alert(3)</script>").wait_for()
    page.get_by_label("Ajouter une étiquette").fill("<i>suivi</i>")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    page.locator(".tag", has_text="<i>suivi</i>").wait_for()
    page.goto(f"{stack.web_url}/console/conversations?text=alert")
    page.get_by_role("link", name=sender).wait_for()
    assert "<i>suivi</i>" in page.locator("table").inner_text()
    assert dialogs == []
    assert page.locator("#transcript img, main img").count() == 0


def test_nobody_online_offers_a_callback_with_consent(stack):
    sa.create_engine(stack.database_url).connect().execution_options(autocommit=True).execute(
        sa.text("update console_advisors set last_seen_at = null"))
    sender = "callback-" + uuid.uuid4().hex[:8]
    answer = stack.say(sender, "je voudrais parler à un conseiller")
    handoff = customs(answer, "handoff")[0]
    assert handoff["status"] == "queued" and handoff.get("mode") == "callback"
    texts = " ".join(m.get("text") or "" for m in answer)
    assert "0970 800 800" in texts and "Répondez" not in texts
    assert any(b["title"] == "Par téléphone" for m in answer for b in m.get("buttons") or [])
    assert "Répondez" in " ".join(m.get("text") or "" for m in stack.say(sender, "euh"))
    assert "numéro" in " ".join(m.get("text") or "" for m in stack.say(sender, "téléphone"))
    assert "pas valide" in " ".join(m.get("text") or "" for m in stack.say(sender, "123"))
    stack.say(sender, "06 12 34 56 78")
    consent = stack.say(sender, "le matin")
    assert "Acceptez-vous" in " ".join(m.get("text") or "" for m in consent)
    done = " ".join(m.get("text") or "" for m in stack.say(sender, "oui"))
    assert "06 •• •• •• 78" in done and "le matin" in done  # issue 13: never repeated whole
    with sa.create_engine(stack.database_url).connect() as connection:
        row = connection.execute(sa.text(
            "select c.preferred_channel, c.contact, c.consent, t.mode from console_callback_requests c "
            "join console_tickets t on t.id = c.ticket_id where t.conversation_id = :s"),
            {"s": sender}).one()
    assert tuple(row) == ("telephone", "06 12 34 56 78", True, "callback")
    # the assistant is not paused: it answers again
    assert stack.say(sender, "bonjour")


def test_advisor_push_is_guarded_and_reaches_socketio_and_rest(stack):
    url = f"{stack.rasa_url}/webhooks/rest/advisor_push"
    body = {"sender": "push-rest", "messages": [{"text": "coucou"}]}
    assert http_json("POST", url, body)[0] == 401
    assert http_json("POST", url, body, {"Authorization": "Bearer wrong"})[0] == 401
    auth = {"Authorization": f"Bearer {stack.rasa_token}"}
    assert http_json("POST", url, {"sender": "x", "messages": "no"}, auth)[0] == 400
    assert http_json("POST", url, body, auth) == (200, {"delivered": 1})
    status, pending = http_json("POST", f"{stack.rasa_url}/webhooks/rest/poll", {"sender": "push-rest"})
    assert status == 200 and [m["text"] for m in pending] == ["coucou"]

    import socketio
    client = socketio.Client(reconnection=False)
    received: "queue.Queue[dict]" = queue.Queue()
    confirmed: "queue.Queue[str]" = queue.Queue()
    client.on("bot_uttered", lambda data: received.put(data))
    client.on("session_confirm", lambda data: confirmed.put(data))
    client.connect(stack.rasa_url, transports=["polling"])
    try:
        session_id = socketio_session(client)["session_id"]
        message = {"type": "advisor_message", "advisor": "Camille", "text": "Bonjour du conseiller"}
        status, answer = http_json("POST", f"{stack.rasa_url}/webhooks/socketio/advisor_push",
                                   {"sender": session_id, "messages": [{"text": message["text"],
                                                                        "custom": message}]}, auth)
        assert (status, answer) == (200, {"delivered": 1})
        assert received.get(timeout=15) == message
        # the handoff over socket.io: the payload arrives as one event, its text inside
        client.emit("user_uttered", {"message": "je voudrais parler à un conseiller",
                                     "session_id": session_id})
        first = received.get(timeout=30)
        assert first.get("type") == "handoff" and first["status"] == "queued" and first["message"]
    finally:
        client.disconnect()
    with sa.create_engine(stack.database_url).connect() as connection:
        channel = connection.execute(sa.text(
            "select channel from console_tickets where conversation_id = :s"), {"s": session_id}).scalar()
    assert channel == "socketio"


def test_declining_the_callback_keeps_nothing(stack):
    sa.create_engine(stack.database_url).connect().execution_options(autocommit=True).execute(
        sa.text("update console_advisors set last_seen_at = null"))
    sender = "nocallback-" + uuid.uuid4().hex[:8]
    stack.say(sender, "je voudrais parler à un conseiller")
    stack.say(sender, "téléphone")
    stack.say(sender, "06 98 76 54 32")
    stack.say(sender, "peu importe")
    done = " ".join(m.get("text") or "" for m in stack.say(sender, "non"))
    assert "pas de rappel" in done and "aucune de vos coordonnées" in done and "0970 800 800" in done
    with sa.create_engine(stack.database_url).connect() as connection:
        count = connection.execute(sa.text(
            "select count(*) from console_callback_requests c join console_tickets t "
            "on t.id = c.ticket_id where t.conversation_id = :s"), {"s": sender}).scalar()
    assert count == 0
    assert stack.tracker(sender)["slots"]["callback_contact"] is None
