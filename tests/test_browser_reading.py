"""A reader filters, searches, opens a story and its print view, in a real Chromium.

axe checks every public page; every public page fits a 375 px wide phone screen.
"""

import io

import pytest
from django.core.management import call_command

from reports.models import Report, Topic
from tests.browser import assert_accessible, assert_fits_a_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo is development-only
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    return Report.objects.published()


def test_a_reader_filters_searches_and_opens_a_story_and_its_print_view(page, demo):
    page.goto("/reports/")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Type of event").select_option(label="Prisoner transport or transfer")
    page.get_by_role("button", name="Apply filters").click()
    cards = page.locator(".story-card")
    assert cards.count() == 1
    chip = page.get_by_role(
        "link", name="Remove filter Type of event: Prisoner transport or transfer"
    )
    assert chip.is_visible()

    page.get_by_label("Search the stories").fill('"searched once"')
    page.get_by_role("button", name="Search").click()
    assert page.locator(".story-card mark").count() >= 1
    chip.click()  # removing the event type keeps the search
    assert "searched+once" in page.url or "searched%20once" in page.url

    page.get_by_role("link", name="The prisoner was searched once, by somebody else").click()
    assert page.locator("h1").inner_text() == "The prisoner was searched once, by somebody else"
    assert page.locator(".redaction").first.inner_text() == "[the jail]"
    page.get_by_role("link", name="Print for roll call").click()
    assert "roll-call briefing" in page.locator(".kicker").inner_text().lower()


def _public_pages(demo) -> list[str]:
    story = demo.first()
    topic = Topic.objects.first()
    return [
        "/",
        "/reports/",
        "/reports/?q=prisoner",
        "/reports/?event_type=training&q=zzzz",
        f"/reports/{story.public_id}/",
        f"/reports/{story.public_id}/print/",
        f"/topics/{topic.slug}/",
        "/stats/",
        "/data/",
        "/about/",
        "/privacy/",
        "/submit/",
        "/status/",
    ]


def test_every_public_page_has_no_accessibility_violation(page, demo):
    for path in _public_pages(demo):
        page.goto(path)
        assert_accessible(page)


def test_every_public_page_fits_a_phone_screen(page, demo):
    for path in _public_pages(demo):
        page.goto(path)
        assert_fits_a_phone(page)


def test_no_public_page_requests_another_origin(page, live_server, demo):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in _public_pages(demo):
        page.goto(path)
    assert [url for url in requested if not url.startswith(live_server.url)] == []
