"""The check before sending is rate-limited per connection, apart from sending."""

import importlib
import re

import pytest

from reports.models import Report
from tests.factories import payload

pytestmark = pytest.mark.django_db

STORY = "The passenger walked back towards me with one hand behind his back.\nI stepped back."
LESSONS = "Call the passenger back before he reaches you."


def _review_until_limited(client, settings, **overrides):
    """Use up a limit of two checks, then return the response to a third."""
    settings.RATELIMIT_REVIEW = "2/h"
    for _ in range(2):
        assert client.post("/submit/", payload(**overrides), follow=True).status_code == 200
    return client.post("/submit/", payload(**overrides), follow=True)


def test_a_check_under_the_limit_shows_the_review_page(client, settings):
    settings.RATELIMIT_REVIEW = "2/h"
    response = client.post("/submit/", payload(), follow=True)
    assert response.status_code == 200
    assert "Check your report before sending" in response.content.decode()


def test_a_check_over_the_limit_gets_429_with_every_answer_still_in_the_form(client, settings):
    response = _review_until_limited(client, settings, story=STORY, lessons=LESSONS)
    html = response.content.decode()
    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]
    assert "You have checked your report many times in the last hour" in html
    assert "Nothing is lost: your text is below. You can still send it" in html
    assert "Check your report before sending" not in html
    assert f"\n{STORY}</textarea>" in html
    assert f"\n{LESSONS}</textarea>" in html
    for name, value in payload().items():
        if name in {"story", "lessons", "action"}:
            continue
        for choice in value if isinstance(value, list) else [value]:
            if name == "risk_factors":
                assert re.search(rf'name="{name}" value="{choice}"[^>]*checked', html), choice
            else:
                select = re.search(rf'<select name="{name}".*?</select>', html, re.DOTALL)
                assert f'<option value="{choice}" selected>' in select.group(), name
    assert Report.objects.count() == 0


def test_the_limited_form_offers_to_send_the_report_as_it_is(client, settings):
    html = _review_until_limited(client, settings).content.decode()
    assert (
        '<button type="submit" name="action" value="send" class="button">Send report</button>'
        in html
    )


def test_the_ordinary_form_offers_no_send_button(client):
    html = client.get("/submit/").content.decode()
    assert 'value="send"' not in html


def test_sending_still_works_when_checking_is_limited(client, settings):
    assert _review_until_limited(client, settings).status_code == 429
    response = client.post("/submit/", payload(story=STORY, action="send"), follow=True)
    assert response.status_code == 200
    assert 'id="receipt-code"' in response.content.decode()
    assert Report.objects.get().story == STORY


def test_checking_does_not_use_up_the_sending_limit(client, settings):
    settings.RATELIMIT_SUBMIT = "1/h"
    assert _review_until_limited(client, settings).status_code == 429
    assert client.post("/submit/", payload(action="send"), follow=True).status_code == 200
    # The one send the limit allows was this one, not any of the checks.
    another = payload(action="send", story="Another report.")
    assert client.post("/submit/", another, follow=True).status_code == 429
    assert Report.objects.count() == 1


def test_sending_does_not_use_up_the_checking_limit(client, settings):
    settings.RATELIMIT_REVIEW = "1/h"
    for _ in range(2):
        assert client.post("/submit/", payload(action="send"), follow=True).status_code == 200
    assert client.post("/submit/", payload(), follow=True).status_code == 200


def test_going_back_to_edit_is_not_counted_as_a_check(client, settings):
    settings.RATELIMIT_REVIEW = "1/h"
    for _ in range(2):
        assert client.post("/submit/", payload(action="edit"), follow=True).status_code == 200
    assert client.post("/submit/", payload(), follow=True).status_code == 200


def test_a_form_with_mistakes_is_not_counted_as_a_check(client, settings):
    settings.RATELIMIT_REVIEW = "1/h"
    for _ in range(2):
        response = client.post("/submit/", payload(story=""), follow=True)
        assert response.status_code == 200
        assert "Please tell us what happened" in response.content.decode()
    assert client.post("/submit/", payload(), follow=True).status_code == 200


def test_the_checking_limit_is_per_connection(client, settings):
    settings.RATELIMIT_REVIEW = "1/h"
    client.post("/submit/", payload(), REMOTE_ADDR="192.0.2.10", follow=True)
    assert (
        client.post("/submit/", payload(), REMOTE_ADDR="192.0.2.10", follow=True).status_code == 429
    )
    assert (
        client.post("/submit/", payload(), REMOTE_ADDR="192.0.2.11", follow=True).status_code == 200
    )


def test_a_check_over_the_limit_does_not_run_the_detector(client, settings, monkeypatch):
    settings.RATELIMIT_REVIEW = "1/h"
    client.post("/submit/", payload(), follow=True)

    def refuse(text):
        raise AssertionError("the detector ran for a refused check")

    # reports.views re-exports the view under the module's name, so fetch the module itself.
    view_module = importlib.import_module("reports.views.submit")
    monkeypatch.setattr(view_module, "find_identifiers", refuse)
    assert client.post("/submit/", payload(), follow=True).status_code == 429
