"""Privacy fixtures: a fresh migrated database on SQLite and on PostgreSQL (tests/databases.py),
and a reader of every table."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.databases import migrated_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    yield from migrated_database(request.param, tmp_path, "assistant_privacy")


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
