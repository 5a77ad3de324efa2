"""Rasa's SQL tracker store, configured from one SQLAlchemy URL.

endpoints.yml passes ``DATABASE_URL`` as ``url``; SQLite (the embedded default, a file under
var/) and PostgreSQL both work. Rasa keeps every event of every conversation in one ``events``
table: the transcript that the advisors' console reads.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.engine import make_url

from bot import settings
from bot.storage.tracker_safety import SafeSQLTrackerStoreMixin


class UrlSQLTrackerStore(SafeSQLTrackerStoreMixin, SQLTrackerStore):
    # SafeSQLTrackerStoreMixin (issue 10): one bad conversation never exits the server; a
    # save given up is logged "TRANSCRIPT NOT SAVED" and reported by GET /webhooks/rest/.
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
