"""A date given in a page's query string (``?du=2026-11-01``), read the one way every page does."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from bot.storage.errors import ServiceError


def query_date(query: Any, name: str, error: type = ServiceError) -> Optional[dt.date]:
    """The ISO date (AAAA-MM-JJ) of parameter ``name``, None when absent or empty; ``error``
    (a ValueError) explained in French when it cannot be read."""
    value = (query.get(name) or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise error(f"Date illisible : « {value[:20]} » (attendu AAAA-MM-JJ).") from None
