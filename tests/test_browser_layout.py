"""No character breaks a page: a 3,000-character word, long lines of symbols, scripts of every
direction, on every page that shows typed text, at a phone's width."""

import pytest

from reports.models import Report, Topic
from tests.browser import assert_fits_a_phone
from tests.factories import login_verified, make_moderator, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WORD = "Unbrokenword" * 250  # 3,000 characters, no place to break
SYMBOLS = "=" * 400 + "-" * 400 + "_" * 400
MIXED = "ما زال الضابط هنا " * 20 + "שלום " * 20 + "Kaʻahumanu " * 20


def test_long_words_and_symbols_never_widen_a_page(page, live_server, client):
    topic = Topic.objects.create(slug="long", name="T" * 110)
    report = make_report(
        status=Report.Status.PUBLISHED,
        headline=("H" * 199),
        key_lesson=("K" * 299),
        published_story=f"{LONG_WORD}\n\n{SYMBOLS}\n\n{MIXED}",
        published_lessons=LONG_WORD,
    )
    report.topics.add(topic)
    for path in [
        "/",
        "/reports/",
        f"/reports/?q={LONG_WORD[:60]}",
        f"/reports/{report.public_id}/",
        f"/reports/{report.public_id}/print/",
        "/topics/long/",
    ]:
        page.goto(path)
        assert_fits_a_phone(page)
        page.set_viewport_size({"width": 1280, "height": 800})


def test_the_moderators_report_page_never_widens_either(page, live_server):
    moderator = make_moderator("wide")
    report = make_report(status=Report.Status.IN_REVIEW, story=LONG_WORD, published_story=LONG_WORD)
    from django.test import Client

    client = Client()
    login_verified(client, moderator)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/admin/reports/report/{report.pk}/change/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the report page scrolls sideways by {overflow}px"
