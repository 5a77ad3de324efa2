"""A whole conversation in the widget, against the real assistant: typed situation, questions
answered through the rendered inputs, then the verdict cards. Saves the README screenshots."""
from __future__ import annotations

import datetime as dt
import re

from tests.browser.widget import (LAUNCHER, log, open_widget, run_axe, screenshot, scroll_log_to, send_text,
                                  session_id)

SITUATION = ("je suis étudiante de 20 ans sans emploi, non boursière, "
             "je loue à Lyon 600 € charges comprises")
EMPLOYER = {"sector": "prive_non_agricole", "size": 120, "contributes": True}
MAX_TURNS = 20

NUMBERS = {"age": "20", "rent": "600", "monthly_resources": "800", "net_monthly_salary": "0",
           "gross_monthly_salary": "0", "housing_benefit": "0", "cdd_months_last_6": "0",
           "internship_months": "0", "employer_size": "120",
           "previous_home_distance_km": "150", "previous_home_travel_minutes": "120"}
# Which button to pick, by field (a regular expression on the label); otherwise "Non", else the first.
CHOICES = {"activity": r"étudi", "project": r"lou", "zone": r"100 000|agglom|II\b",
           "dwelling": r"priv", "scholarship": r"^non", "lease_signed": r"^non",
           "employer_sector": r"priv", "employer_contributes": r"^oui"}
STATUS_WORDS = {"Éligible", "À confirmer", "Non éligible", "Informations manquantes", "Terminée"}


def date_for(field: str) -> str:
    today = dt.date.today()
    past = {"job_start_date", "mutation_date"}
    return (today - dt.timedelta(days=30) if field in past else today + dt.timedelta(days=30)).isoformat()


def transcript(page) -> str:
    return "\n".join(page.locator(".alw-log > .alw-msg").all_inner_texts())


def wait_for_turn(page) -> None:
    """The assistant finished its turn: after the user's last message came a question
    (the `ask` payload) or the verdict."""
    page.wait_for_function("""() => {
        const items = [...document.querySelectorAll('.alw-log > .alw-msg')];
        const last = items.map(m => m.classList.contains('alw-user')).lastIndexOf(true);
        return items.slice(last + 1).some(
            m => m.classList.contains('alw-ask-wrap') || m.querySelector('.alw-results'));
    }""", timeout=60_000)


def answer_current_question(page, shots: set) -> str:
    """Answers the question on screen through the control the widget rendered for it."""
    ask = page.locator(".alw-log > .alw-ask-wrap").last
    field, kind = ask.get_attribute("data-field") or "", ask.get_attribute("data-input") or ""
    if kind in ("number", "date"):
        form = ask.locator("form.alw-askform")
        box = form.get_by_label(re.compile("^Votre réponse"))
        assert box.get_attribute("type") == kind
        value = date_for(field) if kind == "date" else NUMBERS.get(field, "0")
        box.fill(value)
        if "question" not in shots:
            screenshot(page, "widget-question.png")
            shots.add("question")
        form.get_by_role("button", name="Valider").click()
    elif kind in ("choice", "boolean"):
        group = page.locator(f'.alw-log .alw-replies[data-field="{field}"]').last
        buttons = group.get_by_role("button")
        labels = buttons.all_inner_texts()
        wanted = CHOICES.get(field)
        index = next((i for i, label in enumerate(labels) if wanted and re.search(wanted, label, re.I)), None)
        if index is None:
            index = next((i for i, label in enumerate(labels) if label.strip().lower() == "non"), 0)
        if "question" not in shots:
            screenshot(page, "widget-question.png")
            shots.add("question")
        buttons.nth(index).click()
        value = labels[index]
    else:  # a free-text question: typed in the message field
        value = "je ne sais pas"
        page.get_by_label("Votre message").fill(value)
        page.get_by_label("Votre message").press("Enter")
    wait_for_turn(page)
    return f"{field}({kind})={value}"


def test_a_conversation_reaches_the_verdict_cards(stack, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1100, "height": 820},
                                  bypass_csp=True)  # axe-core is injected inline
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(stack.web_url + "/")
        page.get_by_role("button", name=LAUNCHER).wait_for()
        screenshot(page, "widget-closed.png")

        open_widget(page)
        page.get_by_label("Votre message").fill(SITUATION)
        page.get_by_label("Votre message").press("Enter")
        wait_for_turn(page)
        shots: set = set()
        answers = []
        results = page.locator(".alw-results")
        for _ in range(MAX_TURNS):
            if results.count():
                break
            answers.append(answer_current_question(page, shots))
        assert results.count(), f"no verdict after {MAX_TURNS} answers {answers}:\n{transcript(page)}"
        verdict = results.last
        verdict.wait_for()
        scroll_log_to(verdict)
        screenshot(page, "widget-verdict.png")
        print("answers:", answers, "\n" + transcript(page))

        cards = verdict.locator(".alw-card")
        shown = verdict.locator(":scope > .alw-card")
        statuses = [c.get_attribute("data-status") for c in shown.all()]
        assert statuses, transcript(page)
        assert set(statuses) <= {"eligible", "to_confirm"}  # the others are folded away
        assert statuses == sorted(statuses, key=["eligible", "to_confirm"].index)
        for card in cards.all():
            badge = card.locator(".alw-badge").text_content().replace("Statut : ", "").strip()
            assert badge in STATUS_WORDS
        # this student (20, rent 600 € in Lyon, zone II) gets Visale under VIS-A, shown first
        eligible = [c.locator(".alw-card-title").inner_text() for c in shown.all()
                    if c.get_attribute("data-status") == "eligible"]
        assert "Garantie Visale" in eligible, transcript(page)
        first = shown.first
        assert first.get_by_role("heading").inner_text()
        apply = first.get_by_role("link", name=re.compile("^Faire ma demande"))
        assert apply.get_attribute("href").startswith("https://")
        folded = verdict.locator("details.alw-others")
        if folded.count():
            assert not folded.evaluate("d => d.open")
        assert run_axe(page) == [], "axe-core: WCAG 2.1 A/AA violations on the open widget"

        # The employer's context went with every message, so it was never asked.
        events = stack.tracker(session_id(page))["events"]
        user_events = [e for e in events if e["event"] == "user"]
        assert user_events and all(e.get("metadata", {}).get("employer") == EMPLOYER for e in user_events)
        asked = " ".join(answers)
        assert "employer_sector" not in asked and "employer_size" not in asked
        assert "question" in shots
    finally:
        context.close()


