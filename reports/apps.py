from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_group(sender, **kwargs) -> None:
    from reports.moderators import ensure_moderators_group

    ensure_moderators_group()


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Near-miss reports"

    def ready(self) -> None:
        # After auth has created this app's permissions (auth's handler is connected first).
        post_migrate.connect(_ensure_group, sender=self)
        from reports import checks, signals  # noqa: F401 (cache invalidation, system checks)
