"""Security headers, hidden version and CORS limited to the configured origins."""
from __future__ import annotations

from tests.security.helpers import raw


def test_the_demo_page_sends_a_csp_that_forbids_framing(stack):
    status, headers, _ = raw("GET", f"{stack.web_url}/")
    assert status == 200
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and stack.rasa_url in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_static_files_and_health_carry_the_headers_too(stack):
    for path in ("/health", "/static/site.css", "/console/login"):
        _, headers, _ = raw("GET", f"{stack.web_url}{path}")
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path


def test_rasa_answers_carry_security_headers(stack):
    for path in ("/", "/webhooks/rest/"):
        _, headers, _ = raw("GET", f"{stack.rasa_url}{path}")
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer"


def test_rasa_does_not_tell_its_version(stack):
    status, _, body = raw("GET", f"{stack.rasa_url}/")
    assert status == 200 and b"3.6" not in body and b"Rasa" not in body
    assert raw("GET", f"{stack.rasa_url}/version")[0] == 404


def test_cors_does_not_allow_another_origin(stack):
    _, headers, _ = raw("OPTIONS", f"{stack.rasa_url}/webhooks/rest/webhook", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert headers.get("access-control-allow-origin") not in ("*", "https://evil.example")


def test_cors_allows_the_demo_page(stack):
    origin = stack.web_url
    _, headers, _ = raw("OPTIONS", f"{stack.rasa_url}/webhooks/rest/webhook", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST"})
    assert headers.get("access-control-allow-origin") == origin


def test_the_http_api_accepts_the_token_in_a_header(stack):
    status, _, _ = raw("GET", f"{stack.rasa_url}/conversations/header-check/tracker",
                       headers={"Authorization": f"Bearer {stack.rasa_token}"})
    assert status == 200
    assert raw("GET", f"{stack.rasa_url}/conversations/header-check/tracker")[0] == 401


def test_the_widget_transport_gets_cors_for_the_demo_page(stack):
    _, headers, _ = raw("GET", f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling",
                        headers={"Origin": stack.web_url})
    assert headers.get("access-control-allow-origin") == stack.web_url
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
