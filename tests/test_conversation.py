"""The anonymous conversation on /status/: questions, answers, withdrawal, rejection reasons."""

import re

import pytest
from django.core import signing

from reports.models import Message, Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db

CODE = "2222-3333-4444-5555-6666"
S = Report.Status


def _look_up(client):
    return client.post("/status/", {"code": CODE})


def _access(response) -> str:
    match = re.search(r'name="access" value="([^"]+)"', response.content.decode())
    assert match, "the page carries a signed pass for the next step"
    return match.group(1)


def _waiting_report(question="Was it daylight?") -> Report:
    report = make_report(code=CODE, status=S.WAITING)
    report.messages.create(sender=Message.Sender.MODERATOR, body=question)
    return report


def test_the_reporter_sees_the_moderators_question_and_an_answer_form(client):
    _waiting_report("Was your radio on your belt or in your hand?")
    html = _look_up(client).content.decode()
    assert "A moderator asked" in html
    assert "Was your radio on your belt or in your hand?" in html
    assert 'name="answer"' in html
    assert CODE not in html and CODE.replace("-", "") not in html


def test_an_answer_is_stored_and_the_report_returns_to_review(client):
    report = _waiting_report()
    access = _access(_look_up(client))
    response = client.post(
        "/status/",
        {"action": "answer", "access": access, "answer": "It was dark, <b>no</b> street lights."},
    )
    html = response.content.decode()
    assert "your answer was sent" in html
    report.refresh_from_db()
    assert report.status == S.IN_REVIEW
    answer = report.messages.get(sender=Message.Sender.REPORTER)
    assert answer.body == "It was dark, no street lights."
    assert "You answered" in html and "It was dark, no street lights." in html
    assert "no-store" in response["Cache-Control"]


def test_an_answer_keeps_the_day_but_no_time(client):
    report = _waiting_report()
    client.post(
        "/status/", {"action": "answer", "access": _access(_look_up(client)), "answer": "Daylight."}
    )
    entry = report.audit.get(action="answer")
    assert entry.at is None and entry.actor is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("", "Please write your answer before sending it."),
        ("x" * 5_001, "Your answer is 5001 characters long; the limit is 5000"),
        ("bad \x00 byte", "hidden control character"),
    ],
)
def test_a_bad_answer_is_refused_with_the_text_kept(client, answer, message):
    report = _waiting_report()
    response = client.post(
        "/status/", {"action": "answer", "access": _access(_look_up(client)), "answer": answer}
    )
    html = response.content.decode()
    assert message in html
    assert report.messages.filter(sender=Message.Sender.REPORTER).count() == 0
    if answer.startswith("x"):
        assert answer in html


def test_an_expired_page_sends_nothing_and_keeps_the_answer(client, monkeypatch):
    report = _waiting_report()
    access = _access(_look_up(client))
    later = signing.time.time() + 2 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(
        "/status/", {"action": "answer", "access": access, "answer": "My careful answer."}
    )
    html = response.content.decode()
    assert "open for too long" in html
    assert "My careful answer." in html
    assert report.messages.count() == 1


def test_a_forged_pass_gets_the_same_answer_as_an_expired_one(client):
    report = _waiting_report()
    forged = signing.dumps(str(report.pk), salt="another salt")
    response = client.post("/status/", {"action": "answer", "access": forged, "answer": "x"})
    assert "open for too long" in response.content.decode()
    assert report.messages.count() == 1


def test_an_answer_after_the_report_left_waiting_is_refused_with_the_text_kept(client):
    report = _waiting_report()
    access = _access(_look_up(client))
    Report.objects.filter(pk=report.pk).update(status=S.IN_REVIEW)  # a moderator moved on
    response = client.post(
        "/status/", {"action": "answer", "access": access, "answer": "Too late, but kept."}
    )
    html = response.content.decode()
    assert "no longer waiting for an answer" in html
    assert "Too late, but kept." in html


@pytest.mark.parametrize("status", [S.NEW, S.IN_REVIEW, S.WAITING, S.APPROVED])
def test_the_reporter_can_withdraw_before_publication(client, status):
    report = make_report(code=CODE, status=status)
    access = _access(_look_up(client))
    refused = client.post("/status/", {"action": "withdraw", "access": access})
    assert "Tick the box to confirm" in refused.content.decode()
    response = client.post("/status/", {"action": "withdraw", "access": access, "confirm": "on"})
    assert "Your report was withdrawn" in response.content.decode()
    report.refresh_from_db()
    assert report.status == S.WITHDRAWN


@pytest.mark.parametrize("status", [S.PUBLISHED, S.REJECTED, S.WITHDRAWN])
def test_a_closed_report_offers_no_withdrawal_and_refuses_one(client, status):
    report = make_report(code=CODE, status=status)
    html = _look_up(client).content.decode()
    assert "Withdraw report" not in html
    access = signing.dumps(str(report.pk), salt="nearmiss.status")
    response = client.post("/status/", {"action": "withdraw", "access": access, "confirm": "on"})
    assert "can no longer be withdrawn" in response.content.decode()
    report.refresh_from_db()
    assert report.status == status


def test_a_rejected_report_shows_the_reason(client):
    make_report(code=CODE, status=S.REJECTED, rejection_reason="This is a staffing complaint.")
    html = _look_up(client).content.decode()
    assert "The moderators' reason" in html
    assert "This is a staffing complaint." in html


def test_only_a_waiting_report_offers_an_answer_form(client):
    make_report(code=CODE, status=S.IN_REVIEW)
    assert 'name="answer"' not in _look_up(client).content.decode()