def test_advisor_messages_and_handoff_status(stack, page):
    from tests.browser.widget import advisor_push

    page.goto(stack.web_url + "/")
    open_widget(page)
    send_text(page, "bonjour")
    sender = session_id(page)
    advisor_push(stack, sender, [{"text": "Votre demande est transmise à un conseiller.",
                                  "custom": {"type": "handoff", "ticket_id": 7, "status": "queued",
                                             "message": "Votre demande est transmise à un conseiller."}}])
    page.locator(".alw-handoff").get_by_text("transmise à un conseiller").wait_for()
    advisor_push(stack, sender, [{"text": "Bonjour, je suis Claire.",
                                  "custom": {"type": "advisor_message", "advisor": "Claire Martin",
                                             "text": "Bonjour, je suis Claire. <b>Comment</b> puis-je aider ?"}}])
    bubble = log(page).locator(".alw-advisor").last
    bubble.wait_for()
    assert bubble.locator(".alw-author").inner_text().startswith("Claire Martin")
    assert "<b>Comment</b>" in bubble.inner_text()
    assert page.get_by_label("Votre message").evaluate("n => n === document.activeElement")


CRAFTED_RESULT = {
    "type": "aid_results", "as_of": "2026-07-01", "catalogue_version": "test",
    "results": [
        {"id": "mobili_pass", "name": "Mobili-Pass", "status": "ended", "reasons": ["Supprimé en 2024"],
         "conditions": [], "missing": [], "amount": None, "apply_url": None},
        {"id": "pret_accession", "name": "Prêt Accession", "status": "ineligible",
         "reasons": ["Vous ne faites pas d'achat"], "conditions": [], "missing": [], "amount": None,
         "apply_url": "https://www.actionlogement.fr/pret-accession"},
        {"id": "mobili_jeune", "name": "Aide Mobili-Jeune", "status": "to_confirm",
         "reasons": ["Votre contrat d'alternance doit avoir commencé"], "conditions": ["Demande dans les 5 mois"],
         "missing": [], "amount": {"text": "jusqu'à 100 € par mois"},
         "apply_url": "javascript:window.__pwned=1"},
        {"id": "visale", "name": "Garantie Visale", "status": "eligible", "reasons": ["Vous avez moins de 30 ans"],
         "conditions": ["Obtenir le visa avant de signer le bail"], "missing": [],
         "amount": {"text": "loyer garanti jusqu'à 1 575 €"}, "apply_url": "https://www.visale.fr/"},
        {"id": "agri_mobilite", "name": "Aide Agri-Mobilité", "status": "need_info", "reasons": [],
         "conditions": [], "missing": ["employer_sector"], "amount": None, "apply_url": None},
    ],
}


def test_result_cards_order_status_words_and_folding(stack, page):
    """A verdict pushed to the conversation: eligible then to-confirm cards, the rest folded."""
    from tests.browser.widget import advisor_push

    page.goto(stack.web_url + "/")
    open_widget(page)
    send_text(page, "bonjour")
    advisor_push(stack, session_id(page), [{"custom": CRAFTED_RESULT}])
    verdict = log(page).locator(".alw-results").last
    verdict.wait_for()
    shown = verdict.locator(":scope > .alw-card")
    assert [c.locator(".alw-card-title").inner_text() for c in shown.all()] == ["Garantie Visale", "Aide Mobili-Jeune"]
    assert [c.locator(".alw-badge").text_content() for c in shown.all()] == ["Statut : Éligible", "Statut : À confirmer"]
    assert verdict.locator(".alw-results-title").inner_text() == "1 aide accessible, 1 à confirmer"
    # To confirm looks different from eligible, not by colour alone: a dashed border and its word.
    styles = [c.evaluate("n => getComputedStyle(n).borderTopStyle") for c in shown.all()]
    assert styles == ["solid", "dashed"]
    visale, mobili = shown.nth(0), shown.nth(1)
    assert visale.get_by_role("link", name=re.compile("^Faire ma demande")).get_attribute("href") == "https://www.visale.fr/"
    assert mobili.get_by_role("link").count() == 0  # a javascript: apply_url is not a link
    assert "jusqu'à 100 € par mois" in mobili.inner_text()
    assert "Demande dans les 5 mois" in mobili.inner_text()
    # Ineligible, ended and incomplete ones are folded away, and can be unfolded.
    others = verdict.locator("details.alw-others")
    assert others.locator("summary").inner_text() == "Autres aides (3) : non accessibles ou à compléter"
    assert not others.evaluate("d => d.open")
    assert not others.get_by_text("Mobili-Pass").is_visible()
    others.locator("summary").press("Enter")
    assert others.get_by_text("Mobili-Pass").is_visible()
    assert [c.locator(".alw-badge").text_content() for c in others.locator(".alw-card").all()] == [
        "Statut : Informations manquantes", "Statut : Non éligible", "Statut : Terminée"]
    assert run_axe(page) == []
