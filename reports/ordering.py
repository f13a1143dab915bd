"""Nothing at rest orders a reporter's actions within their day (docs/threat-model.md).

The site keeps only the day of what a reporter does, but PostgreSQL would say more. Every row
carries the id of the transaction that last wrote it (the system column `xmin`), a counter that
moderators' timestamped rows share, so a new report's `xmin` falls between the times of two
moderator actions. And a new row version is written after the existing ones, so the physical
order of a table, which is the order `pg_dump` writes it in, is the order of arrival.

So every write of the reporting and moderation paths runs in `serialized_write()`:

1. it takes one advisory lock first, before any row lock, so these writes run one at a time
   and the re-stamping below cannot deadlock with a moderator holding a report;
2. just before it ends it writes again every row a reporter wrote or changed today or
   yesterday (their reports, all messages of those days, the reporter's audit entries and the
   drafts of reports being written), one
   by one in a random order. Afterwards those rows all carry the `xmin` of the latest write and
   lie in a random physical order, so neither places one of them before another.

Yesterday is included so that a day's last report, written after that day's last moderator
action, is re-stamped by the next day's first write. What is left, and said in the threat
model: until that next write, the latest of a day's writes shows that some reporter acted after
the last moderator action that day (not which one); and whoever takes many snapshots a day sees
rows appear between them.

Cost: one UPDATE per re-stamped row, sent in pages of statements (a few round trips), a few
hundred rows a day at a large agency. Measured in `make bench-moderation`.
"""

import secrets
from contextlib import contextmanager
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

# Any fixed 64-bit number: the one lock every write of reports' data takes first.
WRITE_LOCK = 0x4E4D_5752_4954_45  # "NMWRITE"
# The most rows re-stamped a table and a write (a few hundred a day at a large agency).
LIMIT = 500


def take_write_lock() -> None:
    """Wait for the reports' write lock; held until the transaction ends.

    Call it before locking any report row: a write that locks a row first and then waits for
    this lock could deadlock with a write re-stamping that row.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])


@contextmanager
def serialized_write():
    """One write of reports' data: serialized, with the days' reporter rows re-stamped."""
    with transaction.atomic():
        take_write_lock()
        yield
        restamp_reporter_rows()


def reporter_days(today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    return [today - timedelta(days=1), today]


def reporter_rows(days: list[date], limit: int) -> dict[str, list]:
    """Return, per table, the ids of the rows a reporter wrote or changed on these days.

    At most limit a table: the rows this transaction wrote first (they must move like the
    rest), then a random choice of the others. Only a flood of reports fills a day past it.
    """
    from reports.models import AuditEntry, Draft, Message, Report

    # The reporter's own audit entries carry no actor (answer, withdraw), like the purge's.
    audit = AuditEntry.objects.filter(on__in=days, actor__isnull=True)
    answered = Message.objects.filter(sent_on__in=days, sender=Message.Sender.REPORTER)
    reports = Report.objects.filter(
        Q(received_on__in=days)
        | Q(pk__in=answered.values("report_id"))
        | Q(pk__in=audit.values("report_id"))
    )
    # Every message of these days: a moderator's question is as datable as its audit entry,
    # and re-stamping it too leaves no gap where the reporter's answers stand out.
    messages = Message.objects.filter(sent_on__in=days)
    return {
        queryset.model._meta.db_table: _chosen(queryset, limit)
        for queryset in (reports, messages, audit, Draft.objects.filter(started_on__in=days))
    }


def _chosen(queryset, limit: int) -> list:
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    # xmin is 32 bits of the 64-bit transaction id: equal for the rows written just now.
    mine = RawSQL(  # noqa: S611 (the table name is ours, no value is interpolated)
        f"{table}.xmin::text::bigint = pg_current_xact_id()::text::bigint %% 4294967296", []
    )
    chosen = queryset.annotate(mine=mine).order_by("-mine", "?")[:limit]
    return list(chosen.values_list("pk", flat=True))


def restamp_reporter_rows(today: date | None = None) -> int:
    """Write the days' reporter rows again, in a random order; return how many.

    Each row is deleted and inserted again with the same values. An UPDATE would not do: it
    keeps the new version in the row's own page when there is room, so the pages would still
    tell earlier rows from later ones. An insert goes wherever the table has room, in the order
    given, here a shuffle. The foreign keys that point at a report are checked at commit
    (Django makes them deferrable), when the row is back.
    """
    from reports.models import AuditEntry, Draft, Message, Report

    shuffle = secrets.SystemRandom().shuffle
    models = {model._meta.db_table: model for model in (Report, Message, AuditEntry, Draft)}
    count = 0
    with connection.cursor() as cursor:
        for table, ids in reporter_rows(reporter_days(today), LIMIT).items():
            if not ids:
                continue
            shuffle(ids)
            cursor.execute(_rewrite_statement(models[table]), [ids, ids])
            count += len(ids)
    return count


def _rewrite_statement(model) -> str:
    quote = connection.ops.quote_name
    # Every stored column but the generated ones, which PostgreSQL computes again.
    columns = ", ".join(
        quote(field.column) for field in model._meta.concrete_fields if not field.generated
    )
    table = quote(model._meta.db_table)
    key_type = model._meta.pk.db_type(connection)
    return (
        f"WITH gone AS (DELETE FROM {table} WHERE id = ANY(%s) RETURNING {columns}) "  # noqa: S608
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM gone "
        f"JOIN unnest(%s::{key_type}[]) WITH ORDINALITY AS dealt(id, place) USING (id) "
        "ORDER BY dealt.place"
    )
