"""The two-person rule under races: an edit and a publication sent at the same moment.

Each request runs through the real admin in its own thread and database connection, released
together by a barrier, many times over. Whatever wins, readers never see text that two
moderators did not both approve.
"""

import pytest
from django.test import Client

from reports.models import Report
from tests.factories import (
    admin_form_data,
    at_once,
    login_verified,
    make_moderator,
    make_ready_report,
    move_url,
    report_page,
)

pytestmark = pytest.mark.django_db(transaction=True)

S = Report.Status
ROUNDS = 12


def _client(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _approved_fingerprints(report: Report) -> set[str]:
    fingerprints = list(report.approvals.values_list("fingerprint", flat=True))
    return {f for f in fingerprints if fingerprints.count(f) >= 2}


def _assert_published_text_was_approved_by_two(report: Report, approved: set[str]) -> None:
    report.refresh_from_db()
    if report.status == S.PUBLISHED:
        assert report.fingerprint() in approved, "published text two moderators did not approve"
        assert report.headline == "Approved headline"


@pytest.mark.parametrize("editor", ["the first approver", "the second approver", "a third"])
def test_an_edit_racing_publication_never_publishes_unapproved_text(editor):
    first, second, third = (make_moderator(name) for name in ("first", "second", "third"))
    editing = {"the first approver": first, "the second approver": second, "a third": third}
    editor_client, publisher_client = _client(editing[editor]), _client(second)
    outcomes = set()
    for round_ in range(ROUNDS):
        report = make_ready_report(headline="Approved headline", approved_by=[first, second])
        approved = _approved_fingerprints(report)
        edit = admin_form_data(report, headline=f"Edited in round {round_}")
        publish = {"version": report.version(), "reviewed": "on"}
        responses = at_once(
            lambda e=edit, r=report: editor_client.post(report_page(r), e),
            lambda p=publish, r=report: publisher_client.post(move_url(r, "publish"), p),
        )
        assert all(response.status_code in {200, 302} for response in responses)
        _assert_published_text_was_approved_by_two(report, approved)
        if report.status == S.PUBLISHED:
            outcomes.add("published as approved, the late edit refused")
            assert "changed since you opened it" in responses[0].content.decode()
        else:
            outcomes.add("edited, approvals withdrawn, publication refused")
            assert report.headline.startswith("Edited") and report.approvals.count() == 0
    assert outcomes  # every round ended in one of the two safe outcomes


def test_an_edit_sent_with_publish_saves_the_edit_and_refuses_to_publish():
    first, second = make_moderator("first"), make_moderator("second")
    report = make_ready_report(headline="Approved headline", approved_by=[first, second])
    client = _client(first)
    data = admin_form_data(report, headline="Changed at the last moment", _move="publish")
    del data["_continue"]
    html = client.post(report_page(report), data, follow=True).content.decode()
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW
    assert report.headline == "Changed at the last moment"
    assert "Your edits were saved." in html
    assert "That move is not possible now." in html


def test_two_edits_at_once_never_lose_one_silently():
    first, second = make_moderator("first"), make_moderator("second")
    one, other = _client(first), _client(second)
    for round_ in range(ROUNDS):
        report = make_ready_report(headline="Start")
        a = admin_form_data(report, headline=f"First's headline {round_}")
        b = admin_form_data(report, key_lesson=f"Second's lesson {round_}")
        responses = at_once(
            lambda a=a, r=report: one.post(report_page(r), a),
            lambda b=b, r=report: other.post(report_page(r), b),
        )
        report.refresh_from_db()
        refused = [r for r in responses if r.status_code == 200]
        # One is saved, the other is shown again with its edits and the reason.
        assert len(refused) == 1, [r.status_code for r in responses]
        html = refused[0].content.decode()
        assert "changed since you opened it" in html
        kept = report.headline.startswith("First") + report.key_lesson.startswith("Second")
        assert kept == 1
        assert (f"First&#x27;s headline {round_}" in html) or (
            f"Second&#x27;s lesson {round_}" in html
        )


def test_approving_racing_an_edit_never_approves_text_its_approver_did_not_see():
    first, second = make_moderator("first"), make_moderator("second")
    editor, approver = _client(first), _client(second)
    for round_ in range(ROUNDS):
        report = make_ready_report(headline="Seen headline", approved_by=[first])
        seen = report.version()
        edit = admin_form_data(report, headline=f"Unseen headline {round_}")
        responses = at_once(
            lambda e=edit, r=report: editor.post(report_page(r), e),
            lambda r=report, s=seen: approver.post(move_url(r, "approve"), {"version": s}),
        )
        assert all(response.status_code in {200, 302} for response in responses)
        report.refresh_from_db()
        for approval in report.approvals.filter(moderator=second):
            assert approval.fingerprint == report.fingerprint()
            assert report.headline == "Seen headline"
