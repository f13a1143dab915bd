"""Two moderators take a report filed in the browser from new to published, and one rejects.

They log in with TOTP, start from the work list, ask the reporter a question that is answered,
redact in a click, approve and publish; the reporter's status page then shows it published and
readers get the redacted text. axe checks the login page, the work list, the report page, the
confirmation and the audit list.
"""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from reports.models import Message, Report
from tests.browser import assert_accessible, assert_no_serious_violations
from tests.factories import make_moderator, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long test password"
ORIGINAL = "Sgt. Miller handed me the prisoner in Millbrook and I did not search him again."
REDACTED = (
    "[name removed] handed me the prisoner in [place removed] and I did not search him again."
)


def _file_report(page) -> str:
    page.goto("/submit/")
    page.get_by_label("What happened?").fill(ORIGINAL)
    page.get_by_label("What should other officers learn from it?").fill("Search every time.")
    page.get_by_role("button", name="Review before sending").click()
    page.get_by_role("button", name="Send report").click()
    return page.locator("code#receipt-code").inner_text()


def _log_in(page, username: str, device: TOTPDevice) -> None:
    device.refresh_from_db()
    totp = TOTP(device.bin_key)
    # A code is accepted once: a second login within the same 30 s takes the next one.
    totp.drift = max(0, (device.last_t or -1) + 1 - totp.t())
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", str(totp.token()).zfill(6))
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Log out").wait_for()


def _open_from_the_work_list(page, section: str, report: Report) -> None:
    page.goto("/admin/")
    page.locator(f"#section-{section}").get_by_role("link", name=report.public_id).click()


def _press(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    page.locator(".messagelist").wait_for()


def _log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


def _check_status(page, code: str) -> None:
    page.goto("/status/")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check status").click()


def test_two_moderators_take_a_filed_report_from_new_to_published(page):
    first, second = make_moderator("first"), make_moderator("second")
    devices = [
        TOTPDevice.objects.create(user=u, name="phone", confirmed=True) for u in (first, second)
    ]
    code = _file_report(page)
    report = Report.objects.get()

    page.goto("/admin/login/")
    assert_no_serious_violations(page)
    _log_in(page, "first", devices[0])
    assert_no_serious_violations(page)  # the work list
    _open_from_the_work_list(page, "new", report)
    # The detector's findings on the reporter's words, from the moment it arrives.
    assert "Sgt. Miller" in page.locator(".field-original_findings").inner_text()
    _press(page, "Start review")
    assert page.locator("#id_published_story").input_value() == ORIGINAL
    assert_no_serious_violations(page)  # the report page
    # A headline typed, then a question asked before saving: the headline is kept.
    page.fill("#id_headline", "The prisoner was searched once, by somebody else")
    page.get_by_label("Question or reason").fill("Was the prisoner cuffed when you took over?")
    _press(page, "Ask the reporter")
    assert "Your edits were saved." in page.locator(".messagelist").inner_text()
    assert page.locator("#id_headline").input_value().startswith("The prisoner was searched")
    _log_out(page)

    _check_status(page, code)
    page.get_by_label("Your answer").fill("Yes, cuffed in front.")
    page.get_by_role("button", name="Send answer").click()
    page.get_by_text("your answer was sent").wait_for()

    _log_in(page, "first", devices[0])
    _open_from_the_work_list(page, "answered", report)
    assert "Yes, cuffed in front." in page.locator(".field-conversation").inner_text()
    # Redaction in a click: each finding replaced by its note.
    page.get_by_role("button", name="Replace \u201cSgt. Miller\u201d with [name removed]").click()
    page.locator(".messagelist").wait_for()
    page.get_by_role("button", name="Replace \u201cMillbrook\u201d with [place removed]").click()
    page.locator(".messagelist").wait_for()
    story = page.locator("#id_published_story").input_value()
    assert story == REDACTED
    assert "The detector finds nothing identifying" in page.locator(".field-findings").inner_text()
    page.fill("#id_key_lesson", "Re-search every prisoner you take over.")
    page.get_by_label("Incomplete search of person or vehicle").first.check()
    page.locator("#id_primary_risk_factor").select_option("incomplete_search")
    _press(page, "Approve this text")
    assert "approved by 1 of 2" in page.locator(".messagelist").inner_text().lower()
    assert page.get_by_role("button", name="Approve this text").count() == 0
    _log_out(page)

    _log_in(page, "second", devices[1])
    _open_from_the_work_list(page, "second_approval", report)
    _press(page, "Approve this text")
    assert "Status: Ready to publish" in page.locator(".moderation-panel").inner_text()
    _press(page, "Publish")
    assert "published" in page.locator(".messagelist").inner_text()
    page.goto("/admin/reports/auditentry/")
    assert_no_serious_violations(page)  # the audit list

    _check_status(page, code)
    assert page.locator(".status-label").inner_text() == "Published"
    page.get_by_role("link", name="Read the published story").click()
    text = page.locator("article.story").inner_text()
    assert "The prisoner was searched once, by somebody else" in text
    assert "[place removed]" in text and "Incomplete search of person or vehicle" in text
    assert "Millbrook" not in text and "Miller" not in text


def test_a_rejection_is_confirmed_on_a_page_of_its_own(page):
    moderator = make_moderator("first")
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    report = make_report(story="My sergeant scheduled me for a double shift again.")
    _log_in(page, "first", device)
    _open_from_the_work_list(page, "new", report)
    page.get_by_label("Question or reason").fill("This is a scheduling complaint, not a near miss.")
    page.get_by_role("button", name="Reject\u2026").click()
    page.get_by_text("Reject this report?").wait_for()
    assert_no_serious_violations(page)
    report.refresh_from_db()
    assert report.status == Report.Status.NEW  # nothing happens before the confirmation
    assert page.get_by_label("Reason for rejecting").input_value().startswith("This is a")
    page.get_by_role("button", name="Yes, reject").click()
    page.locator(".messagelist").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.REJECTED


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
    page.locator("#id_answer_error").get_by_text("Please write your answer").wait_for()
    assert_accessible(page)

    page.get_by_label("Your answer").fill("Yes, no street lights at all.")
    page.get_by_role("button", name="Send answer").click()
    page.get_by_text("your answer was sent").wait_for()
    assert_accessible(page)
    assert re.search("You answered", page.content())
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW
