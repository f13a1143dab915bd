"""Every move of a report's life, every illegal move, and the two-person rule."""

import pytest
from django.db import IntegrityError

from reports.models import MODERATOR_MOVES, MOVES, AuditEntry, InvalidTransition, Message, Report
from tests.factories import make_moderator, make_ready_report, make_report

pytestmark = pytest.mark.django_db

S = Report.Status


def _ready(status=S.IN_REVIEW, **overrides) -> Report:
    return make_ready_report(status=status, **overrides)


def _last_audit(report) -> AuditEntry:
    return report.audit.reverse().first()


def test_start_review_moves_new_to_in_review_and_audits(moderator):
    report = make_report()
    report.start_review(by=moderator)
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW
    entry = _last_audit(report)
    assert (entry.actor, entry.action, entry.from_status, entry.to_status) == (
        moderator,
        "start review",
        S.NEW,
        S.IN_REVIEW,
    )
    assert entry.at is not None


def test_asking_the_reporter_stores_the_question_and_waits(moderator):
    report = make_report(status=S.IN_REVIEW)
    report.ask_reporter(by=moderator, question="Which year was it?")
    report.refresh_from_db()
    assert report.status == S.WAITING
    message = report.messages.get()
    assert (message.sender, message.body) == (Message.Sender.MODERATOR, "Which year was it?")


def test_an_empty_question_is_refused(moderator):
    report = make_report(status=S.IN_REVIEW)
    with pytest.raises(InvalidTransition, match="Write the question"):
        report.ask_reporter(by=moderator, question="  ")
    assert report.audit.count() == 0


def test_the_reporters_answer_returns_the_report_to_review_without_a_time_of_day():
    report = make_report(status=S.WAITING)
    report.answer("It was two winters ago.")
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW
    assert report.messages.get().sender == Message.Sender.REPORTER
    entry = _last_audit(report)
    assert entry.actor is None and entry.at is None and entry.on is not None


def test_one_approval_makes_a_report_approved_by_one_of_two(moderator):
    report = _ready()
    report.approve(by=moderator)
    report.refresh_from_db()
    assert report.status == S.APPROVED
    assert report.approvals.get().fingerprint == report.fingerprint()
    assert report.approvals_needed() == 1
    assert report.state_in_words() == "Approved by 1 of 2 \u2014 waiting for another moderator"


def test_two_approvals_make_a_report_ready_to_publish(moderator, second_moderator):
    report = _ready(approved_by=[moderator, second_moderator])
    assert report.approvals_needed() == 0
    assert report.state_in_words() == "Ready to publish"


def test_approving_needs_a_primary_risk_factor_among_the_chosen(moderator):
    report = _ready(primary_risk_factor="")
    with pytest.raises(InvalidTransition, match="primary one before approving"):
        report.approve(by=moderator)
    report = _ready(risk_factors=["fatigue"], primary_risk_factor="speed")
    with pytest.raises(InvalidTransition, match="must be one of the chosen"):
        report.approve(by=moderator)
    assert report.approvals.count() == 0


def test_an_approval_from_a_page_of_another_version_is_refused(moderator):
    report = _ready()
    seen = report.version()
    Report.objects.filter(pk=report.pk).update(headline="Changed in the meantime")
    with pytest.raises(InvalidTransition, match="changed since you opened it"):
        report.approve(by=moderator, seen=seen)
    assert report.approvals.count() == 0


def test_the_same_moderator_cannot_approve_twice(moderator):
    report = _ready()
    report.approve(by=moderator)
    with pytest.raises(InvalidTransition, match="already approved"):
        report.approve(by=moderator)
    assert report.approvals.count() == 1


def test_the_database_refuses_a_second_approval_by_the_same_moderator(moderator):
    report = _ready()
    report.approvals.create(moderator=moderator, fingerprint=report.fingerprint())
    with pytest.raises(IntegrityError):
        report.approvals.create(moderator=moderator, fingerprint=report.fingerprint())


def test_approving_needs_the_public_text_written(moderator):
    report = make_report(status=S.IN_REVIEW)
    with pytest.raises(InvalidTransition, match="Write the headline, key lesson"):
        report.approve(by=moderator)


def test_publishing_needs_two_approvals_by_different_moderators(moderator, second_moderator):
    report = _ready()
    report.approve(by=moderator)
    with pytest.raises(InvalidTransition, match="1 more needed"):
        report.publish(by=moderator)
    report.approve(by=second_moderator)
    report.publish(by=second_moderator)
    report.refresh_from_db()
    assert report.status == S.PUBLISHED
    assert report.published_on is not None and report.closed_on == report.published_on


