"""PRODUCT.md, "Privacy model": no address, user agent or exact time is ever kept."""

import datetime
import hashlib
import logging
import pickle

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from nearmiss.middleware import ADDRESS_HEADERS, ClientAddressMiddleware, rate_limit_token
from reports.models import Report
from tests.factories import make_report, payload

pytestmark = pytest.mark.django_db

# Documentation ranges (RFC 5737 and RFC 3849): they can only have come from this test.
CLIENT = "203.0.113.77"
PROXY = "198.51.100.23"
OTHERS = ["192.0.2.45", "198.51.100.199", "203.0.113.201", "2001:db8::7a7a"]
ADDRESSES = [CLIENT, PROXY, *OTHERS]
USER_AGENT = "NearMissTestAgent/9.9 (distinctive)"


def _headers() -> dict:
    """REMOTE_ADDR and every forwarding header, each with a distinctive address."""
    return {
        "REMOTE_ADDR": PROXY,
        "HTTP_X_FORWARDED_FOR": f"{OTHERS[0]}, {CLIENT}",
        "HTTP_X_REAL_IP": CLIENT,
        "HTTP_FORWARDED": f'for="[{OTHERS[3]}]";proto=https, for={OTHERS[1]}',
        "HTTP_FORWARDED_FOR": OTHERS[1],
        "HTTP_X_FORWARDED": f"for={OTHERS[2]}",
        "HTTP_CF_CONNECTING_IP": OTHERS[2],
        "HTTP_TRUE_CLIENT_IP": OTHERS[0],
        "HTTP_X_CLIENT_IP": OTHERS[1],
        "HTTP_CLIENT_IP": OTHERS[2],
        "HTTP_X_CLUSTER_CLIENT_IP": OTHERS[3],
        "HTTP_FASTLY_CLIENT_IP": CLIENT,
        "HTTP_X_ORIGINAL_FORWARDED_FOR": CLIENT,
        "HTTP_USER_AGENT": USER_AGENT,
    }


def _every_row() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the catalogue)
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


def _every_cache_entry() -> str:
    # The per-process memory cache keeps pickled values in a private dict.
    parts = []
    for key, value in cache._cache.items():
        parts.append(key)
        parts.append(repr(value))
        parts.append(repr(pickle.loads(value)))  # noqa: S301 (our own cache)
    return "\n".join(parts)


def _every_log_line(records: list[logging.LogRecord]) -> str:
    parts = []
    for record in records:
        parts.append(record.getMessage())
        parts.append(repr(record.__dict__))
        request = getattr(record, "request", None)
        if request is not None:
            parts.append(repr(request.META))
    return "\n".join(parts)


