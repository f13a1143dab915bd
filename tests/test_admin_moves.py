"""Moves and redactions from the report page: edits are never lost, refusals keep them."""

import re

import pytest

from reports.models import MODERATOR_MOVES, Report
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
EDIT = {"headline": "An edited headline", "key_lesson": "An edited key lesson."}


@pytest.fixture
def logged_in(client, moderator):
    login_verified(client, moderator)
    return client


def _report_for(move: str, second_moderator) -> Report:
    """Return a report from which move is offered to the moderator fixture."""
    # The last status a move starts from: an edit sent with it cannot change that status.
    source = MODERATOR_MOVES[move].sources[-1]
    if source == S.APPROVED:
        return make_ready_report(approved_by=[second_moderator])
    return make_ready_report(status=source)


def _send(client, report, move: str, **extra):
    data = admin_form_data(
        report, **(EDIT | {"move_text": "Which town was it?"} | extra), _move=move
    )
    del data["_continue"]
    return client.post(report_page(report), data, follow=True)


OPEN_MOVES = [
    name for name, move in MODERATOR_MOVES.items() if set(move.sources) & set(Report.OPEN)
]


@pytest.mark.parametrize("move", OPEN_MOVES)
def test_every_move_sent_with_unsaved_edits_saves_them_first_and_says_so(
    logged_in, second_moderator, move
):
    report = _report_for(move, second_moderator)
    html = _send(logged_in, report, move).content.decode()
    report.refresh_from_db()
    assert report.headline == EDIT["headline"], move
    assert report.key_lesson == EDIT["key_lesson"], move
    assert "Your edits were saved." in html


@pytest.mark.parametrize("move", ["ask_reporter", "approve", "return_to_review", "start_review"])
def test_a_move_without_confirmation_is_made_after_the_edits(
    logged_in, moderator, second_moderator, move
):
    report = _report_for(move, second_moderator)
    _send(logged_in, report, move)
    report.refresh_from_db()
    assert report.status == MODERATOR_MOVES[move].to
    assert report.audit.filter(action=MODERATOR_MOVES[move].action, actor=moderator).count() == 1


def test_an_approval_sent_with_edits_approves_the_edited_text(logged_in, moderator):
    report = make_ready_report()
    _send(logged_in, report, "approve")
    report.refresh_from_db()
    approval = report.approvals.get()
    assert approval.moderator == moderator
    assert approval.fingerprint == report.fingerprint()  # of the text with the edits


def test_rejecting_saves_the_edits_then_asks_for_confirmation_on_a_page_of_its_own(logged_in):
    report = make_ready_report()
    response = _send(logged_in, report, "reject", move_text="It names the town twice.")
    html = response.content.decode()
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW  # nothing rejected yet
    assert report.headline == EDIT["headline"]
    assert "Reject this report?" in html
    assert "It names the town twice." in html  # the reason is carried to the confirmation
    assert "No, back to the report" in html
    confirmed = logged_in.post(
        move_url(report, "reject"),
        {"version": report.version(), "confirmed": "yes", "move_text": "It names the town."},
        follow=True,
    ).content.decode()
    report.refresh_from_db()
    assert report.status == S.REJECTED
    assert report.rejection_reason == "It names the town."
    assert "Reject: done." in confirmed


def test_a_reject_post_without_confirmation_only_asks(logged_in):
    report = make_report(status=S.IN_REVIEW)
    html = logged_in.post(
        move_url(report, "reject"), {"version": report.version(), "move_text": "No."}
    ).content.decode()
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW and "Reject this report?" in html


def test_a_rejection_can_name_the_report_it_duplicates_for_moderators_only(logged_in, client):
    told = make_report(status=S.PUBLISHED)
    report = make_report(status=S.IN_REVIEW)
    logged_in.post(
        move_url(report, "reject"),
        {
            "version": report.version(),
            "confirmed": "yes",
            "move_text": "Already told.",
            "duplicate_of": told.public_id.upper(),
        },
    )
    report.refresh_from_db()
    assert report.status == S.REJECTED and report.duplicate_of == told
    html = logged_in.get(report_page(report)).content.decode()
    assert f'a duplicate of <a href="{report_page(told)}">{told.public_id}</a>' in html
    other = logged_in.get(report_page(told)).content.decode()
    assert "Rejected as a duplicate of this one" in other and report.public_id in other
    logged_in.logout()
    assert report.public_id not in client.get(f"/reports/{told.public_id}/").content.decode()


def test_an_unknown_duplicate_is_refused_and_nothing_rejected(logged_in):
    report = make_report(status=S.IN_REVIEW)
    html = logged_in.post(
        move_url(report, "reject"),
        {
            "version": report.version(),
            "confirmed": "yes",
            "move_text": "Already told.",
            "duplicate_of": "nosuchid",
        },
        follow=True,
    ).content.decode()
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW
    assert "No report has the public id" in html


def test_an_invalid_edit_sent_with_a_move_makes_no_move_and_shows_the_edits(logged_in):
    report = make_ready_report()
    six = ["complacency", "fatigue", "speed", "tactics", "no_backup", "training_gap"]
    response = _send(logged_in, report, "approve", risk_factors=six)
    html = response.content.decode()
    report.refresh_from_db()
    assert response.status_code == 200
    assert report.status == S.IN_REVIEW and report.approvals.count() == 0
    assert report.headline != EDIT["headline"]
    assert f'value="{EDIT["headline"]}"' in html
    assert "Choose at most five risk factors." in html


