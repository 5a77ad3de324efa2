"""Private by default (CNIL): nothing stored or sent to the assistant before the user opens it;
after that, the conversation survives a reload in the same tab and can be erased."""
from tests.browser.widget import LAUNCHER, bot_messages, log, open_widget, send_text, session_id


def storage_snapshot(page, context) -> dict:
    return {
        "cookies": context.cookies(),
        "local": page.evaluate("() => Object.keys(localStorage)"),
        "session": page.evaluate("() => Object.keys(sessionStorage)"),
        "indexeddb": page.evaluate("async () => (await indexedDB.databases()).map(d => d.name)"),
    }


def test_nothing_is_stored_or_sent_before_the_launcher_is_clicked(stack, context, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(stack.web_url + "/")
    launcher = page.get_by_role("button", name=LAUNCHER)
    launcher.wait_for()
    page.wait_for_load_state("networkidle")

    assert [url for url in requests if url.startswith(stack.rasa_url)] == []
    assert storage_snapshot(page, context) == {"cookies": [], "local": [], "session": [], "indexeddb": []}
    assert launcher.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("dialog").count() == 0  # the panel is hidden

    open_widget(page)
    send_text(page, "bonjour")
    # Only now: the socket.io connection, and the session kept in this tab's sessionStorage.
    assert any(url.startswith(stack.rasa_url + "/socket.io/") for url in requests)
    assert page.evaluate("() => Object.keys(sessionStorage)") == ["assistant-logement"]
    assert page.evaluate("() => Object.keys(localStorage)") == []
    assert context.cookies() == []


def test_reload_keeps_the_conversation_and_the_session(stack, page):
    page.goto(stack.web_url + "/")
    open_widget(page)
    send_text(page, "bonjour", stack)
    first_session = session_id(page)
    answers = bot_messages(page).all_inner_texts()
    assert answers and "Bonjour" in answers[0]

    page.reload()
    # The widget is open again with the same messages, without a click.
    dialog = page.get_by_role("dialog", name="Assistant logement")
    dialog.wait_for()
    assert page.get_by_role("button", name=LAUNCHER).get_attribute("aria-expanded") == "true"
    assert log(page).get_by_text("bonjour", exact=True).count() == 1
    assert bot_messages(page).all_inner_texts() == answers
    assert session_id(page) == first_session

    # Same Rasa conversation after the reload: the next message lands in the same tracker.
    send_text(page, "merci")
    user_texts = [e.get("text") for e in stack.tracker(first_session)["events"] if e["event"] == "user"]
    assert user_texts[-2:] == ["bonjour", "merci"]


def test_a_closed_widget_stays_closed_after_reload(stack, page):
    page.goto(stack.web_url + "/")
    open_widget(page)
    page.keyboard.press("Escape")
    page.reload()
    launcher = page.get_by_role("button", name=LAUNCHER)
    launcher.wait_for()
    page.wait_for_load_state("networkidle")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("dialog").count() == 0


def test_erasing_forgets_the_conversation_on_the_device(stack, context, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(stack.web_url + "/")
    open_widget(page)
    send_text(page, "bonjour")
    old_session = session_id(page)

    page.get_by_role("button", name="Effacer la conversation").click()
    assert page.evaluate("() => Object.keys(sessionStorage)") == []
    assert bot_messages(page).count() == 0
    page.get_by_role("status").filter(has_text="Conversation effacée").wait_for()

    page.reload()
    page.get_by_role("button", name=LAUNCHER).wait_for()
    assert page.get_by_role("dialog").count() == 0  # nothing left to restore
    requests.clear()
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if url.startswith(stack.rasa_url)] == []

    open_widget(page)
    send_text(page, "bonjour")
    assert session_id(page) != old_session
