import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from reports import receipts, taxonomy
from reports.models import Report
from tests.factories import payload

pytestmark = pytest.mark.django_db


def _receipt_code(response) -> str:
    match = re.search(r'<code id="receipt-code">([0-9-]+)</code>', response.content.decode())
    assert match, "the receipt page shows the code in <code id=receipt-code>"
    return match.group(1)


def test_the_form_offers_every_field_of_the_taxonomy_with_prefer_not_to_say(client):
    response = client.get("/submit/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["story", "lessons", *taxonomy.EVENT_FIELDS, *taxonomy.REPORTER_FIELDS]:
        assert f'name="{name}"' in html, name
    # Thirteen single-choice questions, each with "prefer not to say" as its first option.
    assert html.count('<option value="" selected>Prefer not to say</option>') == 13
    assert "Never include:" in html


def test_sending_first_shows_a_review_page_and_stores_nothing(client):
    response = client.post("/submit/", payload(), follow=True)
    assert response.status_code == 200
    assert b"Check your report before sending" in response.content
    assert Report.objects.count() == 0
    assert "no-store" in response["Cache-Control"]


def test_the_review_page_shows_the_text_as_it_will_be_stored(client):
    response = client.post(
        "/submit/", payload(story="I was <b>nearly</b> hit &amp; run over."), follow=True
    )
    html = response.content.decode()
    assert "I was nearly hit &amp; run over." in html
    assert "<b>nearly</b>" not in html


def test_the_review_page_warns_of_each_identifier_naming_kind_and_excerpt(client):
    story = "Sgt. Miller called me on 555-201-7788 about the stop on 1234 Elm Street."
    response = client.post("/submit/", payload(story=story), follow=True)
    html = response.content.decode()
    assert "3 things that could identify you" in html
    assert "A person&#x27;s name:</strong> <q>Sgt. Miller</q>" in html
    assert "A phone number:</strong> <q>555-201-7788</q>" in html
    assert "A street address or road location:</strong> <q>1234 Elm Street.</q>" in html
    assert '<mark title="A phone number">555-201-7788</mark>' in html


def test_the_review_page_says_when_nothing_identifying_was_found(client):
    response = client.post("/submit/", payload(), follow=True)
    assert b"We found nothing that looks identifying" in response.content


def test_going_back_to_edit_keeps_every_answer(client):
    data = payload(action="edit", story="My own words, kept.")
    response = client.post("/submit/", data, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "My own words, kept.</textarea>" in html
    assert '<option value="traffic_stop" selected>' in html
    assert re.search(r'value="complacency"[^>]*checked', html)
    assert '<option value="2024" selected>' in html
    assert Report.objects.count() == 0


def test_sending_stores_a_new_report_with_the_day_only_and_a_random_public_id(client):
    response = client.post("/submit/", payload(action="send"), follow=True)
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.status == Report.Status.NEW
    assert report.received_on == timezone.localdate()
    assert isinstance(report.received_on, datetime.date)
    assert not isinstance(report.received_on, datetime.datetime)
    assert re.fullmatch(r"[bcdfghjkmnpqrstvwxz2-9]{10}", report.public_id)
    assert report.event_type == "traffic_stop"
    assert report.risk_factors == ["complacency", "tactics"]
    assert report.event_year == 2024
    assert report.years_of_service == "6-10"


def test_public_ids_are_not_sequential(client):
    for n in range(3):
        client.post("/submit/", payload(action="send", story=f"Story {n}."), follow=True)
    ids = list(Report.objects.values_list("public_id", flat=True))
    assert len(set(ids)) == 3
    assert ids != sorted(ids) or ids != sorted(ids, reverse=True) or len(set(i[0] for i in ids)) > 1


def test_the_receipt_is_shown_once_and_only_its_keyed_hash_is_stored(client):
    response = client.post("/submit/", payload(action="send"), follow=True)
    code = _receipt_code(response)
    assert re.fullmatch(r"\d{4}(-\d{4}){4}", code)
    assert "no-store" in response["Cache-Control"]
    assert b"We cannot show it to you again" in response.content
    report = Report.objects.get()
    digits = code.replace("-", "")
    assert report.receipt_hash == receipts.receipt_hash(digits)
    assert digits not in report.receipt_hash
    # The code is nowhere else: not on the status page, not in any column.
    status_page = client.post("/status/", {"code": code}).content.decode()
    assert code not in status_page and digits not in status_page
    for value in Report.objects.values_list(flat=True):
        assert digits not in str(value)


def test_a_receipt_hash_depends_on_the_secret_key(settings):
    digits = "1" * 20
    first = receipts.receipt_hash(digits)
    settings.SECRET_KEY = "another secret key that is long enough for the test"
    assert receipts.receipt_hash(digits) != first


def test_two_reports_get_different_codes(client):
    first = _receipt_code(client.post("/submit/", payload(action="send"), follow=True))
    other = payload(action="send", story="Another story, another report.")
    second = _receipt_code(client.post("/submit/", other, follow=True))
    assert first != second
    # The same story from another browser is another report too.
    third = _receipt_code(Client().post("/submit/", payload(action="send"), follow=True))
    assert third not in (first, second)
    assert Report.objects.count() == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("story", "", "Please tell us what happened"),
        ("story", "   \n  ", "Please tell us what happened"),
        ("story", "<p></p><br>", "Please tell us what happened"),
        ("lessons", "", "Please share the lesson"),
        ("story", "x" * 20_001, "Your story is 20001 characters long; the limit is 20000"),
        ("lessons", "x" * 5_001, "Your lessons learned is 5001 characters long; the limit is 5000"),
        ("story", "a NUL \x00 byte", "hidden control character"),
        ("lessons", "a bell \x07 here", "hidden control character"),
        ("story", "escape \x1b[31m", "hidden control character"),
        ("story", "C1 control \x85 here", "hidden control character"),
        ("event_type", "riot", "Select a valid choice"),
        ("loss_potential", "everything", "Select a valid choice"),
        ("prevented_by", "magic", "Select a valid choice"),
        ("weapon", "bazooka", "Select a valid choice"),
        ("officers_on_scene", "4", "Select a valid choice"),
        ("setting", "space", "Select a valid choice"),
        ("lighting", "neon", "Select a valid choice"),
        ("time_of_day", "14:35", "Select a valid choice"),
        ("event_year", "1990", "Select a valid choice"),
        ("event_year", str(timezone.now().year + 1), "Select a valid choice"),
        ("assignment", "mayor", "Select a valid choice"),
        ("years_of_service", "7", "Select a valid choice"),
        ("agency_type", "private", "Select a valid choice"),
        ("could_recur", "maybe", "Select a valid choice"),
        ("risk_factors", ["complacency", "bad luck"], "Select a valid choice"),
    ],
)
def test_each_field_refuses_bad_input_with_a_clear_message_and_keeps_the_text(
    client, field, value, message
):
    data = payload(**{field: value}, action="send")
    response = client.post("/submit/", data, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Nothing you typed has been lost" in html
    assert Report.objects.count() == 0
    if field != "story":
        assert data["story"] in html


def test_more_than_five_risk_factors_is_refused(client):
    six = ["complacency", "fatigue", "speed", "tactics", "no_backup", "training_gap"]
    response = client.post("/submit/", payload(risk_factors=six, action="send"), follow=True)
    assert b"Please choose at most five risk factors; you chose 6" in response.content
    assert Report.objects.count() == 0


def test_five_risk_factors_are_accepted(client):
    five = ["complacency", "fatigue", "speed", "tactics", "no_backup"]
    client.post("/submit/", payload(risk_factors=five, action="send"), follow=True)
    assert Report.objects.get().risk_factors == five


def test_a_story_of_exactly_the_limit_is_accepted_counting_line_breaks_once(client):
    story = ("x" * 99 + "\r\n") * 200  # 20,000 characters as the reporter sees them
    client.post("/submit/", payload(story=story, action="send"), follow=True)
    assert len(Report.objects.get().story) == 20_000 - 1  # the final line break is trimmed


def test_every_optional_field_may_be_left_as_prefer_not_to_say(client):
    data = {"story": "It happened.", "lessons": "Learn from it.", "action": "send"}
    response = client.post("/submit/", data, follow=True)
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.event_type == "" and report.risk_factors == [] and report.event_year is None


def test_tags_are_stripped_before_storage(client):
    story = '<script>alert("x")</script>I <em>froze</em>. &lt;b&gt;Then&lt;/b&gt; I moved.'
    client.post("/submit/", payload(story=story, action="send"), follow=True)
    stored = Report.objects.get().story
    assert "<" not in stored and ">" not in stored
    assert stored == 'alert("x")I froze. Then I moved.'


def test_a_posted_status_or_public_id_is_ignored(client):
    client.post(
        "/submit/", payload(action="send", status="published", public_id="chosen"), follow=True
    )
    report = Report.objects.get()
    assert report.status == Report.Status.NEW
    assert report.public_id != "chosen"


def test_the_sixth_report_in_an_hour_gets_429_with_the_text_still_in_the_form(client, settings):
    # The defaults and a station's ten officers: tests/test_station_limits.py.
    settings.RATELIMIT_SUBMIT, settings.RATELIMIT_SUBMIT_BURST = "5/h", "100/m"
    for n in range(5):
        sent = client.post("/submit/", payload(action="send", story=f"Story {n}."), follow=True)
        assert sent.status_code == 200
    story = "The sixth story, which must not be lost."
    response = client.post("/submit/", payload(story=story, action="send"), follow=True)
    html = response.content.decode()
    assert response.status_code == 429
    assert f"\n{story}</textarea>" in html
    assert "Too many reports" in html
    assert Report.objects.count() == 5


def test_reviewing_does_not_count_against_the_report_limit(client):
    for _ in range(8):
        assert client.post("/submit/", payload(), follow=True).status_code == 200
    assert client.post("/submit/", payload(action="send"), follow=True).status_code == 200


def test_the_limit_is_per_connection(client):
    for n in range(5):
        client.post(
            "/submit/",
            payload(action="send", story=f"Story {n}."),
            REMOTE_ADDR="192.0.2.10",
            follow=True,
        )
    other = client.post("/submit/", payload(action="send"), REMOTE_ADDR="192.0.2.11", follow=True)
    assert other.status_code == 200


def test_a_site_wide_ceiling_limits_reports_per_minute_from_everyone(client, settings):
    settings.RATELIMIT_SUBMIT_SITE = "3/m"
    for n in range(3):
        client.post(
            "/submit/",
            payload(action="send", story=f"Story {n}."),
            REMOTE_ADDR=f"192.0.2.{n + 20}",
            follow=True,
        )
    response = client.post(
        "/submit/", payload(action="send"), REMOTE_ADDR="192.0.2.99", follow=True
    )
    assert response.status_code == 429
    assert Report.objects.count() == 3


def test_a_database_outage_on_sending_keeps_the_report_and_says_so(client, monkeypatch):
    from django.db.utils import OperationalError

    def fail_like_django(**fields):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Report, "submit", fail_like_django)
    story = "A story that must survive the outage."
    response = client.post("/submit/", payload(story=story, action="send"), follow=True)
    html = response.content.decode()
    assert response.status_code == 503
    assert "We could not save your report just now" in html
    assert story in html
    assert f'value="{story}"' in html  # still in the form, ready to send again


def test_an_expired_form_keeps_the_text(client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    story = "Typed before the token expired."
    response = csrf_client.post("/submit/", payload(story=story), follow=True)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form had expired" in html
    assert f"\n{story}</textarea>" in html


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(client, method):
    assert getattr(client, method)("/submit/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_the_form_says_when_the_service_is_unavailable(client, database_refuses):
    response = client.get("/submit/")
    assert response.status_code == 200
    assert "The service is unavailable right now" in response.content.decode()
    assert 'name="story"' in response.content.decode()


def test_the_form_says_nothing_of_the_kind_when_all_is_well(client):
    assert b"unavailable" not in client.get("/submit/").content