def test_no_address_or_user_agent_is_stored_logged_or_cached(client, caplog, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    caplog.set_level(logging.DEBUG)
    headers = _headers()
    published = make_report(status=Report.Status.PUBLISHED)

    review = client.post("/submit/", payload(), **headers, follow=True)
    sent = client.post("/submit/", payload(action="send"), **headers, follow=True)
    code = sent.content.decode().split('<code id="receipt-code">')[1].split("<")[0]
    looked_up = client.post("/status/", {"code": code}, **headers)
    client.post("/status/", {"code": "0000-0000-0000-0000-0000"}, **headers)
    not_found = client.get("/reports/nothing-here/", **headers)
    story = client.get(f"/reports/{published.public_id}/", **headers)
    csrf_client = client.__class__(enforce_csrf_checks=True)
    refused = csrf_client.post("/submit/", payload(), **headers, follow=True)
    for n in range(6):  # reach the rate limit, so its counters are in the cache too
        client.post("/submit/", payload(action="send", story=f"Story {n}."), **headers, follow=True)

    assert (review.status_code, sent.status_code, looked_up.status_code) == (200, 200, 200)
    assert (not_found.status_code, story.status_code, refused.status_code) == (404, 200, 403)
    assert Report.objects.count() == 6
    assert caplog.records, "the requests above log at least the 404 and the CSRF refusal"

    places = {
        "database": _every_row(),
        "log": _every_log_line(caplog.records),
        "cache": _every_cache_entry(),
        "pages": "\n".join(
            r.content.decode() for r in [review, sent, looked_up, not_found, story, refused]
        ),
    }
    assert places["cache"], "the rate-limit counters and token key are in the cache"
    for place, text in places.items():
        for address in ADDRESSES:
            assert address not in text, f"{address} found in the {place}"
        assert "NearMissTestAgent" not in text, f"the user agent found in the {place}"


def test_no_time_of_day_is_stored_for_a_report(client):
    client.post("/submit/", payload(action="send"), follow=True)
    report_columns = [f for f in Report._meta.get_fields() if hasattr(f, "get_internal_type")]
    kinds = {field.get_internal_type() for field in report_columns}
    assert "DateTimeField" not in kinds and "TimeField" not in kinds


def test_the_middleware_strips_every_address_header_before_the_view():
    seen = {}

    def view(request):
        seen.update(request.META)
        seen["token"] = request.rate_limit_token
        return None

    request = RequestFactory().get("/", **_headers())
    ClientAddressMiddleware(view)(request)
    assert "REMOTE_ADDR" not in seen
    assert "HTTP_USER_AGENT" not in seen
    for header in ADDRESS_HEADERS:
        assert header not in seen
    for address in ADDRESSES:
        assert address not in repr(seen)
    assert len(seen["token"]) == 64


def test_the_token_is_stable_for_an_address_and_differs_between_addresses():
    assert rate_limit_token(CLIENT) == rate_limit_token(CLIENT)
    assert rate_limit_token(CLIENT) != rate_limit_token(OTHERS[0])


def test_the_token_cannot_be_recomputed_from_the_address_alone():
    token = rate_limit_token(CLIENT)
    assert token != hashlib.sha256(CLIENT.encode()).hexdigest()
    cache.clear()  # the key lived only in the cache
    assert rate_limit_token(CLIENT) != token


def test_the_token_key_rotates_daily(monkeypatch):
    today = rate_limit_token(CLIENT)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert rate_limit_token(CLIENT) != today


def _token_for(settings, **meta) -> str:
    seen = {}

    def view(request):
        seen["token"] = request.rate_limit_token

    ClientAddressMiddleware(view)(RequestFactory().get("/", **meta))
    return seen["token"]


def test_a_trusted_proxys_forwarded_address_is_believed(settings):
    settings.TRUSTED_PROXIES = ["198.51.100.0/24"]
    via_proxy = _token_for(settings, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.1.1.1, {CLIENT}")
    direct = _token_for(settings, REMOTE_ADDR=CLIENT)
    assert via_proxy == direct


def test_a_forwarded_address_from_anyone_else_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["198.51.100.0/24"]
    spoofed = _token_for(settings, REMOTE_ADDR=OTHERS[0], HTTP_X_FORWARDED_FOR=CLIENT)
    assert spoofed == _token_for(settings, REMOTE_ADDR=OTHERS[0])
    assert spoofed != _token_for(settings, REMOTE_ADDR=CLIENT)


def test_forwarded_addresses_are_ignored_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXIES = []
    spoofed = _token_for(settings, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)
    assert spoofed == _token_for(settings, REMOTE_ADDR=PROXY)


@pytest.mark.parametrize("url", ["/", "/about/", "/privacy/", "/healthz", "/reports/missing/"])
def test_readers_get_no_cookie(client, url):
    response = client.get(url)
    assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_a_published_story_sets_no_cookie(client):
    report = make_report(status=Report.Status.PUBLISHED)
    assert not client.get(f"/reports/{report.public_id}/").cookies


@pytest.mark.parametrize("url", ["/submit/", "/status/"])
def test_forms_set_only_the_csrf_cookie(client, url):
    response = client.get(url)
    assert set(response.cookies) == {"csrftoken"}
    cookie = response.cookies["csrftoken"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # ends with the browser


def test_reporting_creates_no_session(client):
    client.post("/submit/", payload(), follow=True)
    response = client.post("/submit/", payload(action="send"), follow=True)
    code = response.content.decode().split('<code id="receipt-code">')[1].split("<")[0]
    client.post("/status/", {"code": code})
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies
