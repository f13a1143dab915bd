import io

import pytest
from django.core.management import CommandError, call_command

from reports.models import Report

pytestmark = pytest.mark.django_db


def test_it_creates_published_searchable_reports_with_a_category_spread(settings):
    settings.DEBUG = True
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_reports", "--count", "150", stdout=out, stderr=err)
    reports = Report.objects.published()
    assert reports.count() == 150
    assert "Created 150 published synthetic reports" in out.getvalue()
    assert "150/150" in err.getvalue()  # the progress bar
    assert len(set(reports.values_list("event_type", flat=True))) > 10
    assert len(set(reports.values_list("public_id", flat=True))) == 150
    report = reports.first()
    assert 300 < len(report.published_story) < 6000 and report.headline and report.key_lesson
    assert reports.search("backup")


def test_it_refuses_to_fill_a_production_database(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("generate_reports", "--count", "5")
    assert Report.objects.count() == 0
