"""/topics/: every topic, with the number of its published stories, linking to its page."""

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


def _listed(html: str) -> list[tuple[str, str, str]]:
    """Return (link, name, count) for each topic the page lists, in order."""
    return re.findall(
        r'<li><a href="(/topics/[^"]+/)">([^<]+)</a> <span class="hint">\((\d+) published', html
    )


def test_every_topic_is_listed_by_name_with_its_published_stories_counted(client):
    roads = Topic.objects.create(slug="roads", name="Roads")
    custody = Topic.objects.create(slug="custody", name="Custody")
    Topic.objects.create(slug="water", name="Water rescue")
    for status in [S.PUBLISHED, S.PUBLISHED, S.APPROVED, S.IN_REVIEW, S.REJECTED]:
        make_report(status=status).topics.add(roads)
    make_report(status=S.PUBLISHED).topics.add(custody, roads)
    response = client.get("/topics/")
    assert response.status_code == 200
    assert _listed(response.content.decode()) == [
        ("/topics/custody/", "Custody", "1"),
        ("/topics/roads/", "Roads", "3"),
        ("/topics/water/", "Water rescue", "0"),
    ]


def test_every_link_leads_to_the_topic_page(client):
    for n in range(3):
        Topic.objects.create(slug=f"topic-{n}", name=f"Topic {n}")
    for link, _name, _count in _listed(client.get("/topics/").content.decode()):
        assert client.get(link).status_code == 200


def test_one_story_is_counted_in_the_singular(client):
    make_report(status=S.PUBLISHED).topics.add(Topic.objects.create(slug="roads", name="Roads"))
    assert "(1 published story)" in client.get("/topics/").content.decode()


def test_a_site_without_topics_says_so(client):
    assert "There are no topics yet." in client.get("/topics/").content.decode()


def test_a_topic_name_is_escaped(client):
    Topic.objects.create(slug="x", name='<script>alert("x")</script>')
    html = client.get("/topics/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/topics/").status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_topics_or_stories(client):
    """The counts come from one grouped query: a query per topic would slow the page down
    with every topic the moderators add, and a count per story with every story published."""
    topic = Topic.objects.create(slug="roads", name="Roads")
    make_report(status=S.PUBLISHED).topics.add(topic)
    few = _queries(client)
    for n in range(20):
        other = Topic.objects.create(slug=f"t{n}", name=f"Topic {n}")
        make_report(status=S.PUBLISHED).topics.add(other, topic)
    assert _queries(client) == few


def test_the_page_is_cached_and_refreshed_when_topics_change(client):
    Topic.objects.create(slug="roads", name="Roads")
    client.get("/topics/")
    assert _queries(client) == 0
    Topic.objects.create(slug="custody", name="Custody")
    assert "Custody" in client.get("/topics/").content.decode()
    report = make_report(status=S.PUBLISHED)
    report.topics.add(Topic.objects.get(slug="custody"))
    assert "(1 published story)" in client.get("/topics/").content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_refused(client, method):
    assert getattr(client, method)("/topics/").status_code == 405


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_is_accessible_and_fits_the_narrowest_phone(page):
    Topic.objects.create(slug="long", name="T" * 110)
    make_report(status=S.PUBLISHED).topics.add(Topic.objects.create(slug="roads", name="Roads"))
    page.goto("/topics/")
    assert_accessible(page)
    assert_fits_a_phone(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(SIDEWAYS) <= 0
    page.get_by_role("link", name="Roads").click()
    page.get_by_role("heading", name="Roads").wait_for()


def test_every_page_links_to_the_topics_from_its_footer(client):
    for path in ["/", "/reports/", "/about/", "/submit/"]:
        footer = client.get(path).content.decode().split('<footer class="site-footer">', 1)[1]
        assert '<a href="/topics/">Topics</a>' in footer, path
