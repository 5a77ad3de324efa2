"""What a person does with the widget, as steps the browser tests share."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

from tests.servers import ROOT, http_json

LAUNCHER = "Ouvrir l'assistant"
AXE = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPLY_TIMEOUT_MS = 60_000


def open_widget(page) -> None:
    page.get_by_role("button", name=LAUNCHER).click()
    page.get_by_role("dialog", name="Assistant logement").wait_for()
    page.get_by_label("Votre message").wait_for()


def log(page):
    return page.get_by_role("log")


def bot_messages(page):
    return page.locator(".alw-log .alw-bot, .alw-log .alw-advisor")


def send_text(page, text: str, stack=None) -> None:
    """Type a message and press Enter, then wait for the assistant's answer to it (with the
    stack: its whole turn, every message of it shown)."""
    page.get_by_label("Votre message").fill(text)
    page.get_by_label("Votre message").press("Enter")
    wait_for_answer(page)
    if stack is not None:
        wait_for_turn_end(page, stack)


def wait_for_turn_end(page, stack, timeout_s: float = 60) -> None:
    """Rasa is listening again after the user's last message (tracker), and the widget shows
    at least as many assistant messages as Rasa uttered since that message."""
    import time

    sender = session_id(page)
    deadline = time.monotonic() + timeout_s
    while True:
        status, tracker = http_json(
            "GET", f"{stack.rasa_url}/conversations/{sender}/tracker?token={stack.rasa_token}&include_events=ALL")
        assert status == 200, tracker
        events = tracker["events"]
        users = [i for i, e in enumerate(events) if e["event"] == "user"]
        after = events[users[-1] + 1:] if users else []
        if after and after[-1]["event"] == "action" and after[-1].get("name") == "action_listen":
            break
        assert time.monotonic() < deadline, f"Rasa did not finish its turn: {after[-3:]}"
        time.sleep(0.2)
    # Over socket.io each text part (split on blank lines) and each structured message is
    # one bot_uttered event, shown as one entry (a handoff's status line excepted).
    expected = 0
    for event in after:
        if event["event"] != "bot":
            continue
        text = (event.get("text") or "").strip()
        expected += len(text.split("\n\n")) if text else 0
        custom = (event.get("data") or {}).get("custom") or {}
        expected += 1 if custom.get("type") in ("ask", "aid_results", "advisor_message") else 0
    page.wait_for_function("""(n) => {
        const items = [...document.querySelectorAll('.alw-log > .alw-msg')];
        const last = items.map(m => m.classList.contains('alw-user')).lastIndexOf(true);
        return items.slice(last + 1).filter(m => !m.classList.contains('alw-system')).length >= n;
    }""", arg=expected, timeout=REPLY_TIMEOUT_MS)


def count_after_last_user(page) -> int:
    return page.evaluate("""() => {
        const items = [...document.querySelectorAll('.alw-log > .alw-msg')];
        let last = -1; items.forEach((m, i) => { if (m.classList.contains('alw-user')) last = i; });
        return items.length - last - 1; }""")


def wait_for_answer(page) -> None:
    """The user's message is in the log and the assistant answered it (at least one message)."""
    page.wait_for_function("""() => {
        const items = [...document.querySelectorAll('.alw-log > .alw-msg')];
        const last = items.map(m => m.classList.contains('alw-user')).lastIndexOf(true);
        return last >= 0 && items.length - last - 1 >= 1;
    }""", timeout=REPLY_TIMEOUT_MS)


def session_id(page) -> str:
    stored = page.evaluate("() => JSON.parse(sessionStorage.getItem('assistant-logement') || 'null')")
    assert stored and stored.get("sessionId"), f"no session stored: {stored!r}"
    return stored["sessionId"]


def push_bot_message(stack, sender: str, text: str, buttons: list | None = None) -> None:
    """Makes Rasa send a bot message to the user's socket.io room through its HTTP API
    (tracker events with side effects), as any server-side program with the token can."""
    event = {"event": "bot", "text": text, "data": {"buttons": buttons} if buttons else {}}
    status, body = http_json(
        "POST",
        f"{stack.rasa_url}/conversations/{sender}/tracker/events"
        f"?token={stack.rasa_token}&execute_side_effects=true&output_channel=socketio",
        [event])
    assert status == 200, body


def advisor_push(stack, sender: str, messages: list[dict]) -> dict:
    """The advisors' push route of the socket.io channel (what the console uses)."""
    status, body = http_json("POST", f"{stack.rasa_url}/webhooks/socketio/advisor_push",
                             {"sender": sender, "messages": messages},
                             headers={"Authorization": f"Bearer {stack.rasa_token}"})
    assert status == 200, body
    return body


def run_axe(page, include: str | None = None) -> list[dict]:
    """axe-core (npm, pinned in widget/package-lock.json) on the page; WCAG 2.1 A/AA violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        """([include, tags]) => axe.run(include ? {include: [include]} : document,
               {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        [include, WCAG_AA])
    return [{"id": v["id"], "help": v["help"], "nodes": [n["html"][:200] for n in v["nodes"]]}
            for v in result["violations"]]


def scroll_log_to(locator) -> None:
    """Scrolls the message log (only the log) so that this message starts at its top."""
    locator.evaluate("""node => { const log = node.closest('.alw-log');
        log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top; }""")


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["x"] >= 0 and box["y"] >= 0 and \
        box["x"] + box["width"] <= size["width"] + 1 and box["y"] + box["height"] <= size["height"] + 1


def new_sender() -> str:
    return uuid.uuid4().hex


def screenshot(page, name: str) -> Path:
    from tests.browser import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path))
    return path