def test_one_approval_is_enough_where_the_setting_says_so(moderator, settings):
    settings.PUBLISH_APPROVALS = 1
    report = _ready()
    report.approve(by=moderator)
    report.publish(by=moderator)
    assert Report.objects.get(pk=report.pk).status == S.PUBLISHED


def test_approvals_of_other_text_never_count_towards_publication(moderator, second_moderator):
    report = _ready(approved_by=[moderator, second_moderator])
    # An edit that bypasses the admin (the shell, a command) leaves the approvals in place...
    Report.objects.filter(pk=report.pk).update(key_lesson="A lesson nobody approved.")
    report.refresh_from_db()
    assert report.approvals.count() == 2
    # ...but they vouch for the earlier text, so they do not count.
    assert report.approvals_needed() == 2
    with pytest.raises(InvalidTransition, match="2 more needed"):
        report.publish(by=moderator, identifiers_reviewed=True)
    assert Report.objects.get(pk=report.pk).status == S.APPROVED


def test_an_approval_of_earlier_text_is_replaced_when_the_moderator_approves_again(moderator):
    report = _ready(approved_by=[moderator])
    Report.objects.filter(pk=report.pk).update(headline="New headline")
    report.refresh_from_db()
    report.approve(by=moderator)
    assert report.approvals.get().fingerprint == report.fingerprint()


def test_an_edit_after_approval_withdraws_it(moderator, second_moderator):
    report = _ready()
    report.approve(by=moderator)
    Report.objects.filter(pk=report.pk).update(headline="Edited after approval")
    withdrawn = report.withdraw_stale_approvals(by=second_moderator, changed=["headline"])
    report.refresh_from_db()
    assert withdrawn == 1
    assert report.approvals.count() == 0
    assert report.status == S.IN_REVIEW
    entry = _last_audit(report)
    assert entry.action == "approvals withdrawn by edit"
    assert "headline" in entry.reason
    # The first moderator may approve the new text.
    report.approve(by=moderator)
    assert report.approvals.count() == 1


def test_publishing_is_refused_while_identifiers_remain(moderator, second_moderator):
    report = _ready(published_story="Sgt. Miller handed him over at 2215 hours.")
    report.approve(by=moderator)
    report.approve(by=second_moderator)
    with pytest.raises(InvalidTransition, match="may still identify someone"):
        report.publish(by=moderator)
    assert Report.objects.get(pk=report.pk).status == S.APPROVED


def test_the_identifier_override_is_recorded_in_the_audit(moderator, second_moderator):
    report = _ready(published_story="Sgt. Miller handed him over.")
    report.approve(by=moderator)
    report.approve(by=second_moderator)
    report.publish(by=moderator, identifiers_reviewed=True)
    entry = _last_audit(report)
    assert entry.action == "publish"
    assert "1 detector finding(s) reviewed" in entry.reason
    assert "1 name" in entry.reason
    assert "Miller" not in entry.reason  # the audit is kept for ever: kinds, never the words


def test_rejecting_needs_a_reason_and_keeps_it_for_the_reporter(moderator):
    report = make_report(status=S.IN_REVIEW)
    with pytest.raises(InvalidTransition, match="Give the reason"):
        report.reject(by=moderator, reason="")
    report.reject(by=moderator, reason="It describes a scheduling complaint, not a near miss.")
    report.refresh_from_db()
    assert report.status == S.REJECTED
    assert report.rejection_reason.startswith("It describes")
    assert report.closed_on is not None
    assert "scheduling" in _last_audit(report).reason


def test_return_to_review_withdraws_approvals(moderator):
    report = _ready()
    report.approve(by=moderator)
    report.return_to_review(by=moderator, reason="Found a name in the lessons.")
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW
    assert report.approvals.count() == 0


@pytest.mark.parametrize("status", [S.NEW, S.IN_REVIEW, S.WAITING, S.APPROVED])
def test_the_reporter_can_withdraw_before_publication(status):
    report = make_report(status=status)
    report.withdraw()
    report.refresh_from_db()
    assert report.status == S.WITHDRAWN
    assert report.closed_on is not None


