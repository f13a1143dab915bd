"""Every moderation URL and move, for anonymous, staff outside the group, moderator, superuser."""

import pytest
from django.contrib.auth.models import Group

from reports.models import AuditEntry, Report
from reports.moderators import PERMISSIONS
from tests.factories import PERSONAS, log_in_as, make_moderator, make_ready_report, make_report

pytestmark = pytest.mark.django_db

S = Report.Status


@pytest.fixture
def as_persona(client):
    return lambda persona: log_in_as(client, persona)


def _pages(report: Report, entry: AuditEntry) -> dict[str, str]:
    base = "/admin/reports"
    return {
        "queue": f"{base}/report/",
        "report page": f"{base}/report/{report.pk}/change/",
        "audit list": f"{base}/auditentry/",
        "audit entry": f"{base}/auditentry/{entry.pk}/change/",
        "topics": f"{base}/topic/",
    }


EXPECTED_PAGES = {"anonymous": 302, "outsider": 403, "moderator": 200, "superuser": 200}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["queue", "report page", "audit list", "audit entry", "topics"])
def test_moderation_pages(client, as_persona, persona, page):
    report = make_report()
    entry = AuditEntry.objects.create(report=report, action="x", from_status=S.NEW, to_status=S.NEW)
    as_persona(persona)
    response = client.get(_pages(report, entry)[page])
    assert response.status_code == EXPECTED_PAGES[persona]
    if persona == "anonymous":
        assert response["Location"].startswith("/admin/login/")


MOVES = [
    ("start_review", S.NEW, {}, S.IN_REVIEW),
    ("ask_reporter", S.IN_REVIEW, {"move_text": "When was it?"}, S.WAITING),
    ("approve", S.IN_REVIEW, {}, S.APPROVED),
    ("publish", S.APPROVED, {}, S.PUBLISHED),
    ("reject", S.IN_REVIEW, {"move_text": "Not a near miss."}, S.REJECTED),
    ("unpublish", S.PUBLISHED, {"move_text": "A reader knew the place."}, S.IN_REVIEW),
    ("return_to_review", S.WAITING, {}, S.IN_REVIEW),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("move", "start", "data", "end"), MOVES, ids=[m[0] for m in MOVES])
def test_moderation_moves(client, as_persona, settings, persona, move, start, data, end):
    settings.PUBLISH_APPROVALS = 1
    report = make_ready_report(status=start)
    if move == "publish":
        report.approvals.create(
            moderator=make_moderator("first-approver"), fingerprint=report.fingerprint()
        )
    as_persona(persona)
    data = {"version": report.version(), "confirmed": "yes"} | data
    response = client.post(f"/admin/reports/report/{report.pk}/move/{move}/", data)
    report.refresh_from_db()
    if persona in {"moderator", "superuser"}:
        assert response.status_code == 302
        assert report.status == end
        assert report.audit.get().actor.username in {"moderator", "root"}
    else:
        assert response.status_code == (302 if persona == "anonymous" else 403)
        assert report.status == start
        assert report.audit.count() == 0


def test_a_move_refuses_get_unless_it_asks_for_confirmation(client, as_persona):
    as_persona("moderator")
    report = make_report()
    assert client.get(f"/admin/reports/report/{report.pk}/move/start_review/").status_code == 405
    assert client.put(f"/admin/reports/report/{report.pk}/move/reject/").status_code == 405
    confirm = client.get(f"/admin/reports/report/{report.pk}/move/reject/")
    assert confirm.status_code == 200 and b"Reject this report?" in confirm.content
    assert report.audit.count() == 0


def test_an_unknown_move_is_refused(client, as_persona):
    as_persona("moderator")
    report = make_report()
    response = client.post(f"/admin/reports/report/{report.pk}/move/delete/")
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["moderator", "superuser"])
def test_nobody_can_add_edit_or_delete_audit_entries_or_reports(client, as_persona, persona):
    report = make_report()
    entry = AuditEntry.objects.create(
        report=report,
        action="start review",
        from_status=S.NEW,
        to_status=S.IN_REVIEW,
        reason="kept",
    )
    as_persona(persona)
    base = "/admin/reports"
    assert client.get(f"{base}/auditentry/add/").status_code == 403
    assert client.post(f"{base}/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{base}/auditentry/{entry.pk}/change/", {"reason": "rewritten"})
    assert client.get(f"{base}/report/add/").status_code == 403
    assert client.post(f"{base}/report/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.reason == "kept"
    assert Report.objects.filter(pk=report.pk).exists()


def test_the_group_has_exactly_the_permissions_moderation_needs():
    group = Group.objects.get(name="moderators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == set(PERMISSIONS)
    assert not any(code.startswith("delete_") for code in codenames)
    assert "change_auditentry" not in codenames
