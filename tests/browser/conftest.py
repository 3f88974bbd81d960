"""The browser for tests/browser/: Debian's Chromium, headless, driven by Playwright's sync API.

Playwright cannot download its own browser on these machines, so the tests use
/usr/bin/chromium (`make browser-deps` installs it; CI runs that first).
"""

import os
from pathlib import Path

import pytest
from django.db import connections

from tests.browser.helpers import TIMEOUT_MS
from tests.database_snapshot import clear_caches
from tests.system_tools import require_system_tool

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium(path=CHROMIUM, environ=os.environ):
    message = f"{path} is missing: install Debian's chromium (sudo make browser-deps)."
    require_system_tool(path.exists(), message, environ)


@pytest.fixture(scope="module")
def chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which Django takes for
    # async code: allow the tests' own ORM calls while the browser is up, and keep them on this
    # thread's connections (with a running loop Django would open new ones per async context,
    # which lack the test database's serialized contents).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo(chromium, live_server, demo_snapshot):
    """The demo site, committed for the live server (the test's flush takes it away), with
    caches emptied: a flushed database reuses ids that cached site root paths and renditions
    still name."""
    demo_snapshot.restore()
    yield live_server.url
    clear_caches()


@pytest.fixture
def open_page(chromium):
    """A new browser tab (its own cookies) for each caller."""
    contexts = []

    def open_(width=1280):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
