"""/feeds/: what a feed is and how to follow one, then every feed the site has."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Report, Topic
from tests.browser import assert_accessible, assert_fits_a_phone
from tests.factories import make_report

pytestmark = pytest.mark.django_db

S = Report.Status
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _feed_links(html: str) -> list[str]:
    return re.findall(r'href="(/feeds/[^"]+\.atom)"', html)


def test_the_page_explains_feeds_to_someone_who_never_used_one(client):
    html = client.get("/feeds/").content.decode()
    assert "What a feed is" in html
    assert "feed reader" in html
    assert "How to follow a feed" in html
    assert "Copy link" in html
    assert "needs no account" in html


def test_it_lists_the_site_wide_feed_and_every_topics_feed(client):
    for slug, name in [("roads", "Roads"), ("custody", "Custody")]:
        Topic.objects.create(slug=slug, name=name)
    make_report(status=S.PUBLISHED).topics.add(Topic.objects.get(slug="roads"))
    html = client.get("/feeds/").content.decode()
    # The page's own <head> links the site-wide feed too, for readers that look there.
    assert _feed_links(html) == [
        "/feeds/latest.atom",
        "/feeds/latest.atom",
        "/feeds/topics/custody.atom",
        "/feeds/topics/roads.atom",
    ]
    assert "http://testserver/feeds/latest.atom" in html  # the address to copy
    assert "(1 published story)" in html and "(0 published stories)" in html


def test_it_says_that_safety_alerts_come_in_the_site_wide_feed(client):
    assert (
        "Safety alerts (urgent hazards) have no feed of their own"
        in client.get("/feeds/").content.decode()
    )


def test_every_feed_it_lists_is_a_feed(client):
    Topic.objects.create(slug="roads", name="Roads")
    for link in set(_feed_links(client.get("/feeds/").content.decode())):
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")


def test_the_footer_of_every_page_links_here_rather_than_to_raw_xml(client):
    for url in ["/", "/reports/", "/about/", "/status/"]:
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert '<a href="/feeds/">Feeds</a>' in footer
        assert ".atom" not in footer


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/feeds/").status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_topics(client):
    """One grouped query lists the topics and their counts: a query per topic would slow the
    page down with every topic the moderators add."""
    Topic.objects.create(slug="roads", name="Roads")
    few = _queries(client)
    for n in range(20):
        make_report(status=S.PUBLISHED).topics.add(
            Topic.objects.create(slug=f"t{n}", name=f"Topic {n}")
        )
    assert _queries(client) == few


def test_the_page_is_cached_for_readers(client):
    client.get("/feeds/")
    assert _queries(client) == 0


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_refused(client, method):
    assert getattr(client, method)("/feeds/").status_code == 405


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_is_accessible_and_fits_the_narrowest_phone(page):
    Topic.objects.create(slug="long", name="T" * 110)
    page.goto("/feeds/")
    assert_accessible(page)
    assert_fits_a_phone(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(SIDEWAYS) <= 0
