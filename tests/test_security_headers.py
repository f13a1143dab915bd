"""Security headers on every kind of page, and the production settings that check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reports.models import Report
from tests.factories import login_verified, make_report, payload

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
PRODUCTION = {
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789",
    "ENCRYPTION_KEYS": "c2VjdXJpdHktaGVhZGVycy1lbmNyeXB0aW9uLWtleTM=",
    "ALLOWED_HOSTS": "nearmiss.example.org",
    "DATABASE_URL": "postgres://nearmiss@db.internal:5432/nearmiss",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "TRUSTED_PROXIES": "10.0.0.5",
}


def _directives(policy: str) -> set[str]:
    return {part.strip() for part in policy.split(";")}


def _pages(client, moderator) -> dict:
    report = make_report(status=Report.Status.PUBLISHED)
    sent = client.post("/submit/", payload(action="send"), follow=True)
    pages = {
        "home": client.get("/"),
        "browse": client.get("/reports/?q=hands"),
        "story": client.get(f"/reports/{report.public_id}/"),
        "print": client.get(f"/reports/{report.public_id}/print/"),
        "form": client.get("/submit/"),
        "review": client.post("/submit/", payload(), follow=True),
        "receipt": sent,
        "status": client.post("/status/", {"code": "0000-0000-0000-0000-0000"}),
        "feed": client.get("/feeds/latest.atom"),
        "csv": client.get("/data/reports.csv"),
        "stats": client.get("/stats/"),
        "not found": client.get("/reports/none/"),
        "health": client.get("/healthz"),
        "static": client.get("/static/css/site.css"),
    }
    login_verified(client, moderator)
    pages["admin"] = client.get("/admin/reports/report/")
    return pages


def test_every_kind_of_page_carries_the_security_headers(client, moderator):
    for name, response in _pages(client, moderator).items():
        assert response.status_code in {200, 404}, name
        assert _directives(response["Content-Security-Policy"]) == _directives(CSP), name
        policy = response["Permissions-Policy"]
        for feature in ["camera", "microphone", "geolocation", "usb", "payment", "gyroscope"]:
            assert f"{feature}=()" in policy, (name, feature)
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name


def test_pages_with_a_receipt_or_reporter_text_are_never_stored(client, moderator):
    pages = _pages(client, moderator)
    for name in ["form", "review", "receipt", "status", "admin"]:
        assert "no-store" in pages[name]["Cache-Control"], name


def _run(code: str, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "DATABASE_URL", "REDIS_URL", "HTTPS"}
    }
    return subprocess.run(
        [sys.executable, *code.split()]
        if code.startswith("manage.py")
        else [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = _run("manage.py check --deploy --fail-level WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_warns_when_several_workers_have_no_shared_cache():
    env = PRODUCTION | {"WEB_CONCURRENCY": "4"}
    env.pop("REDIS_URL")
    result = _run("manage.py check --deploy", **env)
    assert "nearmiss.W001" in result.stdout + result.stderr
    single = _run(
        "manage.py check --deploy --fail-level WARNING", **(env | {"WEB_CONCURRENCY": "1"})
    )
    assert single.returncode == 0, single.stdout + single.stderr


PRODUCTION_REQUEST = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearmiss.settings")
django.setup()
from django.test import Client
client = Client(HTTP_HOST="nearmiss.example.org")
plain = client.get("/submit/")
print("redirect", plain.status_code, plain.get("Location"))
secure = client.get("/submit/", secure=True)
print("hsts", secure["Strict-Transport-Security"])
cookie = secure.cookies["__Host-csrftoken"]
print("cookie", bool(cookie["secure"]), cookie["path"], repr(cookie["domain"]))
print("health", client.get("/healthz").status_code)
"""


@pytest.fixture(scope="module")
def collected_static():
    """Production serves hashed static files, so collect them as a deployment would."""
    result = _run("manage.py collectstatic --no-input -v0", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_production_uses_https_hsts_and_host_prefixed_secure_cookies(collected_static):
    # One process and its own cache: the test needs neither a database nor Redis.
    env = PRODUCTION | {"DATABASE_URL": "", "REDIS_URL": "", "WEB_CONCURRENCY": "1"}
    result = _run(PRODUCTION_REQUEST, **env)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    assert lines["redirect"] == "301 https://nearmiss.example.org/submit/"
    assert lines["hsts"] == "max-age=31536000; includeSubDomains"
    assert lines["cookie"] == "True / ''"
    assert lines["health"] == "200"  # probes are not redirected
