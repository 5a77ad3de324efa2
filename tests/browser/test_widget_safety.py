"""Bot text is shown as text: injected HTML and javascript: links stay inert."""
from tests.browser.widget import log, open_widget, push_bot_message, send_text, session_id

HOSTILE = ('Voici <img src=x onerror="window.__pwned = 1"> une image, '
           '[cliquez ici](javascript:window.__pwned=2) et javascript:window.__pwned=3 '
           'ou <a href="javascript:window.__pwned=4">ce lien</a>. '
           'Informations : https://www.visale.fr/')


def test_html_and_javascript_links_in_bot_text_are_inert(stack, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(stack.web_url + "/")
    open_widget(page)
    send_text(page, "bonjour")
    push_bot_message(stack, session_id(page), HOSTILE)

    message = log(page).locator(".alw-bot").filter(has_text="une image")
    message.wait_for()
    # The markup is displayed as characters, not interpreted.
    assert '<img src=x onerror="window.__pwned = 1">' in message.inner_text()
    assert page.locator(".alw img").count() == 0
    assert page.locator('.alw [onerror], .alw a[href^="javascript" i]').count() == 0
    # The markdown link with a javascript: target is plain text; the https one is a real link.
    assert message.get_by_role("link", name="cliquez ici").count() == 0
    message.get_by_text("cliquez ici").click()
    link = message.get_by_role("link", name="https://www.visale.fr/")
    assert link.get_attribute("href") == "https://www.visale.fr/"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []

    # Still inert after a reload (the message is re-rendered from sessionStorage).
    page.reload()
    log(page).locator(".alw-bot").filter(has_text="une image").wait_for()
    assert page.locator(".alw img, .alw [onerror]").count() == 0
    assert page.evaluate("() => window.__pwned") is None
