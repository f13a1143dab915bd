"""The officer's journey in a real Chromium, on a phone and on a laptop, with and without
JavaScript: sending once whatever is pressed, and warnings that stay in place while editing."""

import pytest

from reports.models import Report
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
STORY = "Sgt. Miller handed the prisoner over at 0315 and nobody searched him again."
LESSONS = "Search every prisoner you take over, whoever searched him before."


@pytest.fixture(
    params=[(s, js) for s in SCREENS for js in (True, False)],
    ids=lambda p: f"{p[0]}-{'js' if p[1] else 'no-js'}",
)
def officer(request, browser, live_server):
    screen, javascript = request.param
    context = browser.new_context(
        base_url=live_server.url, viewport=SCREENS[screen], java_script_enabled=javascript
    )
    page = context.new_page()
    page.javascript = javascript  # axe needs scripts: it runs where they do
    yield page
    context.close()


def _review(page, story: str = STORY) -> None:
    page.goto("/submit/")
    page.get_by_label("What happened?").fill(story)
    page.get_by_label("What should other officers learn from it?").fill(LESSONS)
    page.get_by_role("button", name="Review before sending").click()
    page.get_by_role("heading", name="Check your report before sending").wait_for()


def _shows_no_resubmission_prompt(page) -> None:
    # Chromium's own page for a POST it would have to send again.
    assert "ERR_CACHE_MISS" not in page.content()
    assert "Confirm Form Resubmission" not in page.content()


def test_reload_and_back_after_sending_file_one_report_and_show_the_same_code(officer):
    _review(officer)
    officer.get_by_role("button", name="Send report").click()
    code = officer.locator("code#receipt-code").inner_text()
    officer.reload()
    _shows_no_resubmission_prompt(officer)
    assert officer.locator("code#receipt-code").inner_text() == code
    officer.go_back()
    _shows_no_resubmission_prompt(officer)
    assert officer.locator("code#receipt-code").inner_text() == code
    officer.go_back()
    _shows_no_resubmission_prompt(officer)
    officer.go_forward()
    _shows_no_resubmission_prompt(officer)
    assert Report.objects.count() == 1


def test_back_from_the_review_page_and_reloading_it_send_nothing(officer):
    _review(officer)
    officer.reload()
    _shows_no_resubmission_prompt(officer)
    officer.get_by_role("heading", name="Check your report before sending").wait_for()
    officer.go_back()
    _shows_no_resubmission_prompt(officer)
    assert Report.objects.count() == 0


def test_the_review_and_edit_round_trip_keeps_the_findings_above_their_box(officer):
    _review(officer)
    officer.get_by_role("button", name="Go back and edit").click()
    findings = officer.locator("#story-findings li")
    assert findings.count() == 2
    listed = findings.all_inner_texts()
    assert any("Sgt. Miller" in text for text in listed)
    assert any("0315" in text for text in listed)
    box = officer.get_by_label("What happened?")
    assert box.input_value() == STORY
    above = officer.locator("#story-findings").bounding_box()
    assert above["y"] + above["height"] <= box.bounding_box()["y"]
    # The guidance comes before the box too, on every screen.
    guide = officer.locator(".guide").bounding_box()
    assert guide["y"] < box.bounding_box()["y"]
    if officer.javascript:
        assert_accessible(officer)
    # Reloading the edit page keeps it all.
    officer.reload()
    assert officer.locator("#story-findings li").count() == 2
    assert officer.get_by_label("What happened?").input_value() == STORY
