"""Public pages are cached for readers and refreshed when what readers see changes."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Report, Topic
from tests.factories import (
    login_verified,
    make_moderator,
    make_ready_report,
    make_report,
    payload,
)

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
    client.post("/submit/", payload(action="send"), follow=True)
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


@pytest.mark.parametrize("cookie", ["fake-session-id", "real"])
def test_a_session_cookie_real_or_fake_is_served_from_the_cache(client, moderator, cookie):
    make_report(status=S.PUBLISHED)
    client.get("/")
    if cookie == "real":
        login_verified(client, moderator)
    else:
        client.cookies["sessionid"] = cookie
    assert _queries(client, "/")[0] == 0


def test_a_moderator_sees_a_publication_at_once(client, moderator, second_moderator):
    login_verified(client, moderator)
    client.get("/")
    report = make_ready_report(
        headline="Out this minute", approved_by=[moderator, second_moderator]
    )
    report.publish(by=moderator)
    assert "Out this minute" in client.get("/").content.decode()


def test_head_is_answered_from_the_cache(client):
    make_report(status=S.PUBLISHED)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.head("/").status_code == 200
    assert len(queries) == 0


def test_junk_parameters_neither_add_entries_nor_reach_the_page(client):
    for month in range(1, 23):
        make_report(status=S.PUBLISHED, published_story=f"zeppelin {month}")
    client.get("/reports/?q=zeppelin")
    queries, html = _queries(client, "/reports/?q=zeppelin&utm_source=x&junk=%3Cb%3E")
    assert queries == 0
    assert "utm_source" not in html and "junk" not in html
    client.get("/")
    assert _queries(client, "/?anything=2")[0] == 0


def test_the_scheme_is_part_of_the_key(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    report = make_report(status=S.PUBLISHED)
    url = f"/reports/{report.public_id}/print/"
    https = client.get(url, headers={"X-Forwarded-Proto": "https"}).content.decode()
    assert "https://" in https
    plain = client.get(url).content.decode()
    assert "https://" not in plain and "http://testserver" in plain


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


def _version():
    from django.core.cache import cache

    from reports.caching import VERSION_KEY

    return cache.get(VERSION_KEY)


def test_nothing_a_reporter_does_empties_the_page_cache(client, django_capture_on_commit_callbacks):
    # Readers could time the cache: a page slow for a moment after a reporter answered or
    # withdrew would say when they did.
    moderator = make_moderator("moderator")
    client.get("/")
    before = _version()
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = Report.submit(story="A new report.", lessons="Lessons.")
        report.start_review(by=moderator)
        report.ask_reporter(by=moderator, question="When?")
        report.answer("At night.")
        report.withdraw()
    assert _version() == before


def test_publishing_unpublishing_and_editing_a_published_story_empty_it(
    client, django_capture_on_commit_callbacks
):
    first, second = make_moderator("first"), make_moderator("second")
    report = make_ready_report(approved_by=[first, second])
    client.get("/")
    changes = [
        lambda: report.publish(by=first, identifiers_reviewed=True),
        lambda: Report.objects.get(pk=report.pk).save(),
        lambda: report.unpublish(by=first, reason="Taken down for a fix."),
    ]
    for change in changes:
        before = _version()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert _version() != before
