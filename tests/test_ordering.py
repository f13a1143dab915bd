"""Every write re-stamps the days' reporter rows (reports.ordering): one xmin, a random order.

Each write here is its own transaction (transaction=True), as on the site, so transaction ids
and physical order are what PostgreSQL really keeps. The served test
(tests/adversarial/test_order_at_rest.py) checks the same through gunicorn and pg_dump.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from reports.models import AuditEntry, Message, Report
from reports.ordering import restamp_reporter_rows
from tests.factories import at_once, make_moderator

pytestmark = pytest.mark.django_db(transaction=True)

STORY = {"story": "The driver reached under the seat.", "lessons": "Watch the hands."}


def _rows(table: str, where: str = "TRUE") -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, xmin::text::bigint FROM {table} WHERE {where} ORDER BY ctid"  # noqa: S608
        )
        return cursor.fetchall()


def _file(count: int) -> list:
    return [Report.submit(**STORY, event_year=2010 + n)[0].pk for n in range(count)]


def test_after_each_report_the_days_reports_share_one_xmin_in_a_random_order():
    filed = _file(8)
    rows = _rows("reports_report")
    assert {pk for pk, _ in rows} == set(filed)
    assert len({xmin for _, xmin in rows}) == 1
    physical = [pk for pk, _ in rows]
    assert physical not in (filed, filed[::-1])
    # The next write deals them again.
    Report.submit(**STORY)
    again = [pk for pk, _ in _rows("reports_report") if pk in set(filed)]
    assert again != physical


def test_a_moderators_move_re_stamps_the_reporters_answer_and_its_entry():
    moderator = make_moderator("moderator")
    report = Report.objects.get(pk=_file(1)[0])
    report.start_review(by=moderator)
    report.ask_reporter(by=moderator, question="When?")
    report.answer("Near the end of the shift.")
    later = Report.objects.get(pk=_file(1)[0])
    later.start_review(by=moderator)  # a timestamped move after the reporter's answer
    moved = AuditEntry.objects.get(report=later, action__startswith="start")
    (_, moved_xmin), *_ = _rows("reports_auditentry", f"id = '{moved.pk}'")
    reporter_xmins = {
        xmin
        for table, where in [
            ("reports_report", "TRUE"),
            ("reports_message", "sender = 'reporter'"),
            ("reports_auditentry", "actor_id IS NULL"),
        ]
        for _, xmin in _rows(table, where)
    }
    assert reporter_xmins == {moved_xmin}


def test_yesterdays_rows_are_re_stamped_and_older_days_left_alone():
    today = timezone.localdate()
    yesterday, older = today - datetime.timedelta(days=1), today - datetime.timedelta(days=2)
    old_pk, yesterday_pk = _file(2)
    Report.objects.filter(pk=old_pk).update(received_on=older)
    Report.objects.filter(pk=yesterday_pk).update(received_on=yesterday)
    before = dict(_rows("reports_report"))
    Report.submit(**STORY)
    after = dict(_rows("reports_report"))
    assert after[old_pk] == before[old_pk]
    assert after[yesterday_pk] != before[yesterday_pk]


def test_the_rewrite_changes_no_value():
    moderator = make_moderator("moderator")
    report = Report.objects.get(pk=_file(1)[0])
    report.start_review(by=moderator)
    report.ask_reporter(by=moderator, question="When?")
    report.answer("Near the end of the shift.")
    snapshot = {
        model: sorted(model.objects.values_list(), key=str)
        for model in (Report, Message, AuditEntry)
    }
    assert restamp_reporter_rows() == 1 + 2 + 1  # the report, two messages, one entry
    for model, values in snapshot.items():
        assert sorted(model.objects.values_list(), key=str) == values


def test_reports_filed_while_moderators_move_never_deadlock():
    moderator = make_moderator("moderator")
    reports = [Report.objects.get(pk=pk) for pk in _file(4)]
    calls = []
    for report in reports:
        calls.append(lambda r=report: r.start_review(by=moderator))
        calls.append(lambda: Report.submit(**STORY))
    outcomes = at_once(*calls)
    # A deadlock would end a thread with an error and leave its result None.
    assert all(outcome is not None and not isinstance(outcome, Exception) for outcome in outcomes)
    assert Report.objects.count() == 8
    assert len({xmin for _, xmin in _rows("reports_report")}) == 1


def test_past_the_limit_the_rows_just_written_are_always_among_those_re_stamped(monkeypatch):
    import reports.ordering

    monkeypatch.setattr(reports.ordering, "LIMIT", 3)
    for _ in range(6):
        (pk,) = _file(1)
        rows = dict(_rows("reports_report"))
        assert sum(1 for xmin in rows.values() if xmin == rows[pk]) == min(len(rows), 3)
