"""Invalidate cached public pages whenever something readers see changes, and only then.

Only then, because a reader can time the cache: pages that turn slow for a moment after a
reporter answers or withdraws would say when they did (docs/threat-model.md). So a save
empties the cache only when the report is published or was until this save; nothing a reporter
does to a report that was never published touches it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from reports.caching import invalidate_after_commit
from reports.models import Report, Topic


@receiver(pre_save, sender=Report)
def _report_saving(sender, instance: Report, **kwargs) -> None:
    instance._was_public_before_save = instance.was_public


@receiver(post_save, sender=Report)
def _report_saved(sender, instance: Report, **kwargs) -> None:
    if instance.status == Report.Status.PUBLISHED or instance._was_public_before_save:
        invalidate_after_commit()


@receiver(post_delete, sender=Report)
def _report_deleted(sender, instance: Report, **kwargs) -> None:
    if instance.was_public:
        invalidate_after_commit()


@receiver(post_save, sender=Topic)
def _topic_changed(sender, **kwargs) -> None:
    invalidate_after_commit()


@receiver(pre_delete, sender=Topic)
def _topic_deleting(sender, instance: Topic, **kwargs) -> None:
    instance._approved_report_ids = list(
        instance.reports.filter(approvals__isnull=False).distinct().values_list("pk", flat=True)
    )


@receiver(post_delete, sender=Topic)
def _topic_deleted(sender, instance: Topic, **kwargs) -> None:
    invalidate_after_commit()
    # The topic was part of what its reports' approvals vouched for (Report.fingerprint):
    # withdraw them, audited, as an edit of the topics would.
    for report in Report.objects.filter(pk__in=getattr(instance, "_approved_report_ids", [])):
        report.withdraw_stale_approvals(by=None, changed=["topics"])


@receiver(m2m_changed, sender=Report.topics.through)
def _topics_changed(sender, instance, **kwargs) -> None:
    # A report's topics show on its page and the topic pages only once it is published.
    if (
        not isinstance(instance, Report)
        or instance.was_public
        or (instance.status == Report.Status.PUBLISHED)
    ):
        invalidate_after_commit()
