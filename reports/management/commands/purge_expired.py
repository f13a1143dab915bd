"""Apply the retention rule (PRODUCT.md, privacy model 6). Safe to run from cron, any time."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from reports.models import Report


class Command(BaseCommand):
    help = (
        "Delete the reporter's original text and conversation of reports closed more than "
        "RETENTION_DAYS ago; delete rejected and withdrawn reports entirely."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        cutoff = today - datetime.timedelta(days=settings.RETENTION_DAYS)
        expired = Report.objects.filter(closed_on__lt=cutoff)

        published = expired.filter(status=Report.Status.PUBLISHED, original_purged_on=None)
        purged = 0
        for report in published.iterator():
            report.purge_original(today=today)
            purged += 1

        deleted = {}
        for status in (Report.Status.REJECTED, Report.Status.WITHDRAWN):
            with transaction.atomic():
                # Deleting the report deletes its conversation, approvals and audit with it.
                doomed = expired.filter(status=status)
                deleted[status] = doomed.count()
                doomed.delete()

        self.stdout.write(
            f"Retention {settings.RETENTION_DAYS} days (closed before {cutoff.isoformat()}): "
            f"purged the original text of {purged} published report(s); deleted "
            f"{deleted[Report.Status.REJECTED]} rejected and "
            f"{deleted[Report.Status.WITHDRAWN]} withdrawn report(s)."
        )
