"""Advisors' accounts: creation, password check with lock-out, presence.

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bot.storage.db import session_scope
from bot.storage.models import ROLES, Advisor, AuditEntry, utcnow
from bot.storage.errors import ServiceError


MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
ONLINE_WINDOW = dt.timedelta(seconds=120)
_hasher = PasswordHasher()


def save_advisor(login: str, password: str, role: str = "advisor",
                 display_name: Optional[str] = None, url: Optional[str] = None) -> Advisor:
    """Create the account, or update its password/role/name (and unlock it)."""
    login = (login or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9._@-]{2,80}", login):
        raise ServiceError("Identifiant invalide : 2 à 80 caractères parmi lettres, chiffres, . _ @ -")
    if len(password or "") < 8:
        raise ServiceError("Mot de passe trop court : 8 caractères au moins.")
    if role not in ROLES:
        raise ServiceError(f"Rôle inconnu : {role!r} (advisor ou admin).")
    with session_scope(url) as session:
        advisor = session.query(Advisor).filter_by(login=login).one_or_none()
        if advisor is None:
            advisor = Advisor(login=login, display_name=display_name or login, created_at=utcnow())
            session.add(advisor)
        elif display_name:
            advisor.display_name = display_name
        advisor.password_hash = _hasher.hash(password)
        advisor.role = role
        advisor.failed_attempts = 0
        advisor.locked_until = None
        session.flush()
        return advisor


def authenticate(login: str, password: str, url: Optional[str] = None,
                 now: Optional[dt.datetime] = None) -> tuple[Optional[Advisor], Optional[str]]:
    """(advisor, None) when the password is right, else (None, French error message)."""
    now = now or utcnow()
    refused = "Identifiant ou mot de passe incorrect."
    with session_scope(url) as session:
        advisor = session.query(Advisor).filter_by(login=(login or "").strip()).one_or_none()
        if advisor is None:
            _hasher.hash(password or "x")  # same cost whether the login exists or not
            return None, refused
        if advisor.locked_until and advisor.locked_until > now:
            minutes = max(1, -int(-(advisor.locked_until - now).total_seconds() // 60))
            return None, (f"Compte bloqué après {MAX_FAILED_LOGINS} essais manqués : réessayez "
                          f"dans {minutes} min.")
        try:
            _hasher.verify(advisor.password_hash, password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            advisor.failed_attempts = (advisor.failed_attempts or 0) + 1
            if advisor.failed_attempts >= MAX_FAILED_LOGINS:
                advisor.locked_until = now + LOCKOUT
                advisor.failed_attempts = 0
                session.add(AuditEntry(advisor_id=advisor.id, action="lockout", created_at=now))
                return None, (f"Compte bloqué après {MAX_FAILED_LOGINS} essais manqués : réessayez "
                              f"dans {int(LOCKOUT.total_seconds() // 60)} min.")
            return None, refused
        if _hasher.check_needs_rehash(advisor.password_hash):
            advisor.password_hash = _hasher.hash(password)
        advisor.failed_attempts = 0
        advisor.locked_until = None
        advisor.last_seen_at = now
        session.add(AuditEntry(advisor_id=advisor.id, action="login", created_at=now))
        return advisor, None


def get_advisor(advisor_id: int, url: Optional[str] = None) -> Optional[Advisor]:
    with session_scope(url) as session:
        return session.get(Advisor, advisor_id)


def heartbeat(advisor_id: int, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        advisor = session.get(Advisor, advisor_id)
        if advisor is not None:
            advisor.last_seen_at = utcnow()


def advisors_online(url: Optional[str] = None, now: Optional[dt.datetime] = None) -> int:
    """How many advisors have a console page open (heartbeat within the last 2 minutes)."""
    since = (now or utcnow()) - ONLINE_WINDOW
    with session_scope(url) as session:
        return session.query(Advisor).filter(Advisor.last_seen_at >= since).count()
