import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from tests.factories import make_moderator


def pytest_configure(config: pytest.Config) -> None:
    # Deliberately slow password hashing only slows the tests down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Without DATABASE_URL the tests get their own embedded server in a temporary directory,
    # deleted when the run ends; the checkout's .data/postgres is never touched.
    if not settings.DATABASE_URL:
        data_dir = Path(tempfile.mkdtemp(prefix="nearmiss-test-")) / "postgres"
        settings.DATABASES["default"]["EMBEDDED_DATA_DIR"] = str(data_dir)
        settings.DATABASES["default"]["EMBEDDED_CLEANUP"] = "delete"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with empty rate-limit counters."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def database_refuses(monkeypatch):
    """Make every new database connection fail, as when the server is down.

    The real server cannot be stopped under the test run, so the driver's connect is refused.
    Use with django_db(transaction=True): the open connection is closed first.
    """
    import psycopg2
    from django.db import connection

    def refuse(*args, **kwargs):
        raise psycopg2.OperationalError("connection refused")

    connection.close()
    monkeypatch.setattr(connection, "get_new_connection", refuse)


@pytest.fixture
def moderator(db):
    return make_moderator("moderator")


@pytest.fixture
def second_moderator(db):
    return make_moderator("second-moderator")


def _chromium() -> str:
    if os.environ.get("SKIP_BROWSER") == "1":
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 and SKIP_BROWSER=1 contradict each other.")
        pytest.skip("browser tests skipped: SKIP_BROWSER=1")
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = "no Chromium found: install Debian's package (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser():
    """A real, headless Chromium from the system (never a downloaded browser)."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # are still synchronous, so Django's async guard must stand aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()
