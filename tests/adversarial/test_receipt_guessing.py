"""Guessing receipt codes: throttled after the limit, and every wrong answer looks the same."""

import datetime
import io
import secrets

import pytest
from django.core.management import call_command

from reports.models import Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db

EXPIRED = "4444-5555-6666-7777-8888"


def _answer(response) -> str:
    html = response.content.decode()
    return "\n".join(line for line in html.splitlines() if "csrfmiddlewaretoken" not in line)


def test_a_thousand_wrong_codes_are_throttled_after_the_limit(client, settings):
    real = "1212-3434-5656-7878-9090"
    make_report(code=real)
    statuses = []
    for _ in range(1_000):
        guess = "-".join(f"{secrets.randbelow(10_000):04d}" for _ in range(5))
        statuses.append(client.post("/status/", {"code": guess}).status_code)
    allowed = int(settings.RATELIMIT_STATUS.split("/")[0])
    assert statuses[:allowed] == [200] * allowed
    assert set(statuses[allowed:]) == {429}
    # Even the right code is refused now: guessing cannot continue by luck.
    response = client.post("/status/", {"code": real})
    assert response.status_code == 429
    assert b"Received" not in response.content


def test_a_wrong_code_and_an_expired_one_get_the_same_answer(client, monkeypatch):
    make_report(code=EXPIRED, status=Report.Status.WITHDRAWN, closed_on=datetime.date(2026, 1, 1))
    before = _answer(client.post("/status/", {"code": EXPIRED}))
    assert "Withdrawn" in before
    # Past the retention period the report is deleted: the code now means nothing.
    later = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    call_command("purge_expired", stdout=io.StringIO())
    expired = _answer(client.post("/status/", {"code": EXPIRED}))
    wrong = _answer(client.post("/status/", {"code": "9999-9999-9999-9999-9999"}))
    assert expired == wrong
    assert "No report found for that code" in wrong
