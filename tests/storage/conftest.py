"""Storage fixtures: a fresh migrated database on SQLite and on PostgreSQL (tests/databases.py)."""
from __future__ import annotations

import pytest

from tests.databases import migrated_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    yield from migrated_database(request.param, tmp_path, "assistant_store")
