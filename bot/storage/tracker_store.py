"""Rasa's SQL tracker store, configured from one SQLAlchemy URL.

endpoints.yml passes ``DATABASE_URL`` as ``url``; SQLite (the embedded default, a file under
var/) and PostgreSQL both work. Rasa keeps every event of every conversation in one ``events``
table: the transcript that the advisors' console reads.

Privacy (issue 13): ``save`` writes each event through ``privacy_stored_event`` (personal
identifiers masked, bot/storage/redaction.py; the running conversation keeps the original in
memory), and writes nothing back once the user has erased the conversation
(``privacy_erased``: the ``conversation_erased`` slot set by actions/privacy.py).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterable, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import make_url

from bot import settings
from bot.storage import erasure, log_redaction
from bot.storage.redaction import redact_event

logger = logging.getLogger(__name__)
log_redaction.install()  # the Rasa server's logs (privacy, issue 13)


def privacy_stored_event(event: Any) -> dict:
    """The event as it may be stored: its dict with every personal identifier masked."""
    return redact_event(event.as_dict())


def privacy_erased(events: Iterable[Any]) -> bool:
    """True when these new events hold the user's confirmed erasure of the conversation."""
    return any(getattr(e, "type_name", None) == "slot" and getattr(e, "key", None)
               == "conversation_erased" and getattr(e, "value", None) for e in events)


class UrlSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, host: Optional[str] = None,
                 event_broker: Any = None, **kwargs: Any) -> None:
        url = make_url(host or settings.database_url())
        if url.get_backend_name() == "sqlite" and url.database:
            path = Path(url.database)
            if not path.is_absolute():
                path = settings.ROOT / path
            path.parent.mkdir(parents=True, exist_ok=True)
            url = url.set(database=str(path))
        kwargs.pop("url", None)
        super().__init__(domain=domain, dialect=url.drivername,
                         host=url.render_as_string(hide_password=False),
                         event_broker=event_broker, **kwargs)

    async def save(self, tracker: Any) -> None:
        """Rasa's save (only the events not stored yet), with the privacy hooks."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            events = list(self._additional_events(session, tracker))
            if privacy_erased(events):
                erasure.delete_events(session, tracker.sender_id)
                session.commit()
                logger.info("Conversation erased at the user's request: nothing written back")
                return
            for event in events:
                data = privacy_stored_event(event)
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=json.dumps(data)))
            session.commit()
