"""The dashboard in real Chromium, logged in as an advisor, on a database seeded with known
conversations (tests/console/dashboard_seed.py): the figures of its tables, a chart beside each
table, the CSV of each table, no WCAG 2.1 A/AA violation (axe-core), nothing from another host.

Only the web app runs here (the dashboard needs no Rasa server): one uvicorn on a free port and
a fresh SQLite database, started once for the module.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.browser.widget import AXE, WCAG_AA
from tests.console import dashboard_seed as seed
from tests.servers import ARTIFACTS, ROOT, free_port, stack_environment

LOGIN, PASSWORD = "dominique-dash", "Un mot de passe sûr 42"


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    var = tmp_path_factory.mktemp("dashweb")
    env = stack_environment(var)
    env.update(WEB_PORT=str(free_port()), DATABASE_URL=f"sqlite:///{var / 'dash.db'}",
               FOLLOW_UP_INTERVAL_S="0", ADVISOR_PASSWORD=PASSWORD,
               PURGE_EVERY_HOURS="0")  # the seeded week is older than any retention period
    subprocess.run([sys.executable, "-m", "bot.tools.migrate"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    seed.seed(env["DATABASE_URL"])
    subprocess.run([sys.executable, "-m", "bot.tools.advisor", LOGIN, "--role", "advisor",
                    "--name", "Dominique Petit"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "dashboard-web.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "bot.tools.serve", "web"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{env['WEB_PORT']}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(base + "/health", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((ARTIFACTS / "dashboard-web.log").read_text()[-3000:])
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=15)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from tests.browser import chromium

    with chromium() as opened:
        yield opened


@pytest.fixture(scope="module")
def dashboard(web, browser):
    """A logged-in page on the seeded week, and every request it made."""
    context = browser.new_context(locale="fr-FR", bypass_csp=True, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{web}/console/tableau-de-bord?{seed.QUERY}")
    assert "/console/login" in page.url
    page.get_by_label("Identifiant").fill(LOGIN)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Tableau de bord", exact=True).wait_for()
    assert page.url.endswith(f"/console/tableau-de-bord?{seed.QUERY}")  # back to the period asked
    yield page, requests
    context.close()


def read_table(page, caption: str) -> dict:
    """{row header: [cells]} of the table named by ``caption``."""
    table = page.locator("table", has=page.locator("caption", has_text=caption)).first
    rows = table.evaluate("""t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c =>
        c.tagName === 'TH' ? (c.firstChild ? c.firstChild.textContent.trim() : '') : c.textContent.trim()))""")
    return {row[0]: row[1:] for row in rows}


def headers(page, caption: str) -> list:
    table = page.locator("table", has=page.locator("caption", has_text=caption)).first
    return table.evaluate("t => [...t.tHead.rows[0].cells].map(c => c.textContent.trim())")


def as_number(cell: str) -> float:
    return float(cell.replace(",", "."))


def test_conversations_per_day_by_channel_are_those_of_the_seed(dashboard):
    page, _ = dashboard
    table = read_table(page, "Conversations par jour et par canal")
    columns = headers(page, "Conversations par jour et par canal")
    expected = seed.expected_per_day()
    for day in (seed.FIRST_DAY + dt.timedelta(days=i) for i in range(7)):
        row = dict(zip(columns[1:], table[day.strftime("%d/%m/%Y")]))
        assert int(row["Total"]) == expected[(day, "total")], day
        for channel in ("rest", "socketio", "hr"):
            column = next(c for c in columns if f"({channel})" in c)
            assert int(row[column]) == expected[(day, channel)], (day, channel)


def test_verdicts_table(dashboard):
    page, _ = dashboard
    table = read_table(page, "Verdicts")
    assert table["Conversations"] == ["5"] and table["Avec un verdict"] == ["3"]
    assert as_number(table["Taux de verdict (%)"][0]) == 60


def test_handoffs_table(dashboard):
    page, _ = dashboard
    table = read_table(page, "Transferts au conseiller")
    handed_off = sum(1 for c in seed.WEEK if any(t[0] == c[0] for t in seed.TICKETS))
    assert table["Conversations transférées"] == [str(handed_off)]
    assert as_number(table["Taux de transfert (%)"][0]) == 100 * handed_off / len(seed.WEEK)


def test_not_understood_table_and_links_to_transcripts(dashboard):
    page, _ = dashboard
    table = read_table(page, "Messages non compris")
    assert table["Messages non compris"] == ["4"] and table["Messages des usagers"] == ["22"]
    frequent = read_table(page, "Messages non compris les plus fréquents")
    assert frequent["blablabla truc"] == ["3"] and "hors période" not in frequent
    links = page.locator("section#non-compris-frequents, section:has(#non-compris-frequents)") \
        .get_by_role("link", name="transcription")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert "/console/conversations/seed-a2" in hrefs


def test_feedback_table_counts_the_latest_answer_of_each_conversation(dashboard):
    page, _ = dashboard
    yes, no = seed.expected_feedback()
    table = read_table(page, "Avis des usagers")
    assert table["Oui, la réponse a aidé"] == [str(yes)] and table["Non"] == [str(no)]
    assert as_number(table["Taux de « oui » (%)"][0]) == round(100 * yes / (yes + no), 1)
    assert page.get_by_text("Je voulais le montant exact").is_visible()


def test_every_table_has_a_chart_beside_it(dashboard):
    page, _ = dashboard
    sections = page.locator("main section")
    assert sections.count() >= 10
    for i in range(sections.count()):
        section = sections.nth(i)
        assert section.locator("table caption").count() == 1
        chart = section.locator("svg[role=img]")
        assert chart.count() == 1 and chart.first.is_visible(), section.inner_text()[:80]
        assert chart.first.locator("title").text_content().strip()
    for name in ("Conversations", "Verdicts", "Transferts au conseiller", "Messages non compris",
                 "Avis"):
        assert page.get_by_role("heading", name=name).count() >= 1, name


def test_each_csv_is_its_table(dashboard):
    page, _ = dashboard
    links = page.get_by_role("link", name="(CSV)")
    assert links.count() == page.locator("main table").count()
    for i in range(links.count()):
        link = links.nth(i)
        href = link.get_attribute("href")
        assert href.startswith("/console/tableau-de-bord/") and ".csv?" in href
        caption = link.locator("xpath=ancestor::section//caption").inner_text()
        # fetched with the page's own session (its cookies), as the link's download would be
        answer = page.request.get(page.url.split("/console/")[0] + href)
        assert answer.ok and "attachment" in answer.headers.get("content-disposition", ""), href
        body = answer.body().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body), delimiter=";"))
        assert rows[0] == headers(page, caption)
        table = read_table(page, caption)
        if "Aucune donnée" not in table:
            assert {r[0]: r[1:] for r in rows[1:]} == table, caption


def test_axe_finds_no_wcag_a_or_aa_violation(dashboard):
    page, _ = dashboard
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                         resultTypes: ['violations']})""", WCAG_AA)
    assert [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in result["violations"]] == []


