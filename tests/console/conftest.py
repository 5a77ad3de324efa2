"""Console fixtures: an advisor account on the stack's database, Chromium, a logged-in page."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest

from tests.servers import ROOT


def make_advisor(stack, login: str, password: str, role: str = "advisor", name: str = "") -> None:
    """`make advisor`'s command, against the stack's database."""
    env = dict(stack.env, ADVISOR_PASSWORD=password)
    argv = [sys.executable, "-m", "bot.tools.advisor", login, "--role", role]
    if name:
        argv += ["--name", name]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "enregistré" in done.stdout


@pytest.fixture(scope="module")
def advisor(stack) -> dict:
    account = {"login": "camille-" + uuid.uuid4().hex[:6], "password": "Un mot de passe sûr 42",
               "name": "Camille Martin"}
    make_advisor(stack, account["login"], account["password"], "admin", account["name"])
    return account


@pytest.fixture(scope="module")
def browser():
    from tests.browser import chromium

    with chromium() as opened:
        yield opened


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30000)
    yield page
    context.close()


def log_in(page, stack, account: dict) -> None:
    page.goto(f"{stack.web_url}/console/")
    assert "/console/login" in page.url  # anonymous: sent to the login form
    page.get_by_label("Identifiant").fill(account["login"])
    page.get_by_label("Mot de passe").fill(account["password"])
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="File d'attente").wait_for()
