"""Topic pages and Atom feeds: valid Atom, month-only dates, every link resolves."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from reports.models import Report, Topic
from tests.factories import make_report

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
S = Report.Status


@pytest.fixture
def topic():
    return Topic.objects.create(slug="prisoner-handling", name="Prisoner handling")


def _feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # raises if not well-formed


def _assert_valid_atom(root: ET.Element) -> None:
    assert root.tag == f"{ATOM}feed"
    for required in ["id", "title", "updated"]:
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Near Miss"
    for entry in root.findall(f"{ATOM}entry"):
        for required in ["id", "title", "updated"]:
            assert entry.find(f"{ATOM}{required}") is not None, required
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None


def test_the_latest_feed_is_valid_atom_with_published_stories_only(client):
    published = make_report(status=S.PUBLISHED, headline="Feed me")
    make_report(status=S.APPROVED, headline="Not in the feed")
    root = _feed(client, "/feeds/latest.atom")
    _assert_valid_atom(root)
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["Feed me"]
    assert published.public_id in root.find(f"{ATOM}entry/{ATOM}id").text


def test_feed_dates_say_the_month_only(client):
    make_report(status=S.PUBLISHED, published_on=datetime.date(2026, 10, 17))
    root = _feed(client, "/feeds/latest.atom")
    assert root.find(f"{ATOM}entry/{ATOM}updated").text == "2026-10-01T00:00:00+00:00"


def test_every_link_in_the_feeds_resolves(client, topic):
    report = make_report(status=S.PUBLISHED)
    report.topics.add(topic)
    for url in ["/feeds/latest.atom", "/feeds/topics/prisoner-handling.atom"]:
        root = _feed(client, url)
        _assert_valid_atom(root)
        links = [link.get("href") for link in root.iter(f"{ATOM}link")]
        assert links
        for link in links:
            assert client.get(urlsplit(link).path).status_code == 200, link


def test_the_topic_feed_holds_only_that_topics_published_stories(client, topic):
    inside = make_report(status=S.PUBLISHED, headline="Inside")
    inside.topics.add(topic)
    make_report(status=S.PUBLISHED, headline="Outside")
    unpublished = make_report(status=S.APPROVED, headline="Unpublished")
    unpublished.topics.add(topic)
    root = _feed(client, "/feeds/topics/prisoner-handling.atom")
    assert root.find(f"{ATOM}title").text == "Near Miss: Prisoner handling"
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["Inside"]


def test_a_feed_escapes_what_people_typed(client):
    make_report(status=S.PUBLISHED, headline="<script>alert(1)</script> & more")
    root = _feed(client, "/feeds/latest.atom")
    assert root.find(f"{ATOM}entry/{ATOM}title").text == "<script>alert(1)</script> & more"


def test_unknown_topics_are_404(client):
    assert client.get("/topics/nothing/").status_code == 404
    assert client.get("/feeds/topics/nothing.atom").status_code == 404


def test_the_topic_page_lists_its_published_stories_and_links_its_feed(client, topic):
    inside = make_report(status=S.PUBLISHED, headline="Inside")
    inside.topics.add(topic)
    hidden = make_report(status=S.WITHDRAWN, headline="Withdrawn one")
    hidden.topics.add(topic)
    make_report(status=S.PUBLISHED, headline="Elsewhere")
    html = client.get("/topics/prisoner-handling/").content.decode()
    assert "Inside" in html and "Withdrawn one" not in html and "Elsewhere" not in html
    assert 'href="/feeds/topics/prisoner-handling.atom"' in html


def test_pages_that_list_stories_link_the_feed(client):
    assert 'type="application/atom+xml"' in client.get("/").content.decode()


def test_home_shows_the_story_of_the_week_and_trending_topics(client, topic):
    alert = make_report(
        status=S.PUBLISHED,
        safety_alert=True,
        headline="The alert",
        published_on=datetime.date(2026, 9, 1),
    )
    make_report(status=S.PUBLISHED, headline="The latest", published_on=datetime.date(2026, 10, 1))
    recent = make_report(status=S.PUBLISHED, published_on=datetime.date.today())
    recent.topics.add(topic)
    html = client.get("/").content.decode()
    featured = html[html.index("Story of the week") :]
    assert featured.index(alert.headline) < featured.index("Latest stories")
    assert 'href="/topics/prisoner-handling/"' in html
    chosen = make_report(
        status=S.PUBLISHED,
        featured=True,
        headline="Chosen by a moderator",
        published_on=datetime.date(2025, 1, 1),
    )
    assert Report.objects.featured_story() == chosen
