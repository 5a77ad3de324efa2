"""Console sessions kept on the server (table ``console_sessions``), so they can be revoked.

The cookie carries only a random token; the table keeps its SHA-256, the advisor, the expiry
and whether it was revoked. Logout revokes one session; a password or role change
(``advisors.save_advisor``) revokes every session of that advisor.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Optional

from bot.storage.db import session_scope
from bot.storage.models import Advisor, utcnow
from bot.storage.security_models import ConsoleSession

LIFETIME = dt.timedelta(hours=8)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def open_session(advisor_id: int, address: Optional[str] = None,
                 url: Optional[str] = None) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with session_scope(url) as session:
        session.add(ConsoleSession(token_hash=_hash(token), advisor_id=advisor_id,
                                   created_at=now, expires_at=now + LIFETIME,
                                   address=(address or "")[:64] or None))
    return token


def advisor_for(token: Optional[str], url: Optional[str] = None) -> Optional[Advisor]:
    """The advisor of a live session (not revoked, not expired), else None."""
    if not isinstance(token, str) or not token:
        return None
    now = utcnow()
    with session_scope(url) as session:
        row = session.query(ConsoleSession).filter_by(token_hash=_hash(token)).one_or_none()
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            return None
        return session.get(Advisor, row.advisor_id)


def revoke(token: Optional[str], url: Optional[str] = None) -> None:
    if not isinstance(token, str) or not token:
        return
    with session_scope(url) as session:
        session.query(ConsoleSession).filter_by(token_hash=_hash(token), revoked_at=None) \
            .update({"revoked_at": utcnow()})


def revoke_all(advisor_id: int, url: Optional[str] = None, session=None) -> int:
    """End every session of the advisor (password or role changed); how many were live."""
    def run(db) -> int:
        return db.query(ConsoleSession).filter_by(advisor_id=advisor_id, revoked_at=None) \
            .update({"revoked_at": utcnow()})
    if session is not None:
        return run(session)
    with session_scope(url) as db:
        return run(db)