ILLEGAL = [
    ("start_review", [S.IN_REVIEW, S.WAITING, S.APPROVED, S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
    ("ask_reporter", [S.NEW, S.WAITING, S.APPROVED, S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
    ("answer", [S.NEW, S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
    ("approve", [S.NEW, S.WAITING, S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
    ("publish", [S.NEW, S.IN_REVIEW, S.WAITING, S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
    ("reject", [S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
    ("return_to_review", [S.NEW, S.IN_REVIEW, S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
    ("withdraw", [S.PUBLISHED, S.REJECTED, S.WITHDRAWN]),
]


def _call(report, move, moderator):
    arguments = {
        "start_review": {"by": moderator},
        "ask_reporter": {"by": moderator, "question": "When?"},
        "answer": {"text": "Last year."},
        "approve": {"by": moderator},
        "publish": {"by": moderator, "identifiers_reviewed": True},
        "reject": {"by": moderator, "reason": "Not a near miss."},
        "return_to_review": {"by": moderator},
        "unpublish": {"by": moderator, "reason": "A reader recognised it."},
        "withdraw": {},
    }[move]
    getattr(report, move)(**arguments)


@pytest.mark.parametrize(
    ("move", "status"), [(move, status) for move, statuses in ILLEGAL for status in statuses]
)
def test_every_illegal_move_is_refused_and_changes_nothing(moderator, move, status):
    report = _ready(status=status)
    with pytest.raises(InvalidTransition, match="You cannot"):
        _call(report, move, moderator)
    report.refresh_from_db()
    assert report.status == status
    assert report.audit.count() == 0
    assert report.approvals.count() == 0


def test_the_offered_moves_are_those_of_the_move_table_for_the_status(moderator):
    for status in S.values:
        report = make_report(status=status)
        offered = [move.name for move in report.moves_for(moderator)]
        allowed = [m.name for m in MODERATOR_MOVES.values() if status in m.sources]
        if status == S.APPROVED:
            allowed.remove("publish")  # no approval of this text yet
        assert offered == allowed, status


def test_the_move_table_matches_what_each_move_does(moderator):
    """Each declared move, made from each status it lists, ends in the status it names."""
    for move in MOVES.values():
        for source in move.sources:
            report = _ready(status=source)
            if move.name == "publish":
                report.approvals.create(moderator=moderator, fingerprint=report.fingerprint())
                report.approvals.create(
                    moderator=make_moderator(f"other-{report.public_id}"),
                    fingerprint=report.fingerprint(),
                )
            _call(report, move.name, moderator)
            report.refresh_from_db()
            assert report.status == move.to, (move.name, source)
            assert report.audit.get().action == move.action


def test_nobody_is_offered_a_move_without_the_permission():
    outsider = make_moderator("no-group")
    outsider.groups.clear()
    assert make_report(status=S.NEW).moves_for(outsider) == []


def test_a_move_works_on_a_stale_copy_by_locking_and_rereading_the_row(moderator):
    report = make_report()
    stale = Report.objects.get(pk=report.pk)
    report.start_review(by=moderator)
    with pytest.raises(InvalidTransition, match="in review"):
        stale.start_review(by=moderator)


def test_str_is_the_public_id_only():
    report = make_report(story="Secret words of the reporter.")
    assert str(report) == report.public_id


def test_unpublishing_takes_a_story_off_the_site_and_needs_a_reason(moderator, client):
    report = _ready(status=S.PUBLISHED)
    assert client.get(f"/reports/{report.public_id}/").status_code == 200
    with pytest.raises(InvalidTransition, match="Say why"):
        report.unpublish(by=moderator, reason="")
    report.unpublish(by=moderator, reason="A reader recognised the place.")
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW and report.published_on is None
    assert client.get(f"/reports/{report.public_id}/").status_code == 404
    assert "recognised" in _last_audit(report).reason
    assert [m.name for m in make_report(status=S.PUBLISHED).moves_for(moderator)] == ["unpublish"]


@pytest.mark.parametrize(
    "status", [S.NEW, S.IN_REVIEW, S.WAITING, S.APPROVED, S.REJECTED, S.WITHDRAWN]
)
def test_only_a_published_story_can_be_unpublished(moderator, status):
    with pytest.raises(InvalidTransition, match="You cannot"):
        _ready(status=status).unpublish(by=moderator, reason="x")


def test_every_move_that_asks_for_text_names_the_argument_that_takes_it():
    import inspect

    for move in MOVES.values():
        parameters = inspect.signature(getattr(Report, move.name)).parameters
        if move.text:
            assert move.text_argument in parameters, move.name
        if move.text_required:
            assert parameters[move.text_argument].default is inspect.Parameter.empty, move.name
