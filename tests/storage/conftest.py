"""Storage fixtures: a fresh migrated database, SQLite (temporary file) and PostgreSQL (its own
database, dropped afterwards; skipped with the reason when PostgreSQL is not reachable)."""
from __future__ import annotations

import socket
import uuid

import pytest
import sqlalchemy as sa

from bot.tools import migrate

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"


def _postgres_up() -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", 5432)) == 0


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
        migrate.upgrade(url)
        yield url
        return
    if not _postgres_up():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = "assistant_i14_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(f"{POSTGRES_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"create database {name}"))
    url = f"{POSTGRES_SERVER}/{name}"
    try:
        migrate.upgrade(url)
        yield url
    finally:
        from bot.storage import db

        for key in [k for k in db._engines if k.endswith("/" + name)]:
            db._engines.pop(key).dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = :n"),
                {"n": name})
            connection.execute(sa.text(f"drop database if exists {name}"))
        admin.dispose()
