"""A person files a report in a real Chromium and comes back with the receipt.

Accessibility is checked with axe (WCAG 2.2 A and AA rules, and axe's best practices) on
every page the reporter sees.
"""

import re

import pytest

from reports.models import Report
from tests.browser import assert_accessible, assert_fits_a_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_report(page, story: str) -> None:
    page.goto("/submit/")
    page.get_by_label("What happened?").fill(story)
    page.get_by_label("What should other officers learn from it?").fill(
        "Re-search every prisoner you take over, whoever searched him before."
    )
    page.get_by_label("Type of event").select_option(label="Prisoner transport or transfer")
    page.get_by_label("Incomplete search of person or vehicle").check()
    page.get_by_label("Years of service").select_option(label="6–10")


def test_a_reporter_files_a_report_and_checks_it_with_the_receipt(page):
    story = "I took over a prisoner from Sgt. Miller and did not search him again."
    _fill_report(page, story)
    page.get_by_role("button", name="Review before sending").click()

    page.get_by_role("heading", name="Check your report before sending").wait_for()
    warnings = page.locator(".findings li")
    assert warnings.count() == 1
    assert "Sgt. Miller" in warnings.first.inner_text()
    assert "A person's name" in warnings.first.inner_text()
    assert "[name removed]" in warnings.first.inner_text()

    # Going back keeps the text; the reporter takes the name out and reviews again.
    page.get_by_role("button", name="Go back and edit").click()
    field = page.get_by_label("What happened?")
    assert field.input_value() == story
    assert page.get_by_label("Incomplete search of person or vehicle").is_checked()
    field.fill(story.replace("Sgt. Miller", "a sergeant"))
    page.get_by_role("button", name="Review before sending").click()
    assert "We found nothing that looks identifying" in page.content()

    page.get_by_role("button", name="Send report").click()
    code = page.locator("code#receipt-code").inner_text()
    assert re.fullmatch(r"\d{4}(-\d{4}){4}", code)
    report = Report.objects.get()
    assert report.story == "I took over a prisoner from a sergeant and did not search him again."
    assert report.years_of_service == "6-10"

    page.goto("/status/")
    page.get_by_label("Your receipt code").fill(code.replace("-", " "))
    page.get_by_role("button", name="Check status").click()
    assert page.locator(".status-label").inner_text() == "Received"


def test_the_reporters_pages_have_no_accessibility_violations(page):
    page.goto("/submit/")
    assert_accessible(page)

    page.get_by_role("button", name="Review before sending").click()  # empty: errors shown
    assert page.locator(".field-error").count() == 2
    assert_accessible(page)

    _fill_report(page, "Sgt. Miller handed him over at 2215 hours on 1234 Elm Street.")
    page.get_by_role("button", name="Review before sending").click()
    page.get_by_role("heading", name="Check your report before sending").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Send report").click()
    page.locator("code#receipt-code").wait_for()
    assert_accessible(page)

    page.goto("/status/")
    assert_accessible(page)
    page.get_by_label("Your receipt code").fill("0000-0000-0000-0000-0000")
    page.get_by_role("button", name="Check status").click()
    page.get_by_role("heading", name="No report found for that code").wait_for()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/submit/", "/status/", "/about/", "/privacy/"])
def test_pages_fit_a_phone_screen(page, path):
    page.goto(path)
    assert_fits_a_phone(page)


def test_the_form_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        _fill_report(page, "No scripts were needed to send this.")
        page.get_by_role("button", name="Review before sending").click()
        page.get_by_role("button", name="Send report").click()
        assert page.locator("code#receipt-code").inner_text()
        assert Report.objects.count() == 1
    finally:
        context.close()


def test_no_request_leaves_the_site(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ["/", "/submit/", "/status/", "/about/", "/privacy/"]:
        page.goto(path)
    assert requested
    outside = [url for url in requested if not url.startswith(live_server.url)]
    assert outside == []
