"""HR message ids already accepted, kept in the database for the replay window.

``first_time(integration, message_id, window_s)`` inserts the pair and says whether it was new
(the unique constraint decides, so two replicas never both accept it); pairs older than the
window are deleted now and then.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Optional

from sqlalchemy.exc import IntegrityError

from bot.storage.db import session_scope
from bot.storage.models import utcnow
from bot.storage.security_models import HRSeenMessage


def first_time(integration: str, message_id: str, window_s: float,
               url: Optional[str] = None) -> bool:
    now = utcnow()
    horizon = now - dt.timedelta(seconds=window_s)
    with session_scope(url) as session:
        old = session.query(HRSeenMessage).filter_by(integration=integration,
                                                     message_id=message_id).one_or_none()
        if old is not None:
            if old.seen_at >= horizon:
                return False
            session.delete(old)
            session.flush()
        if random.random() < 0.01:
            session.query(HRSeenMessage).filter(HRSeenMessage.seen_at < horizon).delete()
    try:
        with session_scope(url) as session:
            session.add(HRSeenMessage(integration=integration, message_id=message_id,
                                      seen_at=now))
    except IntegrityError:
        return False
    return True