def test_a_save_from_a_page_of_another_version_is_refused_and_shows_the_edits(logged_in):
    report = make_ready_report()
    stale = admin_form_data(report, headline="My headline")
    Report.objects.filter(pk=report.pk).update(key_lesson="Another moderator's lesson.")
    response = logged_in.post(report_page(report), stale)
    html = response.content.decode()
    report.refresh_from_db()
    assert response.status_code == 200
    assert "changed since you opened it" in html
    assert 'value="My headline"' in html
    assert report.key_lesson == "Another moderator's lesson." and report.headline != "My headline"


def test_a_save_after_publication_is_refused_with_a_clear_message(logged_in, moderator):
    report = make_ready_report()
    stale = admin_form_data(report, headline="Too late")
    report.status = S.PUBLISHED
    Report.objects.filter(pk=report.pk).update(status=S.PUBLISHED, published_on="2026-11-02")
    response = logged_in.post(report_page(report), stale)
    html = response.content.decode()
    report.refresh_from_db()
    assert report.headline != "Too late"
    assert "it is now published" in html
    assert 'value="Too late"' in html


def test_a_move_from_a_page_of_another_version_is_refused(logged_in):
    report = make_report()
    seen = report.version()
    Report.objects.filter(pk=report.pk).update(headline="Changed")
    html = logged_in.post(
        move_url(report, "start_review"), {"version": seen}, follow=True
    ).content.decode()
    report.refresh_from_db()
    assert report.status == S.NEW and "changed since you opened it" in html


def test_one_click_replaces_a_finding_with_its_note_and_keeps_other_edits(logged_in):
    story = "I met Deputy Ruiz behind the Dollar General."
    report = make_report(status=S.IN_REVIEW, story=story, published_story=story)
    finding = report.findings_in("published_story")[0]
    button = f"published_story:{finding.start}:{finding.end}:{finding.kind.value}"
    data = admin_form_data(report, headline="Kept headline", _redact=button)
    del data["_continue"]
    html = logged_in.post(report_page(report), data, follow=True).content.decode()
    report.refresh_from_db()
    assert finding.excerpt not in report.published_story
    assert finding.kind.note in report.published_story
    assert report.headline == "Kept headline"
    assert "Replaced with the suggested note and saved." in html


def test_a_click_on_a_finding_that_moved_in_an_edit_still_finds_it_once(logged_in):
    story = "I met Deputy Ruiz at the door."
    report = make_report(status=S.IN_REVIEW, story=story, published_story=story)
    finding = report.findings_in("published_story")[0]
    button = f"published_story:{finding.start}:{finding.end}:{finding.kind.value}"
    edited = "Around midnight " + story  # the finding moved along
    data = admin_form_data(report, published_story=edited, _redact=button)
    del data["_continue"]
    logged_in.post(report_page(report), data)
    report.refresh_from_db()
    assert report.published_story == f"Around midnight I met {finding.kind.note} at the door."


def test_a_click_on_a_finding_that_is_gone_is_refused_and_keeps_the_edits(logged_in):
    story = "I met Deputy Ruiz at the door."
    report = make_report(status=S.IN_REVIEW, story=story, published_story=story)
    finding = report.findings_in("published_story")[0]
    button = f"published_story:{finding.start}:{finding.end}:{finding.kind.value}"
    data = admin_form_data(report, published_story="I met someone at the door.", _redact=button)
    del data["_continue"]
    html = logged_in.post(report_page(report), data).content.decode()
    report.refresh_from_db()
    assert report.published_story == story
    assert "no longer where it was" in html
    assert "I met someone at the door." in html


@pytest.mark.parametrize(
    "value", ["headline:0:3:name", "story:0:3:name", "x", "published_story:a:b:c"]
)
def test_a_forged_redaction_is_refused(logged_in, value):
    report = make_report(status=S.IN_REVIEW, published_story="Nothing here.")
    data = admin_form_data(report, _redact=value)
    del data["_continue"]
    response = logged_in.post(report_page(report), data)
    report.refresh_from_db()
    assert response.status_code == 200 and report.published_story == "Nothing here."


def test_replace_all_replaces_every_finding_in_the_text_to_publish(logged_in):
    story = "Deputy Ruiz and I stopped at the Dollar General in Millbrook at 0315."
    report = make_report(
        status=S.IN_REVIEW, story=story, published_story=story, headline="Ruiz at 0315"
    )
    data = admin_form_data(report, _redact_all="1")
    del data["_continue"]
    logged_in.post(report_page(report), data)
    report.refresh_from_db()
    assert report.findings_in("published_story") == []
    assert report.findings_in("headline") == []
    assert "[time removed]" in report.published_story
    assert report.findings_count == 0


def test_a_click_on_a_page_shown_again_after_a_refused_save_replaces_what_it_showed(logged_in):
    saved = "Note Call 555-123-4567 now, then Deputy Ruiz."
    report = make_report(status=S.IN_REVIEW, story=saved, published_story=saved)
    six = ["complacency", "fatigue", "speed", "tactics", "no_backup", "training_gap"]
    edited = saved.removeprefix("Note ")
    refused = logged_in.post(
        report_page(report), admin_form_data(report, published_story=edited, risk_factors=six)
    )
    html = refused.content.decode()
    value = re.search(r'name="_redact" value="(published_story:\d+:\d+:phone)"', html).group(1)
    data = admin_form_data(report, published_story=edited, _redact=value)
    del data["_continue"]
    logged_in.post(report_page(report), data)
    report.refresh_from_db()
    assert report.published_story == "Call [phone number removed] now, then Deputy Ruiz."
