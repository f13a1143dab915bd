"""A 3,000-character word with no space in it wraps on every page: none scrolls sideways on
the narrowest phone (320 px), whether the word was published in a story, searched for, or
typed into a form that came back with an error. (The print view has its own test.)"""

import pytest

from reports.models import Report, Topic
from tests.factories import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = "Unbrokenword" * 250  # 3,000 characters, nowhere to break
NARROW = {"width": 320, "height": 640}


@pytest.fixture
def narrow(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=NARROW)
    page = context.new_page()
    yield page
    context.close()


def _assert_no_sideways_scroll(page) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide in a {widths[1]}px window"


def _published_story() -> Report:
    topic = Topic.objects.create(slug="long-words", name=WORD[:120])
    report = make_report(
        status=Report.Status.PUBLISHED,
        headline=WORD[:200],
        key_lesson=WORD[:300],
        published_story=f"Before the word. {WORD} After the word.",
        published_lessons=WORD,
        event_type="traffic_stop",
        risk_factors=["complacency"],
        featured=True,
    )
    report.topics.add(topic)
    return report


def test_no_reading_page_scrolls_sideways_with_a_long_word(narrow):
    report = _published_story()
    for path in [
        "/",
        "/reports/",
        f"/reports/?q={WORD}",
        "/reports/?q=before+word",  # a search that finds it: the word in its snippet
        f"/reports/{report.public_id}/",
        "/topics/long-words/",
        "/stats/",
        "/data/",
        "/about/",
        "/privacy/",
    ]:
        narrow.goto(path)
        _assert_no_sideways_scroll(narrow)
    narrow.goto("/reports/?q=before+word")
    assert narrow.locator(".story-card").count() == 1  # the search did find the story


def test_the_form_with_errors_and_the_review_never_scroll_sideways(narrow):
    narrow.goto("/submit/")
    narrow.get_by_label("What happened?").fill(WORD)
    narrow.get_by_role("button", name="Review before sending").click()
    narrow.get_by_role("heading", name="There is a problem").wait_for()
    assert narrow.get_by_label("What happened?").input_value() == WORD  # the text came back
    _assert_no_sideways_scroll(narrow)

    narrow.get_by_label("What should other officers learn from it?").fill(WORD)
    narrow.get_by_role("button", name="Review before sending").click()
    narrow.get_by_role("heading", name="Check your report before sending").wait_for()
    _assert_no_sideways_scroll(narrow)

    narrow.get_by_role("button", name="Go back and edit").click()
    narrow.get_by_label("What happened?").wait_for()
    _assert_no_sideways_scroll(narrow)


def test_the_status_page_with_an_error_never_scrolls_sideways(narrow):
    narrow.goto("/status/")
    narrow.get_by_label("Your receipt code").fill(WORD)
    narrow.get_by_role("button", name="Check status").click()
    narrow.wait_for_load_state()
    _assert_no_sideways_scroll(narrow)
