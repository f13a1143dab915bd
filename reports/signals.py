"""Invalidate cached public pages whenever something readers see changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from reports.caching import invalidate_after_commit
from reports.models import Report, Topic


@receiver(post_save, sender=Report)
def _report_saved(sender, instance: Report, created: bool, update_fields=None, **kwargs) -> None:
    # A report sent by a reporter is never public; a status change may publish or unpublish.
    status_changed = bool(update_fields) and "status" in update_fields
    if instance.status == Report.Status.PUBLISHED or status_changed:
        invalidate_after_commit()


@receiver(post_delete, sender=Report)
@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
@receiver(m2m_changed, sender=Report.topics.through)
def _public_content_changed(sender, **kwargs) -> None:
    invalidate_after_commit()
