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
MIN_PASSWORD_LENGTH = 12
ADDRESS_WINDOW = dt.timedelta(minutes=15)
# One message whether the password is wrong, the login unknown or the account locked: it
# tells an attacker nothing about which accounts exist.
REFUSED = ("Identifiant ou mot de passe incorrect. Après 5 essais manqués, le compte est "
           "bloqué 15 min.")
THROTTLED = "Trop d'essais depuis cette adresse : réessayez dans quelques minutes."
_hasher = PasswordHasher()


def save_advisor(login: str, password: str, role: str = "advisor",
                 display_name: Optional[str] = None, url: Optional[str] = None) -> Advisor:
    """Create the account, or update its password/role/name (and unlock it).

    Changing an existing account ends all its console sessions."""
    login = (login or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9._@-]{2,80}", login):
        raise ServiceError("Identifiant invalide : 2 à 80 caractères parmi lettres, chiffres, . _ @ -")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ServiceError(f"Mot de passe trop court : {MIN_PASSWORD_LENGTH} caractères au moins.")
    if role not in ROLES:
        raise ServiceError(f"Rôle inconnu : {role!r} (advisor ou admin).")
    from bot.storage.console_sessions import revoke_all

    with session_scope(url) as session:
        advisor = session.query(Advisor).filter_by(login=login).one_or_none()
        if advisor is None:
            advisor = Advisor(login=login, display_name=display_name or login, created_at=utcnow())
            session.add(advisor)
        else:
            if display_name:
                advisor.display_name = display_name
            revoke_all(advisor.id, session=session)
        advisor.password_hash = _hasher.hash(password)
        advisor.role = role
        advisor.failed_attempts = 0
        advisor.locked_until = None
        session.flush()
        return advisor


def _record_failure(login: str, address: Optional[str], advisor_id: Optional[int],
                    now: dt.datetime, url: Optional[str]) -> None:
    from bot.storage.security_models import LoginAttempt

    with session_scope(url) as session:
        session.add(LoginAttempt(address=(address or "?")[:64], login=login[:80], at=now))
        session.add(AuditEntry(advisor_id=advisor_id, action="login_failed",
                               target=login[:255], detail=f"from {(address or '?')[:64]}",
                               created_at=now))


def address_throttled(address: Optional[str], url: Optional[str] = None,
                      now: Optional[dt.datetime] = None) -> bool:
    from bot.storage.security_models import LoginAttempt

    if not address:
        return False
    since = (now or utcnow()) - ADDRESS_WINDOW
    with session_scope(url) as session:
        failures = session.query(LoginAttempt).filter(
            LoginAttempt.address == address[:64], LoginAttempt.at >= since).count()
    from bot import settings

    return failures >= settings.login_failures_per_address()


def authenticate(login: str, password: str, url: Optional[str] = None,
                 now: Optional[dt.datetime] = None,
                 address: Optional[str] = None) -> tuple[Optional[Advisor], Optional[str]]:
    """(advisor, None) when the password is right, else (None, French error message).

    Each attempt is counted *before* the password is checked, in one atomic UPDATE, so
    parallel attempts cannot try more than ``MAX_FAILED_LOGINS`` passwords per lockout."""
    now = now or utcnow()
    login = (login or "").strip()
    if address_throttled(address, url, now):
        _record_failure(login, address, None, now, url)
        return None, THROTTLED
    with session_scope(url) as session:
        advisor = session.query(Advisor).filter_by(login=login).one_or_none()
        if advisor is not None:
            locked = advisor.locked_until is not None and advisor.locked_until > now
            if not locked:
                session.query(Advisor).filter_by(id=advisor.id).update(
                    {Advisor.failed_attempts: Advisor.failed_attempts + 1},
                    synchronize_session=False)
                attempt = session.query(Advisor.failed_attempts).filter_by(id=advisor.id).scalar()
                if advisor.locked_until is not None and attempt > MAX_FAILED_LOGINS:
                    attempt = 1  # the previous lockout is over: a new series starts
                    session.query(Advisor).filter_by(id=advisor.id).update(
                        {Advisor.failed_attempts: 1, Advisor.locked_until: None},
                        synchronize_session=False)
                locked = attempt > MAX_FAILED_LOGINS
            advisor_id, password_hash = advisor.id, advisor.password_hash
    if advisor is None:
        _hasher.hash(password or "x")  # same cost whether the login exists or not
        _record_failure(login, address, None, now, url)
        return None, REFUSED
    if locked:
        _hasher.hash(password or "x")
        _record_failure(login, address, advisor_id, now, url)
        return None, REFUSED
    try:
        _hasher.verify(password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        with session_scope(url) as session:
            count = session.query(Advisor.failed_attempts).filter_by(id=advisor_id).scalar()
            if count >= MAX_FAILED_LOGINS:
                session.query(Advisor).filter_by(id=advisor_id).update(
                    {Advisor.locked_until: now + LOCKOUT}, synchronize_session=False)
                session.add(AuditEntry(advisor_id=advisor_id, action="lockout", created_at=now))
        _record_failure(login, address, advisor_id, now, url)
        return None, REFUSED
    with session_scope(url) as session:
        advisor = session.get(Advisor, advisor_id)
        if _hasher.check_needs_rehash(advisor.password_hash):
            advisor.password_hash = _hasher.hash(password)
        advisor.failed_attempts = 0
        advisor.locked_until = None
        advisor.last_seen_at = now
        session.add(AuditEntry(advisor_id=advisor.id, action="login", created_at=now,
                               detail=f"from {(address or '?')[:64]}"))
        session.flush()
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
