"""Fresh migrated databases for storage tests: a temporary SQLite file, or a PostgreSQL database
of its own on the machine's server (created with a random name, dropped afterwards)."""
from __future__ import annotations

import socket
import uuid
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

from bot.tools import migrate

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"


def postgres_up() -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", 5432)) == 0


def migrated_database(kind: str, tmp_path: Path, prefix: str) -> Iterator[str]:
    """Yield the URL of a migrated database of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / (prefix + '.db')}"
        migrate.upgrade(url)
        yield url
        return
    if not postgres_up():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
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
