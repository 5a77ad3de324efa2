"""HMAC-SHA256 signatures of the HR integration webhook (interfaces.md section 6).

Both directions use the same two headers:

- ``X-Timestamp``: Unix time in whole seconds when the request was signed;
- ``X-Signature``: ``sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret>``.

A signature is accepted only when it matches (constant-time comparison) and the timestamp is
at most ``MAX_SKEW_S`` seconds away from the receiver's clock, in either direction.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from typing import Mapping, Optional, Union

TIMESTAMP_HEADER = "X-Timestamp"
SIGNATURE_HEADER = "X-Signature"
SCHEME = "sha256="
MAX_SKEW_S = 300

Bytes = Union[bytes, bytearray, memoryview]


def _as_bytes(value: Union[str, Bytes]) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def signature(secret: Union[str, bytes], timestamp: Union[int, str], body: Bytes) -> str:
    """The ``X-Signature`` value for ``body`` sent at ``timestamp``."""
    message = str(timestamp).encode("ascii") + b"." + _as_bytes(body)
    digest = hmac.new(_as_bytes(secret), message, hashlib.sha256).hexdigest()
    return SCHEME + digest


def sign(secret: Union[str, bytes], body: Bytes, now: Optional[float] = None) -> dict[str, str]:
    """The two headers to send with ``body``, signed now (or at ``now``)."""
    timestamp = str(int(time.time() if now is None else now))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, body)}


class SignatureError(Exception):
    """Why a request's signature is refused (the message is safe to send back: no secret)."""


def _header(headers: Mapping[str, str], name: str) -> Optional[str]:
    value = headers.get(name)
    if value is None:  # plain dicts are case-sensitive; HTTP headers are not
        lowered = name.lower()
        for key, candidate in headers.items():
            if key.lower() == lowered:
                return candidate
    return value


def verify(secret: Union[str, bytes], headers: Mapping[str, str], body: Bytes,
           now: Optional[float] = None, max_skew_s: int = MAX_SKEW_S) -> int:
    """Check the two headers against ``body``; return the timestamp or raise SignatureError."""
    raw_timestamp = _header(headers, TIMESTAMP_HEADER)
    raw_signature = _header(headers, SIGNATURE_HEADER)
    if not raw_timestamp:
        raise SignatureError(f"missing {TIMESTAMP_HEADER} header (Unix time in seconds)")
    if not raw_signature:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header (sha256=<hex>)")
    raw_timestamp = raw_timestamp.strip()
    if not raw_timestamp.isdigit() or len(raw_timestamp) > 12:
        raise SignatureError(f"{TIMESTAMP_HEADER} must be a Unix time in whole seconds")
    timestamp = int(raw_timestamp)
    current = time.time() if now is None else now
    if abs(current - timestamp) > max_skew_s:
        raise SignatureError(
            f"{TIMESTAMP_HEADER} is more than {max_skew_s} s away from the server's clock")
    expected = signature(secret, raw_timestamp, body)
    if not hmac.compare_digest(expected.encode("ascii"),
                               raw_signature.strip().lower().encode("ascii", "replace")):
        raise SignatureError(f"{SIGNATURE_HEADER} does not match the body and timestamp")
    return timestamp
