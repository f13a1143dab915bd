"""The few public pages the foundation serves: home, a story, about, privacy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db


def test_home_lists_published_stories_only(client):
    published = make_report(status=Report.Status.PUBLISHED, headline="A published lesson")
    make_report(status=Report.Status.IN_REVIEW, headline="Not yet out")
    html = client.get("/").content.decode()
    assert "A published lesson" in html
    assert f"/reports/{published.public_id}/" in html
    assert "Not yet out" not in html


def test_home_shows_month_and_year_only(client):
    make_report(status=Report.Status.PUBLISHED)
    html = client.get("/").content.decode()
    assert "October 2026" in html
    assert "Oct. 5" not in html and "5 October" not in html


def test_home_makes_the_same_number_of_queries_however_many_stories(client):
    """The home page must not query once per story (no N+1 as the archive grows)."""
    make_report(status=Report.Status.PUBLISHED)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(8):
        make_report(status=Report.Status.PUBLISHED)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_a_published_story_shows_the_leo_format(client):
    report = make_report(status=Report.Status.PUBLISHED, risk_factors=["complacency"])
    html = client.get(f"/reports/{report.public_id}/").content.decode()
    positions = [
        html.index(h) for h in ["Event summary", "Contributing risk factors", "Lessons learned"]
    ]
    assert positions == sorted(positions)
    assert "[road removed]" in html and "Complacency" in html
    assert report.story not in html  # the reporter's original words stay with moderators


@pytest.mark.parametrize("status", [s for s in Report.Status if s != Report.Status.PUBLISHED])
def test_anything_unpublished_is_a_404_never_a_403(client, status):
    report = make_report(status=status, headline="Hidden")
    response = client.get(f"/reports/{report.public_id}/")
    assert response.status_code == 404


def test_a_story_escapes_what_a_person_typed(client):
    report = make_report(status=Report.Status.PUBLISHED, published_story="<script>x()</script>")
    html = client.get(f"/reports/{report.public_id}/").content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


@pytest.mark.parametrize("url", ["/about/", "/privacy/"])
def test_plain_pages_render(client, url):
    assert client.get(url).status_code == 200


def test_the_privacy_page_states_the_retention_period(client, settings):
    settings.RETENTION_DAYS = 45
    assert b"45 days after a report is published" in client.get("/privacy/").content


@pytest.mark.parametrize("url", ["/", "/about/", "/privacy/"])
def test_public_pages_refuse_posts(client, url):
    assert client.post(url).status_code == 405
