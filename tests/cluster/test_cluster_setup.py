"""`make cluster` refuses, in one clear line, what cannot work (no server started)."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.servers import ROOT


def cluster_with(**env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-m", "bot.tools.cluster"], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


def test_without_database_url_the_cluster_says_it_needs_postgresql():
    result = cluster_with(DATABASE_URL="")
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr
    assert "postgresql://" in result.stderr


def test_a_sqlite_database_is_refused_for_replicas():
    result = cluster_with(DATABASE_URL="sqlite:////tmp/cluster.db")
    assert result.returncode != 0 and "PostgreSQL" in result.stderr
