"""The report list and the report page, as a moderator uses them."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry

from reports import models
from reports.models import AuditEntry, Report, Topic
from tests.factories import (
    admin_form_data,
    login_verified,
    make_ready_report,
    make_report,
    move_url,
    report_page,
)

pytestmark = pytest.mark.django_db

S = Report.Status
LIST = "/admin/reports/report/"


@pytest.fixture
def logged_in(client, moderator):
    login_verified(client, moderator)
    return client


def _offered(html: str) -> list[str]:
    return re.findall(r'name="_move" value="(\w+)"', html)


def test_the_list_shows_open_reports_oldest_first_and_closed_ones_a_click_away(logged_in):
    newer = make_report(received_on=datetime.date(2026, 11, 20))
    older = make_report(received_on=datetime.date(2026, 11, 1))
    published = make_report(status=S.PUBLISHED)
    html = logged_in.get(LIST).content.decode()
    assert html.index(older.public_id) < html.index(newer.public_id)
    assert published.public_id not in html
    closed = logged_in.get(LIST, {"state": "closed"}).content.decode()
    assert published.public_id in closed and older.public_id not in closed


def test_the_list_says_what_each_report_is_in_words(logged_in):
    make_report(
        story="Dispatch sent me to a welfare check on a man who had not been seen for days",
        event_type="crisis",
        safety_alert=True,
    )
    html = logged_in.get(LIST).content.decode()
    assert "Dispatch sent me to a welfare check on a man who had\u2026" in html
    assert "Person in crisis / mental-health call" in html
    assert "Safety alert" in html
    assert "icon-no.svg" not in html and "icon-yes.svg" not in html


def test_the_list_counts_reports_per_status(logged_in):
    for status in [S.NEW, S.NEW, S.NEW, S.IN_REVIEW, S.WAITING]:
        make_report(status=status)
    html = logged_in.get(LIST).content.decode()
    assert re.search(r"New\s*\(3\)", html)
    assert re.search(r"In review\s*\(1\)", html)


def test_the_list_searches_the_text(logged_in):
    found = make_report(story="The suspect hid a razor in the seat seam.")
    missed = make_report(story="A quiet traffic stop.")
    html = logged_in.get(LIST, {"q": "razor"}).content.decode()
    assert found.public_id in html and missed.public_id not in html


def test_a_new_report_shows_the_findings_in_the_reporters_words(logged_in):
    report = make_report(story="Sgt. Miller searched him behind the Circle K in Millbrook.")
    html = logged_in.get(report_page(report)).content.decode()
    assert '<div class="original-text">Sgt. Miller searched him' in html
    assert "A person&#x27;s name</strong>: \u201cSgt. Miller\u201d \u2192 [name removed]" in html
    assert "The detector finds nothing identifying" not in html
    assert 'name="story"' not in html  # the reporter's words cannot be edited


def test_the_text_to_publish_shows_its_findings_with_a_replace_button(logged_in):
    report = make_report(
        status=S.IN_REVIEW,
        story="Sgt. Miller searched him in Millbrook.",
        published_story="Sgt. Miller searched him in [town removed].",
    )
    html = logged_in.get(report_page(report)).content.decode()
    assert 'name="published_story"' in html
    assert 'name="_redact" value="published_story:0:11:name"' in html
    assert "Replace with [name removed]" in html
    assert "<del>Millbrook.</del><ins>[town removed].</ins>" in html


def test_the_diff_escapes_what_the_reporter_typed(logged_in):
    report = make_report(
        status=S.IN_REVIEW, story="<img src=x onerror=alert(1)>", published_story="[removed]"
    )
    html = logged_in.get(report_page(report)).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_detector_runs_once_per_text_on_the_report_page(logged_in, monkeypatch):
    report = make_report(
        status=S.IN_REVIEW,
        story="Deputy Ruiz met me at the Dollar General.",
        lessons="Call for backup.",
        headline="A stop",
        key_lesson="Call for backup.",
        published_story="Deputy Ruiz met me at the Dollar General.",
        published_lessons="Call for backup.",
    )
    seen = []
    real = models.find_identifiers
    monkeypatch.setattr(models, "find_identifiers", lambda text: seen.append(text) or real(text))
    assert logged_in.get(report_page(report)).status_code == 200
    assert seen, "the page runs the detector"
    assert len(seen) == len(set(seen)), "a text was checked twice in one request"


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (S.NEW, ["start_review", "reject"]),
        (S.IN_REVIEW, ["ask_reporter", "approve", "reject"]),
        (S.WAITING, ["return_to_review", "reject"]),
        (S.PUBLISHED, ["unpublish"]),
        (S.REJECTED, []),
        (S.WITHDRAWN, []),
    ],
)
def test_the_moves_the_status_allows_are_offered_at_the_top(logged_in, status, offered):
    report = make_report(status=status)
    html = logged_in.get(report_page(report)).content.decode()
    assert _offered(html) == offered
    if offered:
        assert html.index('name="_move"') < html.index('id="fieldset-0-0-heading"')


def test_approve_is_not_offered_to_the_moderator_who_approved(
    logged_in, moderator, second_moderator
):
    report = make_ready_report(approved_by=[moderator])
    html = logged_in.get(report_page(report)).content.decode()
    assert _offered(html) == ["return_to_review", "reject"]
    assert "Approved by 1 of 2 \u2014 waiting for another moderator" in html
    assert "You approved this text" not in html  # other moves remain, so no such note


def test_publish_is_offered_only_when_enough_moderators_approved(
    logged_in, moderator, second_moderator
):
    report = make_ready_report(approved_by=[second_moderator])
    html = logged_in.get(report_page(report)).content.decode()
    assert "publish" not in _offered(html) and "approve" in _offered(html)
    report.approve(by=moderator)
    html = logged_in.get(report_page(report)).content.decode()
    assert _offered(html) == ["publish", "return_to_review", "reject"]
    assert "Status: Ready to publish" in html


def test_starting_review_prefills_the_text_to_redact(logged_in):
    report = make_report(story="The original words.", lessons="The original lesson.")
    logged_in.post(move_url(report, "start_review"), {"version": report.version()})
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW
    assert report.published_story == "The original words."
    assert report.published_lessons == "The original lesson."


def test_editing_the_text_after_an_approval_withdraws_it(logged_in, second_moderator):
    report = make_ready_report(approved_by=[second_moderator])
    response = logged_in.post(
        report_page(report), admin_form_data(report, headline="A better headline")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.headline == "A better headline"
    assert report.approvals.count() == 0
    assert report.status == S.IN_REVIEW
    assert report.audit.filter(action="approvals withdrawn by edit").count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"featured": "on"},
        {"safety_alert": "on"},
        {"weapon": "firearm"},
        {"assignment": "traffic"},
        {"risk_factors": ["incomplete_search"]},
    ],
    ids=lambda change: next(iter(change)),
)
def test_changing_any_coded_field_after_an_approval_withdraws_it(
    logged_in, second_moderator, change
):
    report = make_ready_report(approved_by=[second_moderator])
    logged_in.post(report_page(report), admin_form_data(report, **change))
    report.refresh_from_db()
    assert report.approvals.count() == 0 and report.status == S.IN_REVIEW


def test_changing_the_topics_after_an_approval_withdraws_it(logged_in, second_moderator):
    topic = Topic.objects.create(slug="custody", name="Custody")
    report = make_ready_report(approved_by=[second_moderator])
    logged_in.post(report_page(report), admin_form_data(report, topics=[str(topic.pk)]))
    report.refresh_from_db()
    assert list(report.topics.all()) == [topic]
    assert report.approvals.count() == 0 and report.status == S.IN_REVIEW


def test_deleting_a_topic_withdraws_the_approvals_of_its_reports(second_moderator):
    topic = Topic.objects.create(slug="custody", name="Custody")
    report = make_ready_report(approved_by=[second_moderator])
    report.topics.add(topic)
    report.approvals.update(fingerprint=report.fingerprint())  # approved with the topic
    untouched = make_ready_report(approved_by=[second_moderator])
    topic.delete()
    report.refresh_from_db()
    assert report.approvals.count() == 0 and report.status == S.IN_REVIEW
    assert report.audit.filter(action="approvals withdrawn by edit").exists()
    assert untouched.approvals.count() == 1


def test_saving_without_a_change_keeps_the_approval(logged_in, second_moderator):
    report = make_ready_report(approved_by=[second_moderator])
    response = logged_in.post(report_page(report), admin_form_data(report), follow=True)
    report.refresh_from_db()
    assert report.approvals.count() == 1 and report.status == S.APPROVED
    assert "Nothing had changed." in response.content.decode()


def test_a_refused_move_is_explained_on_the_page(logged_in):
    report = make_report(status=S.IN_REVIEW)  # no headline yet
    response = logged_in.post(
        move_url(report, "approve"), {"version": report.version()}, follow=True
    )
    assert "Approve this text: not done. Write the headline" in response.content.decode()


def test_publishing_with_findings_needs_the_reviewed_tick(logged_in, moderator, settings):
    settings.PUBLISH_APPROVALS = 1
    report = make_ready_report(published_story="Call 555-201-7788.", approved_by=[moderator])
    refused = logged_in.post(
        move_url(report, "publish"), {"version": report.version()}, follow=True
    ).content.decode()
    assert "may still identify someone" in refused
    assert "I reviewed each of the 1 detector finding" in refused
    logged_in.post(move_url(report, "publish"), {"version": report.version(), "reviewed": "on"})
    report.refresh_from_db()
    assert report.status == S.PUBLISHED
    reason = report.audit.get(action="publish").reason
    assert "1 phone" in reason and "555-201-7788" not in reason  # kinds, never the words


def test_no_reporter_text_reaches_the_admin_change_log(logged_in):
    report = make_report(status=S.IN_REVIEW, story="Unique reporter words xyzzy.")
    logged_in.post(report_page(report), admin_form_data(report, headline="Plugh headline"))
    entry = LogEntry.objects.get()
    assert entry.object_repr == report.public_id
    assert "xyzzy" not in entry.change_message and "Plugh" not in entry.change_message


def test_a_closed_report_is_read_only(logged_in):
    report = make_report(status=S.PUBLISHED)
    html = logged_in.get(report_page(report)).content.decode()
    assert 'name="headline"' not in html
    assert "Save edits" not in html


def test_risk_factors_are_ticked_and_at_most_five(logged_in):
    report = make_report(status=S.IN_REVIEW)
    six = ["complacency", "fatigue", "speed", "tactics", "no_backup", "training_gap"]
    response = logged_in.post(report_page(report), admin_form_data(report, risk_factors=six))
    assert "Choose at most five risk factors." in response.content.decode()
    logged_in.post(report_page(report), admin_form_data(report, risk_factors=six[:2]))
    report.refresh_from_db()
    assert report.risk_factors == six[:2]


def test_the_primary_risk_factor_must_be_one_of_the_chosen(logged_in):
    report = make_report(status=S.IN_REVIEW, headline="Kept")
    response = logged_in.post(
        report_page(report),
        admin_form_data(
            report, headline="Lost?", risk_factors=["fatigue"], primary_risk_factor="speed"
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The primary risk factor must be one of the contributing risk factors" in html
    assert 'value="Lost?"' in html  # the edit is shown again
    report.refresh_from_db()
    assert report.headline == "Kept" and report.primary_risk_factor == ""


def test_topics_are_plain_boxes_to_tick(logged_in):
    Topic.objects.create(slug="custody", name="Custody")
    report = make_report(status=S.IN_REVIEW)
    html = logged_in.get(report_page(report)).content.decode()
    assert 'type="checkbox" name="topics"' in html
    assert "selectfilter" not in html.lower()


def test_the_audit_says_when_in_words(logged_in, moderator):
    report = make_report()
    report.start_review(by=moderator)
    entry = report.audit.get()
    AuditEntry.objects.filter(pk=entry.pk).update(
        at=datetime.datetime(2026, 12, 1, 6, 48, 31, 123456, tzinfo=datetime.UTC)
    )
    for page in (report_page(report), "/admin/reports/auditentry/"):
        html = logged_in.get(page).content.decode()
        assert "1 Dec 2026, 06:48" in html
        assert "123456" not in html and "06:48:31" not in html


def test_a_purged_original_says_so(logged_in):
    report = make_report(
        status=S.PUBLISHED, story="", lessons="", original_purged_on=datetime.date(2026, 9, 1)
    )
    html = logged_in.get(report_page(report)).content.decode()
    assert "Deleted on 01 September 2026 by the retention rule." in html
