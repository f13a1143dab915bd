"""Every URL of the site × every method × every kind of visitor, against a table.

The table is the specification: a change in who may do what must change it here too.
"""

import pytest

from reports.models import Report, Topic
from tests.factories import PERSONAS, log_in_as, make_report

pytestmark = pytest.mark.django_db

METHODS = ["get", "post", "put", "patch", "delete", "options", "trace"]
NOT_ALLOWED = {"put": 405, "patch": 405, "delete": 405, "options": 405, "trace": 405}

# Pages whose answer is the same for everyone: {url: (GET, POST)}.
PUBLIC = {
    "/": (200, 405),
    "/submit/": (200, 303),  # an empty POST: to the form again, with its errors
    "/submit/review/": (303, 405),  # no draft to review: to the form
    "/submit/sent/": (404, 405),  # nothing sent from this browser
    "/status/": (200, 200),
    "/reports/": (200, 405),
    "/reports/{published}/": (200, 405),
    "/reports/{published}/print/": (200, 405),
    "/reports/{unpublished}/": (404, 405),
    "/reports/{unpublished}/print/": (404, 405),
    "/reports/does-not-exist/": (404, 405),
    "/topics/": (200, 405),
    "/topics/roads/": (200, 405),
    "/topics/nothing/": (404, 405),
    "/feeds/": (200, 405),
    "/feeds/latest.atom": (200, 405),
    "/feeds/topics/roads.atom": (200, 405),
    "/feeds/topics/nothing.atom": (404, 405),
    "/stats/": (200, 405),
    "/data/": (200, 405),
    "/data/reports.csv": (200, 405),
    "/data/reports.json": (200, 405),
    "/about/": (200, 405),
    "/privacy/": (200, 405),
    "/healthz": (200, 405),
    "/readyz": (200, 405),
    "/no-such-page/": (404, 404),
}

# Moderation: {url: {persona: (GET, POST)}}. 302 for anonymous is a redirect to the login.
ADMIN = {
    "/admin/": {
        "anonymous": (302, 302),
        "outsider": (200, 200),
        "moderator": (200, 200),
        "superuser": (200, 200),
    },
    "/admin/reports/report/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (200, 200),
        "superuser": (200, 200),
    },
    # A post without the page's version is refused and the page shown again (200).
    "/admin/reports/report/{pk}/change/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (200, 200),
        "superuser": (200, 200),
    },
    # A post without the page's version is refused and redirected to the report (302).
    "/admin/reports/report/{pk}/move/start_review/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (405, 302),
        "superuser": (405, 302),
    },
    # A move that cannot be taken back is confirmed on a page of its own (GET).
    "/admin/reports/report/{pk}/move/reject/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (200, 302),
        "superuser": (200, 302),
    },
    "/admin/reports/report/{pk}/delete/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (403, 403),
        "superuser": (403, 403),
    },
    "/admin/reports/report/add/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (403, 403),
        "superuser": (403, 403),
    },
    "/admin/reports/auditentry/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (200, 200),
        "superuser": (200, 200),
    },
    "/admin/reports/auditentry/add/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (403, 403),
        "superuser": (403, 403),
    },
    "/admin/reports/topic/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (200, 200),
        "superuser": (200, 200),
    },
    "/admin/auth/user/": {
        "anonymous": (302, 302),
        "outsider": (403, 403),
        "moderator": (403, 403),
        "superuser": (200, 200),
    },
    "/admin/login/": {
        "anonymous": (200, 200),
        "outsider": (302, 200),
        "moderator": (302, 200),
        "superuser": (302, 200),
    },
}


@pytest.fixture
def site():
    published = make_report(status=Report.Status.PUBLISHED)
    unpublished = make_report(status=Report.Status.IN_REVIEW)
    published.topics.add(Topic.objects.create(slug="roads", name="Roads"))
    return {
        "published": published.public_id,
        "unpublished": unpublished.public_id,
        "pk": str(unpublished.pk),
    }


def _status(client, method: str, url: str) -> int:
    return getattr(client, method)(url).status_code


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_urls(client, site, persona):
    log_in_as(client, persona)
    wrong = []
    for template, (on_get, on_post) in PUBLIC.items():
        url = template.format(**site)
        expected = {"get": on_get, "post": on_post, **NOT_ALLOWED}
        for method in METHODS:
            status = _status(client, method, url)
            if status != expected[method]:
                wrong.append(f"{method.upper()} {url}: {status}, expected {expected[method]}")
    assert wrong == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_moderation_urls(client, site, persona):
    log_in_as(client, persona)
    wrong = []
    for template, by_persona in ADMIN.items():
        url = template.format(**site)
        on_get, on_post = by_persona[persona]
        expected = {"get": on_get, "post": on_post, **NOT_ALLOWED}
        for method in METHODS:
            status = _status(client, method, url)
            if status != expected[method]:
                wrong.append(f"{method.upper()} {url}: {status}, expected {expected[method]}")
    assert wrong == []


def test_head_is_answered_like_get(client, site):
    assert client.head("/").status_code == 200
    assert client.head(f"/reports/{site['unpublished']}/").status_code == 404
