"""Browser fixtures: one Debian Chromium per test session, a fresh context (no storage) per test."""
from __future__ import annotations

import subprocess

import pytest

from tests.browser import chromium
from tests.servers import ROOT

WIDGET_JS = ROOT / "bot" / "web" / "static" / "widget" / "widget.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def widget_built() -> None:
    """The widget bundle, built by `make widget` (incremental) when a test run needs it."""
    subprocess.run(["make", "--no-print-directory", "widget"], cwd=ROOT, check=True)
    assert WIDGET_JS.exists(), "make widget did not produce the widget script"


@pytest.fixture(scope="module")
def browser(widget_built):
    with chromium() as opened:
        yield opened


@pytest.fixture()
def context(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                  bypass_csp=True)  # axe-core is injected inline; CSP: tests/security
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture()
def page(context):
    return context.new_page()