def test_nothing_is_loaded_from_another_host(dashboard, web):
    _, requests = dashboard
    assert requests and all(url.startswith(web) for url in requests), requests


def test_a_bad_date_is_refused_in_french_and_the_default_period_is_shown(dashboard, web):
    page, _ = dashboard
    response = page.goto(f"{web}/console/tableau-de-bord?du=2026-02-31")
    assert response.status == 400
    assert "Date illisible" in page.get_by_role("alert").inner_text()
    assert page.locator("table").count() >= 10
    page.goto(f"{web}/console/tableau-de-bord?{seed.QUERY}")


def test_the_default_period_includes_today(dashboard, web):
    page, _ = dashboard
    page.goto(f"{web}/console/tableau-de-bord")
    today = page.locator("#au").input_value()
    start = page.locator("#du").input_value()
    assert start <= today and today in {(dt.date.today() + dt.timedelta(days=d)).isoformat()
                                        for d in (-1, 0, 1)}  # the server's day in Paris
    page.goto(f"{web}/console/tableau-de-bord?{seed.QUERY}")


def test_screenshot_for_the_readme(dashboard):
    from tests.browser.widget import screenshot

    page, _ = dashboard
    page.set_viewport_size({"width": 1280, "height": 2000})
    path = screenshot(page, "dashboard.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert path.stat().st_size > 10_000
