"""The widget's privacy features in real Chromium on the real stack: « Télécharger ma
conversation » gives the conversation and the profile, the notice links to /confidentialite,
and an erasure confirmed in the chat empties the widget too."""
from __future__ import annotations

import subprocess

import pytest

from tests.browser.widget import open_widget, send_text, session_id
from tests.servers import ROOT, http_json


@pytest.fixture(scope="module")
def browser():
    from tests.browser import chromium

    subprocess.run(["make", "--no-print-directory", "widget"], cwd=ROOT, check=True)
    with chromium() as opened:
        yield opened


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


def test_download_my_conversation_from_the_widget(stack, page):
    page.goto(stack.web_url + "/")
    open_widget(page)
    send_text(page, "j'ai 19 ans, je suis apprentie et je cherche un studio à Rennes", stack)
    send_text(page, "mon portable 06 41 52 63 74", stack)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger ma conversation").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert "vous : j'ai 19 ans, je suis apprentie et je cherche un studio à Rennes" in text
    assert "vous : mon portable [téléphone]" in text and "06 41 52 63 74" not in text
    assert "Ce que l'assistant a retenu de votre situation" in text and "Âge : 19" in text


def test_the_widget_links_to_the_privacy_page(stack, page):
    page.goto(stack.web_url + "/")
    open_widget(page)
    link = page.get_by_role("link", name="Confidentialité")
    assert link.get_attribute("href") == stack.web_url + "/confidentialite"
    link.click()
    page.get_by_role("heading", name="Vos données et l'assistant logement").wait_for()


def test_an_erasure_confirmed_in_the_chat_empties_the_widget(stack, page):
    page.goto(stack.web_url + "/")
    open_widget(page)
    send_text(page, "je suis en CDD à Lyon", stack)
    sender = session_id(page)
    send_text(page, "supprimez mes données", stack)
    page.get_by_role("button", name="Oui, tout effacer").click()
    page.locator(".alw-log .alw-system").filter(has_text="C'est fait").wait_for()
    assert "je suis en CDD à Lyon" not in page.locator(".alw-log").inner_text()
    status, tracker = http_json(
        "GET", f"{stack.rasa_url}/conversations/{sender}/tracker?token={stack.rasa_token}")
    assert status == 200 and not [e for e in tracker["events"] if e["event"] == "user"]
    stored = page.evaluate("() => sessionStorage.getItem('assistant-logement') || ''")
    assert "je suis en CDD" not in stored
