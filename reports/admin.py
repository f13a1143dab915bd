from django.contrib import admin

from reports import taxonomy
from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The moderators' view of reports (the full review workflow is built on top of this)."""

    list_display = ["public_id", "status", "received_on", "event_type", "safety_alert"]
    list_filter = ["status", "event_type", "safety_alert"]
    search_fields = ["public_id", "headline"]
    ordering = ["received_on", "public_id"]
    readonly_fields = [
        "public_id",
        "status",
        "received_on",
        "published_on",
        "closed_on",
        "story",
        "lessons",
    ]
    fieldsets = [
        (None, {"fields": ["public_id", "status", "received_on", "published_on", "closed_on"]}),
        ("The reporter's words (moderators only)", {"fields": ["story", "lessons"]}),
        (
            "Published version",
            {
                "fields": [
                    "headline",
                    "key_lesson",
                    "published_story",
                    "published_lessons",
                    "primary_risk_factor",
                    "safety_alert",
                ]
            },
        ),
        (
            "Taxonomy",
            {"fields": [*taxonomy.EVENT_FIELDS, *taxonomy.REPORTER_FIELDS]},
        ),
    ]

    def has_add_permission(self, request) -> bool:
        # Reports come from reporters only, through /submit/.
        return False
