"""Moderation in the Django admin: the review queue, the report page and its moves."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from reports import taxonomy
from reports.forms import PlainTextField
from reports.models import AuditEntry, InvalidTransition, Report, Topic
from reports.redaction import findings_list, redaction_diff

MOVE_LABELS = {
    "start_review": "Start review",
    "ask_reporter": "Ask the reporter",
    "approve": "Approve",
    "publish": "Publish",
    "reject": "Reject",
    "return_to_review": "Return to review",
    "unpublish": "Unpublish",
}


class WaitingForApprovalFilter(admin.SimpleListFilter):
    title = "approvals"
    parameter_name = "approvals"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for a second approval")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(status=Report.Status.APPROVED).filter(
                approval_count__lt=settings.PUBLISH_APPROVALS
            )
        return queryset


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The review queue (oldest first) and the page where a report is redacted and moved."""

    list_display = [
        "public_id",
        "status",
        "received_on",
        "event_type",
        "approval_count",
        "safety_alert",
    ]
    list_filter = ["status", "event_type", "safety_alert", WaitingForApprovalFilter]
    show_facets = admin.ShowFacets.ALWAYS  # counts per status beside each filter
    search_fields = [
        "public_id",
        "story",
        "lessons",
        "headline",
        "key_lesson",
        "published_story",
        "published_lessons",
    ]
    ordering = ["received_on", "public_id"]
    list_per_page = 50
    filter_horizontal = ["topics"]
    readonly_fields = [
        "public_id",
        "status",
        "received_on",
        "published_on",
        "closed_on",
        "approvals_given",
        "original_story",
        "original_lessons",
        "findings",
        "story_changes",
        "lessons_changes",
        "rejection_reason",
        "conversation",
        "audit_trail",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "public_id",
                    "status",
                    "received_on",
                    "published_on",
                    "closed_on",
                    "approvals_given",
                    "rejection_reason",
                ]
            },
        ),
        (
            "The reporter's words (read-only, purged after the retention period)",
            {"fields": ["original_story", "original_lessons"]},
        ),
        (
            "What readers will see",
            {
                "description": "Replace anything identifying with a note in square brackets, "
                "for example [city removed]. Changing this after an approval withdraws it.",
                "fields": [
                    "headline",
                    "key_lesson",
                    "published_story",
                    "published_lessons",
                    "findings",
                    "story_changes",
                    "lessons_changes",
                ],
            },
        ),
        (
            "Coding",
            {
                "fields": [
                    *taxonomy.EVENT_FIELDS,
                    "primary_risk_factor",
                    "topics",
                    "safety_alert",
                    "featured",
                    *taxonomy.REPORTER_FIELDS,
                ]
            },
        ),
        ("Conversation with the reporter", {"fields": ["conversation"]}),
        ("Audit", {"fields": ["audit_trail"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(approval_count=Count("approvals"))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "risk_factors":
            # Boxes to tick rather than the array field's comma-separated codes.
            return forms.MultipleChoiceField(
                label="Contributing risk factors",
                choices=taxonomy.RiskFactor.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                validators=[
                    MaxLengthValidator(
                        taxonomy.MAX_RISK_FACTORS, message="Choose at most five risk factors."
                    )
                ],
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="story (the reporter's words)")
    def original_story(self, report):
        return self._original(report, report.story)

    @admin.display(description="lessons (the reporter's words)")
    def original_lessons(self, report):
        return self._original(report, report.lessons)

    def _original(self, report, text: str):
        if report.original_purged_on:
            return f"Deleted on {report.original_purged_on:%d %B %Y} by the retention rule."
        return format_html('<div class="original-text">{}</div>', text)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status not in Report.OPEN:
            # Published, rejected and withdrawn reports are records, not drafts.
            return [field.name for field in Report._meta.fields] + self.readonly_fields
        return self.readonly_fields

    def has_add_permission(self, request) -> bool:
        return False  # reports come from reporters only, through /submit/

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # only purge_expired deletes, by the retention rule

    @admin.display(description="approvals", ordering="approval_count")
    def approval_count(self, report):
        return f"{report.approval_count} of {settings.PUBLISH_APPROVALS}"

    @admin.display(description="approvals")
    def approvals_given(self, report):
        approvals = report.approvals.select_related("moderator")
        names = ", ".join(a.moderator.get_username() for a in approvals) or "none yet"
        return f"{approvals.count()} of {settings.PUBLISH_APPROVALS} ({names})"

    @admin.display(description="still identifying? (detector)")
    def findings(self, report):
        return findings_list(report.published_text_findings())

    @admin.display(description="story: original → published")
    def story_changes(self, report):
        return format_html(
            '<div class="redaction-diff">{}</div>',
            redaction_diff(report.story, report.published_story),
        )

    @admin.display(description="lessons: original → published")
    def lessons_changes(self, report):
        return format_html(
            '<div class="redaction-diff">{}</div>',
            redaction_diff(report.lessons, report.published_lessons),
        )

    @admin.display(description="messages")
    def conversation(self, report):
        rows = ((m.get_sender_display(), m.sent_on, m.body) for m in report.messages.all())
        html = format_html_join("", "<li><strong>{}</strong>, {}: {}</li>", rows)
        return format_html("<ol>{}</ol>", html) if html else "No messages."

    @admin.display(description="entries")
    def audit_trail(self, report):
        rows = (
            (
                e.at or e.on,
                e.actor.get_username() if e.actor else "reporter",
                e.action,
                e.from_status,
                e.to_status,
                e.reason,
            )
            for e in report.audit.select_related("actor")
        )
        html = format_html_join(
            "",
            "<li>{} · {} · {}: {} → {}{}</li>",
            (
                (at, who, action, a, b, f" ({why})" if why else "")
                for at, who, action, a, b, why in rows
            ),
        )
        return format_html("<ol>{}</ol>", html) if html else "No entries yet."

    def save_model(self, request, obj, form, change) -> None:
        changed = [name for name in form.changed_data if name != "topics"]
        if change:
            # Save only what the form changed: the status is never written here.
            if changed:
                obj.save(update_fields=changed)
            public = [name for name in changed if name in Report.PUBLIC_FIELDS]
            if public and obj.withdraw_approvals_after_edit(by=request.user, changed=public):
                messages.warning(
                    request,
                    "The text changed after approval, so the approvals "
                    "were withdrawn: it needs approving again.",
                )
        else:
            super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        extra = {}
        if report is not None:
            extra = {
                "moves": [(name, MOVE_LABELS[name]) for name in report.allowed_moves()],
                "can_moderate": request.user.has_perm("reports.moderate_report"),
                "finding_count": len(report.published_text_findings()),
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        move = self.admin_site.admin_view(require_POST(self.move_view))
        return [
            path("<path:object_id>/move/<str:move>/", move, name="reports_report_move"),
            *super().get_urls(),
        ]

    def move_view(self, request: HttpRequest, object_id: str, move: str):
        """Run one moderation move from the report page's buttons."""
        if not request.user.has_perm("reports.moderate_report"):
            raise PermissionDenied
        report = get_object_or_404(Report, pk=object_id)
        text = PlainTextField(max_length=5_000, noun="text", required=False)
        note = text.clean(request.POST.get("text", ""))
        calls = {
            "start_review": lambda: report.start_review(by=request.user),
            "ask_reporter": lambda: report.ask_reporter(by=request.user, question=note),
            "approve": lambda: report.approve(by=request.user),
            "publish": lambda: report.publish(
                by=request.user, identifiers_reviewed=request.POST.get("reviewed") == "on"
            ),
            "reject": lambda: report.reject(by=request.user, reason=note),
            "return_to_review": lambda: report.return_to_review(by=request.user, reason=note),
            "unpublish": lambda: report.unpublish(by=request.user, reason=note),
        }
        if move not in calls:
            raise PermissionDenied
        try:
            calls[move]()
        except InvalidTransition as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                f"{MOVE_LABELS[move]}: done. The report is now "
                f"{report.get_status_display().lower()}.",
            )
        return HttpResponseRedirect(reverse("admin:reports_report_change", args=[report.pk]))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit, read-only for everyone: nobody can add, edit or delete an entry."""

    list_display = ["report", "action", "from_status", "to_status", "actor", "at", "on"]
    list_filter = ["action"]
    search_fields = ["report__public_id"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "story_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request):
        published = Q(reports__status=Report.Status.PUBLISHED)
        return super().get_queryset(request).annotate(stories=Count("reports", filter=published))

    @admin.display(description="published stories", ordering="stories")
    def story_count(self, topic):
        return topic.stories
