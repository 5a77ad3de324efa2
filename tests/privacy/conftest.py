"""Privacy fixtures: a fresh migrated database, SQLite (temporary file) and PostgreSQL (its own
database ``assistant_i13_<random>``, dropped afterwards), and a reader of every table."""
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
        url = f"sqlite:///{tmp_path / 'privacy.db'}"
        migrate.upgrade(url)
        yield url
        return
    if not _postgres_up():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = "assistant_i13_" + uuid.uuid4().hex[:8]
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


def every_row(url: str) -> dict[str, list[str]]:
    """Every row of every table of the database, as text (JSON escapes decoded)."""
    import json

    engine = sa.create_engine(url)
    out: dict[str, list[str]] = {}
    try:
        with engine.connect() as connection:
            for table in sa.inspect(connection).get_table_names():
                rows = connection.execute(sa.text(f'select * from "{table}"')).fetchall()
                texts = []
                for row in rows:
                    cells = []
                    for cell in row:
                        text = str(cell)
                        if isinstance(cell, str) and cell[:1] in "{[":
                            try:
                                text = json.dumps(json.loads(cell), ensure_ascii=False)
                            except ValueError:
                                pass
                        cells.append(text)
                    texts.append(" | ".join(cells))
                out[table] = texts
    finally:
        engine.dispose()
    return out


def found_in_database(url: str, needles) -> list[str]:
    """(table: needle) for each needle found in clear anywhere in the database."""
    hits = []
    for table, rows in every_row(url).items():
        blob = "\n".join(rows)
        hits += [f"{table}: {n}" for n in needles if n in blob]
    return hits
