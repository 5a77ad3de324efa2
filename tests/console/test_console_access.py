"""Nothing of the console without a session; CSRF and lock-out through the real web app."""
from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from starlette.routing import Route

from bot.console.app import PUBLIC_PATHS, routes
from tests.console.conftest import make_advisor


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def raw(method: str, url: str, data: bytes | None = None, headers: dict | None = None):
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def console_routes():
    """Every route of the console's route table (but the login form), with example path
    parameters."""
    out = []
    for route in routes:
        assert isinstance(route, Route)
        if route.path in PUBLIC_PATHS:
            continue
        path = re.sub(r"\{ticket_id\}", "1", route.path)
        path = re.sub(r"\{conversation_id(:path)?\}", "some-conversation", path)
        for method in sorted(route.methods - {"HEAD"}):
            out.append((method, route.path, path))
    return out


@pytest.mark.parametrize("method,pattern,path", console_routes(),
                         ids=[f"{m} {p}" for m, p, _ in console_routes()])
def test_every_console_route_refuses_an_anonymous_request(stack, method, pattern, path):
    data = b"csrf_token=x&text=hello&outcome=x&name=x" if method == "POST" else None
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if data else {}
    status, response_headers, body = raw(method, f"{stack.web_url}/console{path}", data, headers)
    assert status in (303, 401), (status, body[:200])
    if status == 303:
        assert method == "GET"
        assert response_headers["location"].startswith("/console/login")
    else:
        assert "Connexion requise" in body
    assert "Camille" not in body and "events" not in body


def test_the_route_table_is_not_empty_and_login_is_the_only_public_route():
    assert len(console_routes()) >= 15 and PUBLIC_PATHS == {"/login"}
    assert {path for route in routes for path in [route.path]} - PUBLIC_PATHS == {
        pattern for _, pattern, _ in console_routes()}


def _login_form_token(stack) -> tuple[str, str]:
    status, headers, body = raw("GET", f"{stack.web_url}/console/login")
    assert status == 200
    cookie = headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    return cookie.split(";")[0], token


def _post_login(stack, cookie: str, token: str, login: str, password: str):
    from urllib.parse import urlencode
    data = urlencode({"csrf_token": token, "login": login, "password": password,
                      "next": "/console/"}).encode()
    return raw("POST", f"{stack.web_url}/console/login", data,
               {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})


def test_login_without_the_csrf_token_is_refused(stack):
    make_advisor(stack, "csrf-check", "mot de passe csrf")
    cookie, token = _login_form_token(stack)
    status, _, body = _post_login(stack, cookie, "not-the-token", "csrf-check", "mot de passe csrf")
    assert status == 403 and "expiré" in body
    status, headers, _ = _post_login(stack, cookie, token, "csrf-check", "mot de passe csrf")
    assert status == 303 and headers["location"] == "/console/"
    session_cookie = headers["set-cookie"].split(";")[0]
    # logged in: a POST without the token is refused, with it it works
    status, _, _ = raw("POST", f"{stack.web_url}/console/conversations/x/notes",
                       b"text=hello", {"Content-Type": "application/x-www-form-urlencoded",
                                       "Cookie": session_cookie})
    assert status == 403


def test_five_wrong_passwords_lock_the_account(stack):
    make_advisor(stack, "lockout-check", "le vrai mot de passe")
    for attempt in range(5):
        cookie, token = _login_form_token(stack)
        status, _, body = _post_login(stack, cookie, token, "lockout-check", "faux")
        assert status == 401
    assert "bloqué" in body
    cookie, token = _login_form_token(stack)
    status, _, body = _post_login(stack, cookie, token, "lockout-check", "le vrai mot de passe")
    assert status == 401 and "bloqué" in body
