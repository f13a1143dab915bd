"""/status/ picks a small view by the button pressed: look-up, answer, withdraw.

The behaviour of each is in tests/test_status.py and tests/test_conversation.py; this file
holds the dispatch itself: one URL, every button counted against the limit, a wrong button
refused, a pass checked before anything changes.
"""

import re

import pytest
from django.core import signing

from reports.models import Message, Report
from reports.views.status import answer, look_up, withdraw
from tests.factories import make_report

pytestmark = pytest.mark.django_db

CODE = "3333-4444-5555-6666-7777"
S = Report.Status


def _waiting_report() -> Report:
    report = make_report(code=CODE, status=S.WAITING)
    report.messages.create(sender=Message.Sender.MODERATOR, body="Was it daylight?")
    return report


def _access(response) -> str:
    match = re.search(r'name="access" value="([^"]+)"', response.content.decode())
    assert match, "the page carries a signed pass for the next step"
    return match.group(1)


def test_every_form_on_the_status_page_posts_to_status_with_its_own_button(client):
    _waiting_report()
    html = client.post("/status/", {"code": CODE}).content.decode()
    assert html.count('action="/status/"') == 2  # answer and withdraw; the look-up is done
    assert 'name="action" value="answer"' in html
    assert 'name="action" value="withdraw"' in html
    assert 'name="action" value="look_up"' in client.get("/status/").content.decode()


def test_a_post_without_a_button_is_a_look_up(client):
    _waiting_report()
    response = client.post("/status/", {"code": CODE})
    assert '<span class="status-label">Waiting for you</span>' in response.content.decode()


def test_an_unknown_button_is_refused_and_changes_nothing(client):
    report = _waiting_report()
    access = _access(client.post("/status/", {"code": CODE}))
    response = client.post("/status/", {"action": "publish", "access": access, "confirm": "on"})
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    report.refresh_from_db()
    assert report.status == S.WAITING


def test_the_pass_on_each_page_leads_to_the_next_step(client):
    report = _waiting_report()
    answered = client.post(
        "/status/",
        {
            "action": "answer",
            "access": _access(client.post("/status/", {"code": CODE})),
            "answer": "Dusk.",
        },
    )
    withdrawn = client.post(
        "/status/", {"action": "withdraw", "access": _access(answered), "confirm": "on"}
    )
    assert "Your report was withdrawn" in withdrawn.content.decode()
    report.refresh_from_db()
    assert report.status == S.WITHDRAWN


@pytest.mark.parametrize("access", ["", "not-a-pass", signing.dumps("1", salt="elsewhere")])
def test_a_withdrawal_without_a_good_pass_withdraws_nothing(client, access):
    report = _waiting_report()
    response = client.post("/status/", {"action": "withdraw", "access": access, "confirm": "on"})
    assert "open for too long" in response.content.decode()
    report.refresh_from_db()
    assert report.status == S.WAITING


def test_every_button_counts_against_the_look_up_limit_and_a_refused_answer_is_kept(
    client, settings
):
    settings.RATELIMIT_STATUS = "2/h"
    report = _waiting_report()
    access = _access(client.post("/status/", {"code": CODE}))
    client.post("/status/", {"action": "withdraw", "access": access})  # not ticked: shown again
    refused = client.post(
        "/status/", {"action": "answer", "access": access, "answer": "An answer kept for later."}
    )
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many look-ups" in html
    assert "An answer kept for later.</textarea>" in html
    assert report.messages.count() == 1


@pytest.mark.parametrize("view", [look_up, answer, withdraw])
def test_each_small_view_takes_only_a_post(rf, view):
    assert view(rf.get("/status/")).status_code == 405


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_status_url_refuses_other_methods(client, method):
    assert getattr(client, method)("/status/").status_code == 405
