"""Two moderators log in with TOTP, redact, approve and publish a report filed in the browser.

Then the reporter's status page shows it published, and readers get the redacted text.
"""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from reports.models import Message, Report
from tests.browser import assert_accessible
from tests.factories import make_moderator, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long test password"
ORIGINAL = "Sgt. Miller handed me the prisoner in Millbrook and I did not search him again."
REDACTED = "[Name removed] handed me the prisoner in [town removed] and I did not search him again."


def _file_report(page) -> str:
    page.goto("/submit/")
    page.get_by_label("What happened?").fill(ORIGINAL)
    page.get_by_label("What should other officers learn from it?").fill("Search every time.")
    page.get_by_role("button", name="Review before sending").click()
    page.get_by_role("button", name="Send report").click()
    return page.locator("code#receipt-code").inner_text()


def _log_in(page, username: str, device: TOTPDevice) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", str(TOTP(device.bin_key).token()).zfill(6))
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Near Miss moderation").wait_for()


def _open_report(page, report: Report) -> None:
    page.goto("/admin/reports/report/")
    page.get_by_role("link", name=report.public_id).click()


def _move(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    page.locator(".messagelist").wait_for()


def test_two_moderators_redact_approve_and_publish_a_filed_report(page):
    first, second = make_moderator("first"), make_moderator("second")
    devices = [
        TOTPDevice.objects.create(user=u, name="phone", confirmed=True) for u in (first, second)
    ]
    code = _file_report(page)
    report = Report.objects.get()

    _log_in(page, "first", devices[0])
    _open_report(page, report)
    _move(page, "Start review")
    assert page.locator("#id_published_story").input_value() == ORIGINAL
    assert "Sgt. Miller" in page.locator(".field-findings").inner_text()
    page.fill("#id_headline", "The prisoner was searched once, by somebody else")
    page.fill("#id_key_lesson", "Re-search every prisoner you take over.")
    page.fill("#id_published_story", REDACTED)
    page.get_by_role("button", name="Save and continue editing").click()
    page.locator(".messagelist").wait_for()
    assert "The detector finds nothing identifying" in page.locator(".field-findings").inner_text()
    assert "Millbrook" in page.locator(".field-story_changes del").all_inner_texts()
    _move(page, "Approve")
    assert "approved once" in page.locator(".messagelist").inner_text().lower()
    page.get_by_role("button", name="Log out").click()

    _log_in(page, "second", devices[1])
    _open_report(page, report)
    _move(page, "Approve")
    _move(page, "Publish")
    assert "published" in page.locator(".messagelist").inner_text()

    page.goto("/status/")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check status").click()
    assert page.locator(".status-label").inner_text() == "Published"
    page.get_by_role("link", name="Read the published story").click()
    story = page.locator("article.story").inner_text()
    assert "The prisoner was searched once, by somebody else" in story
    assert "[town removed]" in story
    assert "Millbrook" not in story and "Miller" not in story


def test_the_reporters_status_and_answer_pages_are_accessible(page):
    code = "3333-4444-5555-6666-7777"
    report = make_report(code=code, status=Report.Status.WAITING)
    report.messages.create(sender=Message.Sender.MODERATOR, body="Was it dark?")

    page.goto("/status/")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check status").click()
    page.get_by_role("heading", name="Answer the moderator").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Send answer").click()  # empty: the error is shown
    page.get_by_text("Please write your answer before sending it.").wait_for()
    assert_accessible(page)

    page.get_by_label("Your answer").fill("Yes, no street lights at all.")
    page.get_by_role("button", name="Send answer").click()
    page.get_by_text("your answer was sent").wait_for()
    assert_accessible(page)
    assert re.search("You answered", page.content())
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW
