"""The moderators' front page: what needs me now, in sections, and the dashboard."""

import datetime
import re

import pytest
from django.utils import timezone

from reports.models import Message, Report
from tests.factories import (
    login_verified,
    make_moderator,
    make_ready_report,
    make_report,
    make_staff,
)

pytestmark = pytest.mark.django_db

S = Report.Status
HOME = "/admin/"


@pytest.fixture
def logged_in(client, moderator):
    login_verified(client, moderator)
    return client


def _section(html: str, key: str) -> str:
    found = re.search(rf'<section[^>]*id="section-{key}".*?</section>', html, re.S)
    assert found, f"no section {key}"
    return found.group(0)


def test_each_report_appears_in_the_section_that_says_what_it_needs(
    logged_in, moderator, second_moderator
):
    new = make_report()
    answered = make_report(status=S.WAITING)
    answered.messages.create(sender=Message.Sender.MODERATOR, body="Which year?")
    answered.answer("Two years ago.")
    in_review = make_report(status=S.IN_REVIEW)
    second = make_ready_report(approved_by=[second_moderator])
    ready = make_ready_report(approved_by=[moderator, second_moderator])
    mine_waiting = make_ready_report(approved_by=[moderator])
    waiting = make_report(status=S.WAITING)
    published = make_report(status=S.PUBLISHED)
    html = logged_in.get(HOME).content.decode()
    expected = {
        "new": new,
        "answered": answered,
        "in_review": in_review,
        "second_approval": second,
        "ready": ready,
    }
    for key, report in expected.items():
        section = _section(html, key)
        assert report.public_id in section, key
        assert "(1)" in section, key
    others = _section(html, "others")
    assert waiting.public_id in others and mine_waiting.public_id in others
    assert published.public_id not in html
    assert "Closed reports" in html


def test_my_reports_come_first_in_review(logged_in, moderator, second_moderator):
    older = make_report(status=S.NEW, received_on=datetime.date(2026, 10, 1))
    older.start_review(by=second_moderator)
    mine = make_report(status=S.NEW, received_on=datetime.date(2026, 11, 1))
    mine.start_review(by=moderator)
    section = _section(logged_in.get(HOME).content.decode(), "in_review")
    assert section.index(mine.public_id) < section.index(older.public_id)


def test_a_row_gives_age_event_opening_words_findings_and_alert_in_words(logged_in):
    today = timezone.localdate()
    make_report(
        received_on=today - datetime.timedelta(days=3),
        event_type="traffic_stop",
        story="Deputy Ruiz and I stopped a van behind the Dollar General at 0315.",
        safety_alert=True,
    )
    section = _section(logged_in.get(HOME).content.decode(), "new")
    assert "3 days" in section
    assert "Traffic stop" in section
    assert "Deputy Ruiz and I stopped a van" in section
    assert re.search(r"<td>[1-9]</td>", section)  # the count of possible identifiers
    assert "Safety alert" in section


def test_the_dashboard_says_how_much_waits_and_for_how_long(logged_in):
    today = timezone.localdate()
    make_report(received_on=today - datetime.timedelta(days=12))
    make_report(status=S.IN_REVIEW, received_on=today - datetime.timedelta(days=2))
    make_report(status=S.PUBLISHED, published_on=today)
    html = logged_in.get(HOME).content.decode()
    dashboard = re.search(r'<dl class="dashboard-figures">.*?</dl>', html, re.S).group(0)
    assert re.search(r"<dt>New</dt><dd>1</dd>", dashboard)
    assert "<dd>12 days</dd>" in dashboard
    assert re.search(r"<dt>Published this month</dt><dd>1</dd>", dashboard)


def test_the_work_list_costs_a_fixed_number_of_queries(logged_in, django_assert_max_num_queries):
    """The sections are one query each, however many reports wait (no query per row)."""
    for _ in range(30):
        make_report()
        make_ready_report(approved_by=[make_moderator(f"m{Report.objects.count()}")])
    with django_assert_max_num_queries(25):
        assert logged_in.get(HOME).status_code == 200


def test_staff_outside_the_moderators_see_no_work_list(client):
    login_verified(client, make_staff("outsider"))
    make_report()
    html = client.get(HOME).content.decode()
    assert 'id="section-new"' not in html
