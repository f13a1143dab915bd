"""The review queue and the report page, as a moderator uses them."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry

from reports.models import Report
from tests.factories import login_verified, make_report

pytestmark = pytest.mark.django_db

S = Report.Status
QUEUE = "/admin/reports/report/"


@pytest.fixture
def logged_in(client, moderator):
    login_verified(client, moderator)
    return client


def _page(report) -> str:
    return f"/admin/reports/report/{report.pk}/change/"


def _form_data(report, **changes) -> dict:
    """The report page's form as the browser would post it."""
    data = {
        "headline": report.headline,
        "key_lesson": report.key_lesson,
        "published_story": report.published_story,
        "published_lessons": report.published_lessons,
        "event_type": report.event_type,
        "risk_factors": report.risk_factors,
        "loss_potential": report.loss_potential,
        "prevented_by": report.prevented_by,
        "weapon": report.weapon,
        "officers_on_scene": report.officers_on_scene,
        "setting": report.setting,
        "lighting": report.lighting,
        "time_of_day": report.time_of_day,
        "event_year": report.event_year or "",
        "primary_risk_factor": report.primary_risk_factor,
        "assignment": report.assignment,
        "years_of_service": report.years_of_service,
        "agency_type": report.agency_type,
        "could_recur": report.could_recur,
        "_save": "Save",
    }
    data.update(changes)
    return data


def test_the_queue_lists_reports_oldest_first(logged_in):
    newer = make_report(received_on=datetime.date(2026, 11, 20))
    older = make_report(received_on=datetime.date(2026, 11, 1))
    html = logged_in.get(QUEUE).content.decode()
    assert html.index(older.public_id) < html.index(newer.public_id)


def test_the_queue_counts_reports_per_status(logged_in):
    for status in [S.NEW, S.NEW, S.NEW, S.IN_REVIEW, S.WAITING]:
        make_report(status=status)
    html = logged_in.get(QUEUE).content.decode()
    assert re.search(r"New\s*\(3\)", html)
    assert re.search(r"In review\s*\(1\)", html)


def test_the_queue_filters_by_status_event_type_and_safety_alert(logged_in):
    wanted = make_report(status=S.IN_REVIEW, event_type="traffic_stop", safety_alert=True)
    other = make_report(status=S.NEW, event_type="training")
    html = logged_in.get(
        QUEUE,
        {
            "status__exact": S.IN_REVIEW,
            "event_type__exact": "traffic_stop",
            "safety_alert__exact": "1",
        },
    ).content.decode()
    assert wanted.public_id in html and other.public_id not in html


def test_the_queue_filters_reports_waiting_for_a_second_approval(logged_in, moderator):
    waiting = make_report(status=S.APPROVED)
    waiting.approvals.create(moderator=moderator)
    in_review = make_report(status=S.IN_REVIEW)
    html = logged_in.get(QUEUE, {"approvals": "waiting"}).content.decode()
    assert waiting.public_id in html and in_review.public_id not in html


def test_the_queue_searches_the_text(logged_in):
    found = make_report(story="The suspect hid a razor in the seat seam.")
    missed = make_report(story="A quiet traffic stop.")
    html = logged_in.get(QUEUE, {"q": "razor"}).content.decode()
    assert found.public_id in html and missed.public_id not in html


def test_the_report_page_shows_the_original_read_only_with_findings_and_diff(logged_in):
    report = make_report(
        status=S.IN_REVIEW,
        story="Sgt. Miller searched him in Millbrook.",
        published_story="Sgt. Miller searched him in [town removed].",
    )
    html = logged_in.get(_page(report)).content.decode()
    assert '<div class="original-text">Sgt. Miller searched him in Millbrook.</div>' in html
    assert 'name="story"' not in html  # the reporter's words cannot be edited
    assert 'name="published_story"' in html
    assert "A person&#x27;s name</strong>: \u201cSgt. Miller\u201d \u2192 [name removed]" in html
    assert "<del>Millbrook.</del><ins>[town removed].</ins>" in html


