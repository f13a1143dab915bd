"""Public pages are cached for readers and refreshed when what readers see changes."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Report, Topic
from tests.factories import login_verified, make_ready_report, make_report, payload

pytestmark = pytest.mark.django_db

S = Report.Status


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response.content.decode()


@pytest.mark.parametrize("url", ["/", "/reports/", "/stats/", "/feeds/latest.atom", "/about/"])
def test_a_second_reader_gets_the_page_from_the_cache(client, url):
    make_report(status=S.PUBLISHED)
    first, page = _queries(client, url)
    second, again = _queries(client, url)
    assert first > 0 or url == "/about/"
    assert second == 0
    assert again == page


def test_publishing_refreshes_the_cached_pages(client, moderator, second_moderator, settings):
    make_report(status=S.PUBLISHED, headline="Already out")
    client.get("/")
    report = make_ready_report(headline="Freshly published")
    assert "Freshly published" not in client.get("/").content.decode()
    report.approve(by=moderator)
    report.approve(by=second_moderator)
    report.publish(by=moderator)
    assert "Freshly published" in client.get("/").content.decode()


def test_unpublishing_refreshes_the_cached_pages(client, moderator):
    report = make_report(status=S.PUBLISHED, headline="Soon gone")
    assert "Soon gone" in client.get("/reports/").content.decode()
    report.unpublish(by=moderator, reason="Identifiable.")
    assert "Soon gone" not in client.get("/reports/").content.decode()


def test_changing_a_published_story_refreshes_the_cached_pages(client):
    report = make_report(status=S.PUBLISHED, headline="Old headline")
    client.get(f"/reports/{report.public_id}/")
    report.headline = "New headline"
    report.save(update_fields=["headline"])
    assert "New headline" in client.get(f"/reports/{report.public_id}/").content.decode()


def test_topics_refresh_the_cached_pages(client):
    report = make_report(status=S.PUBLISHED)
    topic = Topic.objects.create(slug="roads", name="Roads")
    client.get("/topics/roads/")
    report.topics.add(topic)
    assert report.headline in client.get("/topics/roads/").content.decode()


def test_a_new_submission_does_not_empty_the_cache(client):
    make_report(status=S.PUBLISHED)
    client.get("/")
    client.post("/submit/", payload(action="send"))
    assert _queries(client, "/")[0] == 0


def test_generated_reports_refresh_the_cached_pages(client, settings):
    client.get("/reports/")
    settings.DEBUG = True
    call_command("generate_reports", "--count", "3", stdout=io.StringIO(), stderr=io.StringIO())
    assert "3 stories" in client.get("/reports/").content.decode()


@pytest.mark.parametrize("url", ["/submit/", "/status/"])
def test_personal_pages_are_never_cached(client, url):
    client.get(url)
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


def test_moderators_with_a_session_bypass_the_cache(client, moderator):
    make_report(status=S.PUBLISHED)
    client.get("/")
    login_verified(client, moderator)
    assert _queries(client, "/")[0] > 0


def test_search_results_are_remembered_and_paging_reuses_them(client):
    for month in range(1, 23):
        make_report(status=S.PUBLISHED, published_story=f"zeppelin sighting {month}")
    assert "22 stories matching your search" in client.get("/reports/?q=zeppelin").content.decode()
    with CaptureQueriesContext(connection) as queries:
        page_two = client.get("/reports/?q=zeppelin&page=2").content.decode()
    assert "22 stories matching your search" in page_two
    assert page_two.count('class="story-card"') == 2
    # Page two loads its two stories, without searching again.
    assert not [query for query in queries if "ts_rank" in query["sql"]]
    assert len(queries) == 1


def test_emptying_the_cache_never_brings_back_what_a_process_remembered(client):
    from django.core.cache import cache

    make_report(status=S.PUBLISHED, published_story="zeppelin over the river")
    assert "1 story matching your search" in client.get("/reports/?q=zeppelin").content.decode()
    # A change whose invalidation was lost when the cache was emptied (a Redis restart):
    # bulk_create sends no signal.
    later = make_report(status=S.PUBLISHED, published_story="zeppelin again")
    Report.objects.filter(pk=later.pk).delete()
    cache.clear()
    Report.objects.bulk_create([later])
    cache.clear()
    html = client.get("/reports/?q=zeppelin").content.decode()
    assert "2 stories matching your search" in html
