"""The console's audit log (who did what, when).

Pure SQLAlchemy: the action server, the Rasa channels and the console use it. Every function
takes an optional ``url`` (default DATABASE_URL) so that tests can point it at a temporary
database.
"""
from __future__ import annotations

from typing import Optional

from bot.storage.db import session_scope
from bot.storage.models import AuditEntry, utcnow
from bot.storage.redaction import redact_text


def audit(advisor_id: Optional[int], action: str, target: Optional[str] = None,
          detail: Optional[str] = None, url: Optional[str] = None) -> None:
    with session_scope(url) as session:
        session.add(AuditEntry(advisor_id=advisor_id, action=action, target=target,
                               detail=redact_text(detail) if detail else detail,  # issue 13
                               created_at=utcnow()))


def audit_log(limit: int = 500, url: Optional[str] = None) -> list[AuditEntry]:
    with session_scope(url) as session:
        entries = session.query(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).all()
        for entry in entries:
            _ = entry.advisor
        return entries
