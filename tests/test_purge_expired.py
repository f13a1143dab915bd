"""purge_expired with time travel: nothing goes early, everything due goes, reruns are safe."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.models import AuditEntry, Message, Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db

S = Report.Status
CLOSED = datetime.date(2026, 1, 10)


def _purge_on(day: datetime.date, monkeypatch) -> str:
    """Run purge_expired as if today were day."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    return out.getvalue()


def _closed(status, **overrides) -> Report:
    report = make_report(status=status, closed_on=CLOSED, **overrides)
    report.messages.create(sender=Message.Sender.MODERATOR, body="A question.")
    report.messages.create(sender=Message.Sender.REPORTER, body="My answer.")
    return report


def test_nothing_is_purged_before_the_retention_period_ends(monkeypatch):
    published = _closed(S.PUBLISHED)
    rejected = _closed(S.REJECTED)
    output = _purge_on(CLOSED + datetime.timedelta(days=90), monkeypatch)
    published.refresh_from_db()
    assert published.story and published.messages.count() == 2
    assert Report.objects.filter(pk=rejected.pk).exists()
    assert "purged the original text of 0 published report(s)" in output


def test_a_published_report_loses_the_original_text_and_conversation_only(monkeypatch):
    report = _closed(S.PUBLISHED)
    output = _purge_on(CLOSED + datetime.timedelta(days=91), monkeypatch)
    report.refresh_from_db()
    assert report.story == "" and report.lessons == ""
    assert report.messages.count() == 0
    assert report.published_story and report.headline  # what readers see stays
    assert report.status == S.PUBLISHED
    assert report.original_purged_on == CLOSED + datetime.timedelta(days=91)
    assert report.audit.filter(action="purge original text", actor=None).exists()
    assert "purged the original text of 1 published report(s)" in output


@pytest.mark.parametrize("status", [S.REJECTED, S.WITHDRAWN])
def test_rejected_and_withdrawn_reports_are_deleted_entirely(monkeypatch, status):
    report = _closed(status)
    report.audit.create(action="reject", from_status=S.IN_REVIEW, to_status=status)
    output = _purge_on(CLOSED + datetime.timedelta(days=91), monkeypatch)
    assert not Report.objects.filter(pk=report.pk).exists()
    assert not Message.objects.filter(report_id=report.pk).exists()
    assert not AuditEntry.objects.filter(report_id=report.pk).exists()
    assert f"deleted {1 if status == S.REJECTED else 0} rejected" in output


@pytest.mark.parametrize("status", [S.NEW, S.IN_REVIEW, S.WAITING, S.APPROVED])
def test_open_reports_are_never_purged_however_old(monkeypatch, status):
    report = make_report(status=status, received_on=datetime.date(2020, 1, 1))
    _purge_on(datetime.date(2026, 11, 1), monkeypatch)
    report.refresh_from_db()
    assert report.story


def test_a_shorter_retention_setting_is_obeyed(monkeypatch, settings):
    settings.RETENTION_DAYS = 30
    report = _closed(S.PUBLISHED)
    output = _purge_on(CLOSED + datetime.timedelta(days=31), monkeypatch)
    report.refresh_from_db()
    assert report.story == ""
    assert output.startswith("Retention 30 days")


def test_a_second_run_purges_nothing_more(monkeypatch):
    _closed(S.PUBLISHED)
    _closed(S.WITHDRAWN)
    _purge_on(CLOSED + datetime.timedelta(days=100), monkeypatch)
    output = _purge_on(CLOSED + datetime.timedelta(days=101), monkeypatch)
    assert "of 0 published report(s); deleted 0 rejected and 0 withdrawn" in output
    assert AuditEntry.objects.filter(action="purge original text").count() == 1
