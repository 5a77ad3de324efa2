"""Slack and Microsoft Teams connectors on the real Rasa server (Slack configured by the stack)."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from urllib.parse import urlsplit

import pytest

from tests.integrations.conftest import raw_post
from tests.integrations.receiver import Receiver

SLACK_SECRET = "test-slack-signing-secret"  # tests/servers.py stack_environment


def slack_headers(body: bytes, secret: str = SLACK_SECRET, timestamp: int = None) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": "v0=" + digest.hexdigest()}


def message_event(user: str, text: str) -> bytes:
    return json.dumps({
        "type": "event_callback", "team_id": "T1", "event_id": f"Ev{uuid.uuid4().hex[:8]}",
        "authorizations": [{"user_id": "UBOT"}],
        "event": {"type": "message", "channel_type": "im", "channel": "D0TEST", "user": user,
                  "text": text, "ts": f"{time.time():.6f}"},
    }).encode()


def user_texts(stack, sender: str, wait: bool = False) -> list:
    """The user messages stored for ``sender`` (waiting for the first one when ``wait``)."""
    deadline = time.monotonic() + 60
    while True:
        # Rasa stores the turn once it is over, a little after the replies are sent.
        found = [e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"]
        if found or not wait:
            return found
        assert time.monotonic() < deadline, f"nothing stored for {sender}"
        time.sleep(0.3)


@pytest.fixture(scope="module")
def slack_api(stack):
    """A fake Slack Web API on the port of SLACK_API_URL (the stack's Slack replies go there)."""
    receiver = Receiver(port=urlsplit(stack.env["SLACK_API_URL"]).port)
    yield receiver
    receiver.close()


def test_slack_url_verification_signed_with_the_secret_is_answered(stack):
    url = f"{stack.rasa_url}/webhooks/slack/webhook"
    body = json.dumps({"token": "t", "challenge": "défi-123", "type": "url_verification"}).encode()
    status, answer = raw_post(url, body, slack_headers(body))
    assert (status, answer) == (200, {"challenge": "défi-123"})


def test_slack_message_signed_with_the_secret_is_answered_in_slack(stack, slack_api):
    user = f"U{uuid.uuid4().hex[:8].upper()}"
    body = message_event(user, "Bonjour")
    status, _ = raw_post(f"{stack.rasa_url}/webhooks/slack/webhook", body, slack_headers(body))
    assert status == 200
    [post] = slack_api.wait_for(lambda r: r.path.endswith("/chat.postMessage")
                                and r.json().get("channel") == "D0TEST"
                                and "assistant" in r.json().get("text", "").lower())
    assert post.headers.get("Authorization") == "Bearer xoxb-test-token"
    assert user_texts(stack, user, wait=True) == ["Bonjour"]
    [event] = [e for e in stack.tracker(user)["events"] if e["event"] == "user"]
    # SLACK_EMPLOYER of the stack: the workspace's employer context reaches the profile.
    assert event["metadata"]["employer"] == {"sector": "agricole", "size": 60, "contributes": True}


@pytest.mark.parametrize("headers", [
    lambda body: slack_headers(body, secret="not-the-secret"),
    lambda body: slack_headers(body, timestamp=int(time.time()) - 600),
    lambda body: {},
], ids=["wrong-secret", "old-timestamp", "unsigned"])
def test_slack_requests_not_signed_with_the_secret_are_refused(stack, headers):
    user = f"U{uuid.uuid4().hex[:8].upper()}"
    body = message_event(user, "Bonjour")
    status, answer = raw_post(f"{stack.rasa_url}/webhooks/slack/webhook", body, headers(body))
    assert status == 401, answer
    verification = json.dumps({"challenge": "x", "type": "url_verification"}).encode()
    assert raw_post(f"{stack.rasa_url}/webhooks/slack/webhook", verification,
                    headers(verification))[0] == 401
    # A signed message sent afterwards is stored; the refused one never is.
    control = f"U{uuid.uuid4().hex[:8].upper()}"
    signed = message_event(control, "Bonjour")
    assert raw_post(f"{stack.rasa_url}/webhooks/slack/webhook", signed,
                    slack_headers(signed))[0] == 200
    assert user_texts(stack, control, wait=True) == ["Bonjour"]
    assert user_texts(stack, user) == []


def test_teams_refuses_everything_while_not_configured(stack):
    activity = {"type": "message", "text": "Bonjour", "from": {"id": "teams-user"},
                "conversation": {"id": "c1"}, "recipient": {"id": "bot"},
                "serviceUrl": "http://127.0.0.1:9/"}
    url = f"{stack.rasa_url}/webhooks/botframework/webhook"
    for headers in ({}, {"Authorization": "Bearer not-a-jwt"}):
        status, answer = raw_post(url, json.dumps(activity).encode(), headers)
        assert status == 401, answer
        assert "not configured" in answer["message"]
    assert user_texts(stack, "teams-user") == []


# -- without the stack: the wrappers' safety rules ---------------------------------------------
class FakeRequest:
    def __init__(self, body: bytes, headers: dict):
        self.body, self.headers = body, headers


def test_slack_without_signing_secret_starts_but_accepts_nothing():
    from bot.channels.slack_teams import SlackInput

    channel = SlackInput.from_credentials(
        {"slack_token": "", "slack_signing_secret": "", "slack_channel": ""})
    body = message_event("U1", "Bonjour")
    # Rasa would compute the HMAC with an empty key, which anyone can do too.
    assert channel.is_request_from_slack_authentic(FakeRequest(body, slack_headers(body, "")))\
        is False
    configured = SlackInput.from_credentials(
        {"slack_token": "x", "slack_signing_secret": SLACK_SECRET, "slack_channel": ""})
    assert configured.is_request_from_slack_authentic(FakeRequest(body, slack_headers(body)))


def test_teams_checks_the_token_signature_audience_and_issuer():
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa
    from jwt.algorithms import RSAAlgorithm

    from bot.channels.slack_teams import BOTFRAMEWORK_ISSUER, BotFrameworkInput

    channel = BotFrameworkInput("app-id", "app-password")  # no network at start-up
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    channel.jwt_keys = {"k1": json.loads(RSAAlgorithm.to_jwk(key.public_key())) | {"kid": "k1"}}

    def token(**claims):
        payload = {"aud": "app-id", "iss": BOTFRAMEWORK_ISSUER, "exp": time.time() + 60, **claims}
        return "Bearer " + jwt.encode(payload, key, algorithm="RS256", headers={"kid": "k1"})

    assert channel._validate_auth(token()) is None
    assert channel._validate_auth(token(aud="another-bot")).status == 401
    assert channel._validate_auth(token(iss="https://evil.example")).status == 401
    assert channel._validate_auth(token(exp=time.time() - 60)).status == 401
    assert channel._validate_auth(None).status == 401
    assert BotFrameworkInput("", "")._validate_auth(token()).status == 401


def test_workspace_employer_context_is_validated(monkeypatch):
    from bot.channels.integrations import IntegrationsError
    from bot.channels.slack_teams import employer_from_env

    monkeypatch.setenv("TEAMS_EMPLOYER", '{"sector": "public", "size": 80}')
    assert employer_from_env("TEAMS_EMPLOYER") == {"sector": "public", "size": 80}
    monkeypatch.setenv("TEAMS_EMPLOYER", '{"sector": "privé"}')
    with pytest.raises(IntegrationsError, match="TEAMS_EMPLOYER: employer.sector: 'privé'"):
        employer_from_env("TEAMS_EMPLOYER")
    monkeypatch.setenv("TEAMS_EMPLOYER", "sector=public")
    with pytest.raises(IntegrationsError, match="must be JSON"):
        employer_from_env("TEAMS_EMPLOYER")
