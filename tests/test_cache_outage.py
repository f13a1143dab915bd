"""With the cache (Redis) down, readers still read and reporters can still send."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from reports.models import Report
from tests.factories import make_report, payload

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "nearmiss.cache.SharedClientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def dead_cache():
    with override_settings(CACHES=DEAD_REDIS):
        caches.close_all()
        yield
    caches.close_all()


def test_readers_still_get_pages(client, dead_cache):
    report = make_report(status=Report.Status.PUBLISHED, headline="Still readable")
    assert "Still readable" in client.get("/").content.decode()
    assert client.get(f"/reports/{report.public_id}/").status_code == 200


def test_a_report_can_still_be_sent(client, dead_cache):
    response = client.post("/submit/", payload(action="send"), follow=True)
    assert response.status_code == 200
    assert b'<code id="receipt-code">' in response.content
    assert Report.objects.count() == 1
