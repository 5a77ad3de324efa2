"""The feedback buttons in the widget (real Chromium, real servers): a click on « Oui » sends
the button's payload and the answer is recorded with the conversation."""
from __future__ import annotations

from bot.storage import feedback
from tests.browser.widget import LAUNCHER, open_widget, push_bot_message, send_text, session_id

QUESTION = "Cette réponse vous a-t-elle aidé ?"
BUTTONS = [{"title": "Oui", "payload": '/donner_avis{"avis": "oui"}'},
           {"title": "Non", "payload": '/donner_avis{"avis": "non"}'}]


def test_clicking_yes_in_the_widget_records_the_feedback(stack, page):
    page.goto(stack.web_url + "/")
    page.get_by_role("button", name=LAUNCHER).wait_for()
    open_widget(page)
    send_text(page, "bonjour", stack)
    sender = session_id(page)
    push_bot_message(stack, sender, QUESTION, BUTTONS)
    group = page.get_by_role("group", name="Réponses proposées").last
    group.get_by_role("button", name="Oui").click()
    page.get_by_text("Merci pour votre avis").wait_for()
    assert feedback.latest_feedback([sender], stack.database_url) == {sender: True}