def test_the_diff_escapes_what_the_reporter_typed(logged_in):
    report = make_report(
        status=S.IN_REVIEW, story="<img src=x onerror=alert(1)>", published_story="[removed]"
    )
    html = logged_in.get(_page(report)).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (S.NEW, ["start_review", "reject"]),
        (S.IN_REVIEW, ["ask_reporter", "approve", "reject"]),
        (S.WAITING, ["reject", "return_to_review"]),
        (S.APPROVED, ["approve", "publish", "reject", "return_to_review"]),
        (S.PUBLISHED, ["unpublish"]),
        (S.REJECTED, []),
        (S.WITHDRAWN, []),
    ],
)
def test_only_the_moves_the_status_allows_are_offered(logged_in, status, offered):
    report = make_report(status=status)
    html = logged_in.get(_page(report)).content.decode()
    buttons = re.findall(r'name="move" value="(\w+)"', html)
    assert buttons == offered


def test_starting_review_prefills_the_text_to_redact(logged_in):
    report = make_report(story="The original words.", lessons="The original lesson.")
    logged_in.post(f"/admin/reports/report/{report.pk}/move/start_review/")
    report.refresh_from_db()
    assert report.published_story == "The original words."
    assert report.published_lessons == "The original lesson."


def _approved_once(*, by) -> Report:
    report = make_report(
        status=S.APPROVED,
        headline="H",
        key_lesson="K",
        published_story="Story.",
        published_lessons="Lessons.",
    )
    report.approvals.create(moderator=by)
    return report


def test_editing_the_text_after_an_approval_withdraws_it(logged_in, second_moderator):
    report = _approved_once(by=second_moderator)
    response = logged_in.post(_page(report), _form_data(report, headline="A better headline"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.headline == "A better headline"
    assert report.approvals.count() == 0
    assert report.status == S.IN_REVIEW
    assert report.audit.get().action == "approvals withdrawn by edit"


def test_saving_without_changing_the_text_keeps_the_approval(logged_in, second_moderator):
    report = _approved_once(by=second_moderator)
    logged_in.post(_page(report), _form_data(report, featured="on"))
    report.refresh_from_db()
    assert report.featured and report.approvals.count() == 1 and report.status == S.APPROVED


def test_a_refused_move_is_explained_on_the_page(logged_in, moderator):
    report = make_report(status=S.IN_REVIEW)  # no headline yet
    response = logged_in.post(f"/admin/reports/report/{report.pk}/move/approve/", follow=True)
    assert "Write the headline" in response.content.decode()


def test_publishing_with_findings_needs_the_reviewed_tick(logged_in, moderator, settings):
    settings.PUBLISH_APPROVALS = 1
    report = make_report(
        status=S.APPROVED,
        headline="H",
        key_lesson="K",
        published_story="Call 555-201-7788.",
        published_lessons="L",
    )
    report.approvals.create(moderator=moderator)
    move = f"/admin/reports/report/{report.pk}/move/publish/"
    refused = logged_in.post(move, follow=True).content.decode()
    assert "may still identify someone" in refused
    assert "I reviewed each of the 1 detector finding" in refused
    logged_in.post(move, {"reviewed": "on"})
    report.refresh_from_db()
    assert report.status == S.PUBLISHED
    assert "555-201-7788" in report.audit.get(action="publish").reason


def test_no_reporter_text_reaches_the_admin_change_log(logged_in):
    report = make_report(status=S.IN_REVIEW, story="Unique reporter words xyzzy.")
    logged_in.post(_page(report), _form_data(report, headline="Plugh headline"))
    entry = LogEntry.objects.get()
    assert entry.object_repr == report.public_id
    assert "xyzzy" not in entry.change_message and "Plugh" not in entry.change_message


def test_a_closed_report_is_read_only(logged_in):
    report = make_report(status=S.PUBLISHED)
    html = logged_in.get(_page(report)).content.decode()
    assert 'name="headline"' not in html


def test_risk_factors_are_ticked_and_at_most_five(logged_in):
    report = make_report(status=S.IN_REVIEW)
    six = ["complacency", "fatigue", "speed", "tactics", "no_backup", "training_gap"]
    response = logged_in.post(_page(report), _form_data(report, risk_factors=six))
    assert "Choose at most five risk factors." in response.content.decode()
    logged_in.post(_page(report), _form_data(report, risk_factors=six[:2]))
    report.refresh_from_db()
    assert report.risk_factors == six[:2]


def test_a_purged_original_says_so(logged_in):
    report = make_report(
        status=S.PUBLISHED, story="", lessons="", original_purged_on=datetime.date(2026, 9, 1)
    )
    html = logged_in.get(_page(report)).content.decode()
    assert "Deleted on 01 September 2026 by the retention rule." in html
