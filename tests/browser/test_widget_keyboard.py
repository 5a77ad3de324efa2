"""Keyboard only (RGAA 7.3, 12.8, 12.9): launcher, message, quick reply, Escape; no focus theft."""
from tests.browser.widget import LAUNCHER, log, push_bot_message, run_axe, session_id, wait_for_answer


def has_focus(locator) -> bool:
    return locator.evaluate("node => node === document.activeElement")


def tab_to(page, locator, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if has_focus(locator):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_keyboard_only_conversation(stack, page):
    page.goto(stack.web_url + "/")
    launcher = page.get_by_role("button", name=LAUNCHER)
    tab_to(page, launcher)
    page.keyboard.press("Enter")
    message = page.get_by_label("Votre message")
    assert launcher.get_attribute("aria-expanded") == "true"
    assert has_focus(message)

    page.keyboard.type("bonjour")
    page.keyboard.press("Enter")
    wait_for_answer(page)
    assert has_focus(message), "an incoming message must not move the focus"

    # Quick replies as Rasa sends them (buttons), pushed through Rasa's own HTTP API.
    push_bot_message(stack, session_id(page), "Voulez-vous dire merci ?",
                     buttons=[{"title": "Oui, merci", "payload": "merci"},
                              {"title": "Non", "payload": "non"}])
    reply = page.get_by_role("group", name="Réponses proposées").get_by_role("button", name="Oui, merci")
    reply.wait_for()
    assert has_focus(message)
    tab_to(page, reply)
    page.keyboard.press("Space")
    # The title is shown as the user's message; the payload went to the assistant.
    log(page).locator(".alw-user").get_by_text("Oui, merci", exact=True).wait_for()
    wait_for_answer(page)
    assert reply.count() == 0  # answered replies are gone
    user_texts = [e.get("text") for e in stack.tracker(session_id(page))["events"] if e["event"] == "user"]
    assert user_texts[-1] == "merci"

    # Enter works on replies too.
    push_bot_message(stack, session_id(page), "Encore ?", buttons=[{"title": "Merci encore", "payload": "merci"}])
    again = page.get_by_role("button", name="Merci encore")
    again.wait_for()
    tab_to(page, again)
    page.keyboard.press("Enter")
    log(page).locator(".alw-user").get_by_text("Merci encore", exact=True).wait_for()

    page.keyboard.press("Escape")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert has_focus(launcher)
    assert page.get_by_role("dialog").count() == 0

    # Reopening with the keyboard keeps the conversation.
    page.keyboard.press("Enter")
    assert has_focus(message)
    assert log(page).locator(".alw-user").count() == 3


def test_visible_focus_on_the_launcher_and_replies(stack, page):
    page.goto(stack.web_url + "/")
    launcher = page.get_by_role("button", name=LAUNCHER)
    tab_to(page, launcher)
    outline = launcher.evaluate("n => getComputedStyle(n).outlineStyle + ' ' + getComputedStyle(n).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px")


def test_axe_finds_no_wcag_a_or_aa_violation_on_the_closed_page(stack, page):
    page.goto(stack.web_url + "/")
    page.get_by_role("button", name=LAUNCHER).wait_for()
    assert run_axe(page) == []
