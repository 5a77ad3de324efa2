"""The HMAC-SHA256 signature of the HR webhook (interfaces.md section 6)."""
from __future__ import annotations

import hashlib
import hmac
import importlib.util

import pytest

from bot.channels import signing
from tests.servers import ROOT

SECRET = "a-secret-of-enough-length"
BODY = b'{"integration": "acme", "message": "bonjour"}'


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(SECRET.encode(), b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert signing.signature(SECRET, 1700000000, BODY) == "sha256=" + expected


def test_signed_headers_verify_and_return_the_timestamp():
    headers = signing.sign(SECRET, BODY, now=1700000000)
    assert headers["X-Timestamp"] == "1700000000"
    assert signing.verify(SECRET, headers, BODY, now=1700000100) == 1700000000


@pytest.mark.parametrize("change, reason", [
    (lambda h, b: (h, b + b" "), "does not match"),
    (lambda h, b: ({**h, "X-Signature": h["X-Signature"].replace("sha256=", "sha1=")}, b),
     "does not match"),
    (lambda h, b: ({"X-Timestamp": h["X-Timestamp"]}, b), "missing X-Signature"),
    (lambda h, b: ({"X-Signature": h["X-Signature"]}, b), "missing X-Timestamp"),
    (lambda h, b: ({**h, "X-Timestamp": "1700000001"}, b), "does not match"),
    (lambda h, b: ({**h, "X-Timestamp": "17e8"}, b), "whole seconds"),
])
def test_tampered_requests_are_refused(change, reason):
    headers, body = change(signing.sign(SECRET, BODY, now=1700000000), BODY)
    with pytest.raises(signing.SignatureError, match=reason):
        signing.verify(SECRET, headers, body, now=1700000000)


def test_another_secret_does_not_verify():
    headers = signing.sign("another-secret-of-enough-length", BODY, now=1700000000)
    with pytest.raises(signing.SignatureError, match="does not match"):
        signing.verify(SECRET, headers, BODY, now=1700000000)


@pytest.mark.parametrize("skew", [301, -301, 3600])
def test_timestamps_more_than_300_seconds_away_are_refused(skew):
    headers = signing.sign(SECRET, BODY, now=1700000000)
    with pytest.raises(signing.SignatureError, match="300 s"):
        signing.verify(SECRET, headers, BODY, now=1700000000 + skew)


@pytest.mark.parametrize("skew", [300, -300, 0])
def test_timestamps_within_300_seconds_are_accepted(skew):
    headers = signing.sign(SECRET, BODY, now=1700000000)
    assert signing.verify(SECRET, headers, BODY, now=1700000000 + skew) == 1700000000


def test_header_names_are_case_insensitive():
    headers = {k.lower(): v for k, v in signing.sign(SECRET, BODY, now=1700000000).items()}
    assert signing.verify(SECRET, headers, BODY, now=1700000000) == 1700000000


def test_example_client_signs_and_verifies_like_the_server():
    spec = importlib.util.spec_from_file_location("hr_client", ROOT / "examples" / "hr_client.py")
    client = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(client)
    assert client.sign(SECRET, BODY, 1700000000) == signing.sign(SECRET, BODY, now=1700000000)
    fresh = signing.sign(SECRET, BODY)
    assert client.verify(SECRET, fresh, BODY) is None
    assert client.verify(SECRET, fresh, BODY + b"x") == "signature invalide"
