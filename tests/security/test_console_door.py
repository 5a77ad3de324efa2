"""The advisors' console: revocable sessions, lockout that parallel attempts cannot bypass,
one refusal message, export scope, CSV that survives control characters, cookie settings."""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import subprocess
import sys
import uuid
from urllib.parse import urlencode

import pytest

from bot.storage import advisors
from bot.storage.errors import ServiceError
from bot.storage.models import utcnow
from tests.console.conftest import make_advisor
from tests.console.test_console_access import _login_form_token, _post_login, raw
from tests.security.helpers import post_json
from tests.servers import ROOT


def logged_in(stack, login: str, password: str) -> str:
    cookie, token = _login_form_token(stack)
    status, headers, body = _post_login(stack, cookie, token, login, password)
    assert status == 303, body
    return headers["set-cookie"].split(";")[0]


def can_read_queue(stack, cookie: str) -> bool:
    return raw("GET", f"{stack.web_url}/console/api/queue", headers={"Cookie": cookie})[0] == 200


def csrf_of(stack, cookie: str) -> str:
    import re
    _, _, page = raw("GET", f"{stack.web_url}/console/", headers={"Cookie": cookie})
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_a_copied_cookie_stops_working_after_logout(stack):
    make_advisor(stack, "logout-check", "mot de passe de sortie")
    cookie = logged_in(stack, "logout-check", "mot de passe de sortie")
    assert can_read_queue(stack, cookie)
    status, _, _ = raw("POST", f"{stack.web_url}/console/logout",
                       urlencode({"csrf_token": csrf_of(stack, cookie)}).encode(),
                       {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    assert status == 303
    assert not can_read_queue(stack, cookie)  # the old cookie, replayed


def test_a_password_change_ends_the_open_sessions(stack):
    make_advisor(stack, "password-change", "ancien mot de passe")
    cookie = logged_in(stack, "password-change", "ancien mot de passe")
    make_advisor(stack, "password-change", "nouveau mot de passe")
    assert not can_read_queue(stack, cookie)


def test_a_role_change_ends_the_open_sessions(stack):
    make_advisor(stack, "role-change", "mot de passe du rôle", role="admin")
    cookie = logged_in(stack, "role-change", "mot de passe du rôle")
    make_advisor(stack, "role-change", "mot de passe du rôle", role="advisor")
    assert not can_read_queue(stack, cookie)


def test_the_refusal_does_not_tell_which_accounts_exist(stack):
    make_advisor(stack, "exists-check", "le mot de passe exact")
    cookie, token = _login_form_token(stack)
    wrong = _post_login(stack, cookie, token, "exists-check", "faux mot de passe")
    unknown = _post_login(stack, cookie, token, "nobody-" + uuid.uuid4().hex[:6], "x" * 12)
    assert wrong[0] == unknown[0] == 401
    assert advisors.REFUSED.replace("'", "&#39;") in wrong[2] or advisors.REFUSED in wrong[2]
    assert (advisors.REFUSED in unknown[2]) == (advisors.REFUSED in wrong[2])


def test_failed_logins_are_in_the_access_log(stack):
    login = "logged-" + uuid.uuid4().hex[:6]
    cookie, token = _login_form_token(stack)
    _post_login(stack, cookie, token, login, "pas le bon mot de passe")
    assert f"console login failed for '{login}'" in stack.log_tail("web", 400)


def test_an_advisor_export_with_a_wide_date_range_holds_only_their_conversations(stack):
    other = "someone-else-" + uuid.uuid4().hex[:8]
    assert post_json(f"{stack.rasa_url}/webhooks/rest/webhook",
                     {"sender": other, "message": "Bonjour"})[0] == 200
    make_advisor(stack, "export-scope", "mot de passe export")
    cookie = logged_in(stack, "export-scope", "mot de passe export")
    status, _, body = raw("GET", f"{stack.web_url}/console/export.jsonl?from=2000-01-01&to=2999-12-31",
                          headers={"Cookie": cookie})
    assert status == 200
    exported = [json.loads(line)["conversation_id"] for line in body.splitlines() if line]
    assert other not in exported


def test_an_admin_export_holds_every_conversation(stack):
    other = "for-admin-" + uuid.uuid4().hex[:8]
    assert post_json(f"{stack.rasa_url}/webhooks/rest/webhook",
                     {"sender": other, "message": "Bonjour"})[0] == 200
    make_advisor(stack, "export-admin", "mot de passe admin export", role="admin")
    cookie = logged_in(stack, "export-admin", "mot de passe admin export")
    status, _, body = raw("GET", f"{stack.web_url}/console/export.jsonl?text={other}",
                          headers={"Cookie": cookie})
    assert status == 200 and other in body


def test_a_nul_in_a_message_does_not_break_the_csv_export(stack):
    sender = "nul-csv-" + uuid.uuid4().hex[:8]
    status, _ = post_json(f"{stack.rasa_url}/conversations/{sender}/tracker/events",
                          [{"event": "user", "text": "avant\u0000après\u0007 =1+1",
                            "parse_data": {"intent": {"name": "saluer"}}}],
                          {"Authorization": f"Bearer {stack.rasa_token}"})
    assert status == 200
    make_advisor(stack, "csv-admin", "mot de passe csv admin", role="admin")
    cookie = logged_in(stack, "csv-admin", "mot de passe csv admin")
    status, _, body = raw("GET", f"{stack.web_url}/console/export.csv?text={sender}",
                          headers={"Cookie": cookie})
    assert status == 200
    text = body.lstrip("\ufeff")
    assert sender in text and "avantaprès" in text and "\x00" not in text


# -- storage level (a temporary database of their own) ----------------------------------------
@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    subprocess.run([sys.executable, "-m", "bot.tools.migrate"], cwd=ROOT, check=True,
                   env={"DATABASE_URL": url, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                   stdout=subprocess.DEVNULL)
    return url


def test_parallel_attempts_cannot_try_more_than_five_passwords(db):
    advisors.save_advisor("target", "the real password 42", url=db)
    guesses = [f"guess number {n:03d}" for n in range(40)] + ["the real password 42"]

    def attempt(password):
        return advisors.authenticate("target", password, url=db)[0] is not None

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(attempt, guesses))
    assert not any(results)  # the right password came after 5 failures: still locked


def test_a_locked_account_gets_the_message_of_a_wrong_password(db):
    advisors.save_advisor("locked", "the real password 42", url=db)
    now = utcnow()
    for _ in range(5):
        advisors.authenticate("locked", "wrong wrong wrong", url=db, now=now)
    assert advisors.authenticate("locked", "the real password 42", url=db, now=now) == \
        (None, advisors.REFUSED)
    assert advisors.authenticate("locked", "still wrong", url=db, now=now)[1] == advisors.REFUSED


def test_one_address_is_throttled_after_repeated_failures(db, monkeypatch):
    monkeypatch.setenv("CONSOLE_MAX_FAILURES_PER_ADDRESS", "3")
    advisors.save_advisor("victim", "the real password 42", url=db)
    for n in range(3):
        advisors.authenticate(f"user{n}", "x" * 12, url=db, address="198.51.100.7")
    assert advisors.authenticate("victim", "the real password 42", url=db,
                                 address="198.51.100.7") == (None, advisors.THROTTLED)
    assert advisors.authenticate("victim", "the real password 42", url=db,
                                 address="198.51.100.8")[0] is not None


def test_a_password_shorter_than_12_characters_is_refused(db):
    with pytest.raises(ServiceError, match="12"):
        advisors.save_advisor("short", "elevenchars", url=db)


def test_the_cookie_is_secure_by_default_outside_localhost(monkeypatch):
    from bot import settings
    monkeypatch.delenv("COOKIE_SECURE", raising=False)
    monkeypatch.setenv("PUBLIC_URL", "https://assistant.example.fr")
    assert settings.cookie_secure() is True
    monkeypatch.setenv("PUBLIC_URL", "http://localhost:8000")
    assert settings.cookie_secure() is False
    monkeypatch.delenv("PUBLIC_URL")
    monkeypatch.setenv("HOST", "0.0.0.0")
    assert settings.cookie_secure() is True
