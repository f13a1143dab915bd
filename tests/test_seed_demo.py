import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from reports import taxonomy
from reports.models import Report

pytestmark = pytest.mark.django_db


def _seed(settings) -> str:
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_it_loads_at_least_24_stories_covering_every_event_type_and_status(settings):
    _seed(settings)
    assert Report.objects.count() >= 24
    assert set(Report.objects.values_list("event_type", flat=True)) >= set(
        taxonomy.EventType.values
    )
    assert set(Report.objects.values_list("status", flat=True)) == set(Report.Status.values)


def test_published_demo_stories_are_complete_and_redacted(settings):
    _seed(settings)
    published = Report.objects.published()
    assert published.count() >= 14
    for report in published:
        assert report.headline and report.key_lesson and report.published_lessons
        assert report.risk_factors and report.primary_risk_factor in report.risk_factors
        assert "[[" not in report.published_story and "[[" not in report.story
    redacted = published.get(headline__startswith="The prisoner was searched once")
    assert "[the jail]" in redacted.published_story
    assert "County Central Booking" in redacted.story
    assert "County Central Booking" not in redacted.published_story


def test_a_second_run_adds_nothing(settings):
    _seed(settings)
    count = Report.objects.count()
    output = _seed(settings)
    assert Report.objects.count() == count
    assert "already present" in output


def test_it_prints_the_demo_moderator_login_and_the_login_works(settings):
    output = _seed(settings)
    assert "user 'moderator', password 'near-miss-demo', TOTP otpauth://totp/" in output
    user = authenticate(username="moderator", password="near-miss-demo")
    assert user is not None and user.is_staff and not user.is_superuser
    assert user.has_perm("reports.change_report")


def test_it_refuses_to_run_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("seed_demo")
    assert Report.objects.count() == 0


def test_demo_receipt_codes_work_on_the_status_page(settings, client):
    output = _seed(settings)
    line = next(line for line in output.splitlines() if "(waiting)" in line)
    code = line.rsplit(" ", 1)[1]
    response = client.post("/status/", {"code": code})
    assert b"Waiting for you" in response.content
