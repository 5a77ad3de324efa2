"""Shared fixtures. ``stack`` starts the real Rasa server, action server and web app once."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.servers import ROOT, Stack, start_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    subprocess.run([sys.executable, "-m", "bot.tools.model", "train"], cwd=ROOT, check=True)
    running = start_stack(tmp_path_factory.mktemp("var"))
    yield running
    running.stop()


def pytest_collection_modifyitems(items):
    for item in items:
        if "stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.servers)
