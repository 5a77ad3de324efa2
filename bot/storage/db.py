"""Engine and sessions of the console's tables, from bot.settings.database_url()."""
from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot import settings

_lock = threading.Lock()
_engines: dict[str, Engine] = {}


def normalise_url(url: Optional[str] = None) -> str:
    """The URL with a relative SQLite path made absolute (under the project root)."""
    parsed = make_url(url or settings.database_url())
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if not path.is_absolute():
            path = settings.ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        parsed = parsed.set(database=str(path))
    return parsed.render_as_string(hide_password=False)


def engine(url: Optional[str] = None) -> Engine:
    """One engine per URL and process."""
    key = normalise_url(url)
    with _lock:
        if key not in _engines:
            if key.startswith("sqlite"):
                eng = create_engine(key, future=True, connect_args={"timeout": 30,
                                                                  "check_same_thread": False})

                @event.listens_for(eng, "connect")
                def _pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
                    cursor = dbapi_connection.cursor()
                    cursor.execute("PRAGMA foreign_keys=ON")
                    cursor.close()
            else:
                eng = create_engine(key, future=True, pool_pre_ping=True, pool_size=5,
                                    max_overflow=10)
            _engines[key] = eng
        return _engines[key]


def session_factory(url: Optional[str] = None) -> sessionmaker:
    return sessionmaker(bind=engine(url), future=True, expire_on_commit=False)


@contextlib.contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back on an exception."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
