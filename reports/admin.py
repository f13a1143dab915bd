"""Moderation in the Django admin: the work list, the report page and its moves.

Every write to a report goes through one locked transaction that first checks the page was
made from the report as it stands (Report.version), so nobody saves over, approves or publishes
what they did not see. The moves come from the one table beside the model (reports.models.MOVES).
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.views.decorators.http import require_http_methods

from reports import taxonomy
from reports.forms import LESSONS_MAX, STORY_MAX, PlainTextField, SingleLineTextField
from reports.identifiers import Kind
from reports.models import (
    MODERATOR_MOVES,
    AuditEntry,
    InvalidTransition,
    Move,
    Report,
    ReportStatus,
    Topic,
)
from reports.ordering import restamp_reporter_rows, take_write_lock
from reports.redaction import findings_list, redact, redact_all, redaction_diff

CHANGED_SINCE = (
    "This report changed since you opened it (it is now {state}): nothing was saved or moved. "
    "Your edits are below; compare them with the report as it is now before you send them again."
)
REDACTABLE = ("headline", "key_lesson", "published_story", "published_lessons")
# The report's record, read-only at the end of its page.
RECORD_FIELDS = [
    "public_id",
    "state",
    "received_on",
    "published_on",
    "closed_on",
    "approvals_given",
    "rejection",
]
# What moderators type, with its limit: room for bracket notes beyond the reporter's own limits.
TYPED_LIMITS = {
    "headline": (200, SingleLineTextField),
    "key_lesson": (300, SingleLineTextField),
    "published_story": (2 * STORY_MAX, PlainTextField),
    "published_lessons": (2 * LESSONS_MAX, PlainTextField),
}


def when(entry: AuditEntry) -> str:
    """Return an audit entry's moment in words: the time for moderators, the day otherwise."""
    if entry.at is not None:
        return date_format(timezone.localtime(entry.at), "j M Y, H:i")
    return date_format(entry.on, "j M Y")


def move_text(move: Move, data) -> str:
    """Return the text a move was sent with, cleaned as every typed text is."""
    field = PlainTextField(max_length=5_000, noun="text", required=False)
    return field.clean(data.get("move_text", ""))


class ReportAdminForm(forms.ModelForm):
    """The report page's form: the edits, the version they were made on, a move's text."""

    version = forms.CharField(widget=forms.HiddenInput)
    move_text = PlainTextField(
        max_length=5_000,
        noun="text",
        required=False,
        label="Question or reason",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    duplicate_of = forms.CharField(
        required=False,
        max_length=16,
        label="Duplicate of (public id, when rejecting a story already told)",
    )

    class Meta:
        model = Report
        fields = [*Report.APPROVED_FIELDS, "topics"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Rendered at the top of the page by the template, with the moves.
        self.initial["version"] = self.instance.version()
        self.redacted: list[str] = []

    def clean(self):
        cleaned = super().clean()
        # The instance is the row locked for this request (ReportAdmin.get_object): refuse
        # edits made on a page of another version, and keep them on screen.
        current = self.instance.version()
        if cleaned.get("version") != current:
            state = self.instance.state_in_words().lower()
            # The page shown again carries the report's version as it is now, so the edits can
            # be sent again once the moderator has compared them.
            self.data = self.data.copy()
            self.data["version"] = current
            raise ValidationError(CHANGED_SINCE.format(state=state), code="changed")
        primary = cleaned.get("primary_risk_factor")
        if (
            "primary_risk_factor" in self.fields
            and primary
            and primary not in cleaned.get("risk_factors", [])
        ):
            self.add_error(
                "primary_risk_factor",
                "The primary risk factor must be one of the contributing risk factors "
                "ticked above: tick it there too, or choose another.",
            )
        choice = self.data.get("_redact", "")
        if choice:
            field, _, rest = choice.partition(":")
            if field not in REDACTABLE or field not in cleaned:
                raise ValidationError("That finding is not in a text you can edit.")
            try:
                start, end, kind = rest.split(":")
                start, end, kind = int(start), int(end), Kind(kind)
            except ValueError:
                raise ValidationError("That finding could not be read.") from None
            saved = getattr(self.instance, field)
            replaced = redact(cleaned[field], saved, start, end, kind)
            if replaced is None:
                raise ValidationError(
                    "That finding is no longer where it was, because the text was edited. Your "
                    "edits are below: save them, then replace the finding."
                )
            cleaned[field] = replaced
            self.redacted.append(field)
        if "_redact_all" in self.data:
            for field in REDACTABLE:
                if field in cleaned:
                    cleaned[field] = redact_all(cleaned[field])
                    self.redacted.append(field)
        return cleaned

    @property
    def edited_fields(self) -> list[str]:
        """Return the model fields this post changes, redactions included."""
        return list(dict.fromkeys([*self.changed_data, *self.redacted]))


class OpenOrClosedFilter(admin.SimpleListFilter):
    """Open reports by default; the closed ones are one click away."""

    title = "open or closed"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("closed", "Closed (published, rejected, withdrawn)"), ("all", "All")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Open",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        if self.value() == "closed":
            return queryset.exclude(status__in=Report.OPEN)
        return queryset.filter(status__in=Report.OPEN)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The report list and the page where a report is redacted, coded and moved."""

    form = ReportAdminForm
    list_display = [
        "public_id",
        "state",
        "age",
        "event",
        "opening",
        "findings_count",
        "alert",
    ]
    list_filter = [OpenOrClosedFilter, "status", "event_type", "safety_alert"]
    show_facets = admin.ShowFacets.ALWAYS  # counts per status beside each filter
    # The reporter's words are encrypted at rest: get_search_results reads them in Python.
    search_fields = [
        "public_id",
        "headline",
        "key_lesson",
        "published_story",
        "published_lessons",
    ]
    ordering = ["received_on", "public_id"]
    list_per_page = 50
    readonly_fields = [
        *RECORD_FIELDS,
        "original_story",
        "original_lessons",
        "original_findings",
        "findings",
        "story_changes",
        "lessons_changes",
        "conversation",
        "similar",
        "audit_trail",
    ]
    fieldsets = [
        (
            "The reporter's words",
            {
                "description": "Read-only; deleted after the retention period.",
                "fields": ["original_story", "original_lessons", "original_findings"],
            },
        ),
        (
            "What readers will see",
            {
                "description": "Replace anything identifying with a note in square brackets, "
                "for example [town removed]. Changing this after an approval withdraws it.",
                "fields": [
                    "headline",
                    "key_lesson",
                    "published_story",
                    "published_lessons",
                    "findings",
                ],
            },
        ),
        ("Changes", {"fields": ["story_changes", "lessons_changes"]}),
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
        ("Similar reports", {"fields": ["similar"]}),
        ("Audit", {"fields": ["audit_trail"]}),
        (
            "Record",
            {"fields": RECORD_FIELDS},
        ),
    ]

    # --- The list ---

    def get_search_results(self, request, queryset, search_term):
        """Search the texts in the database as the admin does, and the reporter's encrypted
        words here, after decrypting them (reports that still hold them: not yet purged)."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip().casefold()
        if not term:
            return results, duplicates
        holding = Report.objects.exclude(story="").values_list("pk", "story", "lessons")
        found = [
            pk
            for pk, story, lessons in holding.iterator(chunk_size=500)
            if term in story.casefold() or term in lessons.casefold()
        ]
        return results | queryset.filter(pk__in=found), duplicates

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(approval_count=Count("approvals"))

    @admin.display(description="status")
    def state(self, report):
        return report.state_in_words()

    @admin.display(description="age", ordering="received_on")
    def age(self, report):
        days = (timezone.localdate() - report.received_on).days
        return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"

    @admin.display(description="event type", ordering="event_type")
    def event(self, report):
        return report.get_event_type_display() or "not given"

    @admin.display(description="headline, or the reporter's first words")
    def opening(self, report):
        return report.headline or _first_words(report.story)

    @admin.display(description="safety alert", ordering="safety_alert")
    def alert(self, report):
        return "Safety alert" if report.safety_alert else ""

    # --- The report page ---

    def get_object(self, request, object_id, from_field=None):
        if request.method != "POST":
            return super().get_object(request, object_id, from_field)
        # A save holds the row for the whole request (changeform_view is one transaction), so
        # no move can slip between the check of the version and the write.
        try:
            take_write_lock()  # before the row lock, as every write (reports.ordering)
            return Report.objects.select_for_update().get(pk=object_id)
        except (Report.DoesNotExist, ValidationError, ValueError):
            return None

    def get_readonly_fields(self, request, obj=None):
        status = obj.status if obj is not None else None
        if request.method == "POST":
            # Judge by the status the page was made with, so that edits sent after the report
            # closed are refused and shown again rather than silently dropped.
            loaded = request.POST.get("version", "").partition(":")[0]
            status = loaded if loaded in ReportStatus.values else status
        if status is not None and status not in Report.OPEN:
            # Published, rejected and withdrawn reports are records, not drafts.
            return [field.name for field in Report._meta.fields] + [
                "topics",
                *self.readonly_fields,
            ]
        return self.readonly_fields

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
        if db_field.name in TYPED_LIMITS:
            # The one rule for typed text, as reporters' own fields have it.
            limit, field = TYPED_LIMITS[db_field.name]
            return field(
                max_length=limit,
                noun=db_field.verbose_name,
                required=False,
                label=capfirst(db_field.verbose_name),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "topics":
            # Plain boxes: the admin's two-list widget is not accessible (aria-prohibited-attr).
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def view_on_site(self, report):
        # Only a published story has a page on the site; anything else is a 404 there.
        return report.get_absolute_url() if report.status == ReportStatus.PUBLISHED else None

    def has_add_permission(self, request) -> bool:
        return False  # reports come from reporters only, through /submit/

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # only purge_expired deletes, by the retention rule

    @admin.display(description="approvals")
    def approvals_given(self, report):
        approvals = report.current_approvals().select_related("moderator")
        names = ", ".join(a.moderator.get_username() for a in approvals) or "none yet"
        return f"{len(approvals)} of {settings.PUBLISH_APPROVALS} ({names})"

    @admin.display(description="rejection")
    def rejection(self, report):
        if report.status != ReportStatus.REJECTED:
            return "\u2014"
        reason = format_html("{}", report.rejection_reason)
        if report.duplicate_of_id is None:
            return reason
        other = report.duplicate_of
        link = reverse("admin:reports_report_change", args=[other.pk])
        return format_html('{} \u2014 a duplicate of <a href="{}">{}</a>', reason, link, other)

    @admin.display(description="story")
    def original_story(self, report):
        return self._original(report, report.story)

    @admin.display(description="lessons")
    def original_lessons(self, report):
        return self._original(report, report.lessons)

    def _original(self, report, text: str):
        if report.original_purged_on:
            return f"Deleted on {report.original_purged_on:%d %B %Y} by the retention rule."
        return format_html('<div class="original-text">{}</div>', text)

    @admin.display(description="what could identify someone (detector)")
    def original_findings(self, report):
        if report.original_purged_on:
            return "\u2014"
        return findings_list(
            [(field, f) for field in Report.ORIGINAL_FIELDS for f in report.findings_in(field)]
        )

    @admin.display(description="still identifying? (detector)")
    def findings(self, report):
        if report.status == ReportStatus.NEW:
            return "Start the review to edit the text to publish and redact it here."
        editable = report.status in Report.OPEN
        return findings_list(
            [(field, f) for field in REDACTABLE for f in report.findings_in(field)],
            buttons=editable,
        )

    @admin.display(description="story: reporter's words \u2192 to publish")
    def story_changes(self, report):
        return format_html(
            '<div class="redaction-diff">{}</div>',
            redaction_diff(report.story, report.published_story),
        )

    @admin.display(description="lessons: reporter's words \u2192 to publish")
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

    @admin.display(description="most like this one")
    def similar(self, report):
        others = report.similar()
        duplicates = list(report.duplicates.all())
        if not others and not duplicates:
            return "No similar report."
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}): {}</li>',
            (
                (
                    reverse("admin:reports_report_change", args=[other.pk]),
                    other.public_id,
                    other.state_in_words().lower(),
                    other.headline or _first_words(other.story),
                )
                for other in others
            ),
        )
        told = format_html_join(
            "",
            '<li>Rejected as a duplicate of this one: <a href="{}">{}</a></li>',
            (
                (reverse("admin:reports_report_change", args=[d.pk]), d.public_id)
                for d in duplicates
            ),
        )
        return format_html('<ul class="similar">{}{}</ul>', told, rows)

    @admin.display(description="entries")
    def audit_trail(self, report):
        rows = (
            (
                when(e),
                e.actor.get_username() if e.actor else "reporter or system",
                e.action,
                e.get_from_status_display(),
                e.get_to_status_display(),
                f" ({e.reason})" if e.reason else "",
            )
            for e in report.audit.select_related("actor")
        )
        html = format_html_join("", "<li>{} \u00b7 {} \u00b7 {}: {} \u2192 {}{}</li>", rows)
        return format_html("<ol>{}</ol>", html) if html else "No entries yet."

    def save_model(self, request, obj, form, change) -> None:
        # Only what the form changed is written, and never the status: moves change that.
        changed = [name for name in form.edited_fields if name in self._model_field_names()]
        if changed:
            obj.save(update_fields=changed)
        request._report_edited = bool(changed) or "topics" in form.changed_data

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        report = form.instance
        changed = [name for name in form.edited_fields if name in Report.APPROVED_FIELDS]
        if "topics" in form.changed_data:
            changed.append("topics")
        if changed and report.withdraw_stale_approvals(by=request.user, changed=changed):
            messages.warning(
                request,
                "The text changed after approval, so the approvals of the earlier text were "
                "withdrawn: it needs approving again.",
            )
        # An edit is a write like any other: the days' reporter rows are re-stamped with it.
        restamp_reporter_rows()

    @staticmethod
    def _model_field_names() -> set[str]:
        return {f.name for f in Report._meta.concrete_fields if f.editable}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # obj is the instance the form was made with, so the detector's findings computed for
        # the page (Report.findings_in) are computed once per text.
        if obj is not None:
            moves = obj.moves_for(request.user)
            names = {move.name for move in moves}
            context |= {
                "moves": moves,
                "moves_with_text": [move for move in moves if move.text],
                "offers_reject": "reject" in names,
                "offers_publish": "publish" in names,
                "can_moderate": request.user.has_perm("reports.moderate_report"),
                "state_in_words": obj.state_in_words(),
                "approvals_in_words": self.approvals_given(obj),
                "finding_count": len(obj.published_text_findings())
                if obj.status != ReportStatus.NEW
                else 0,
                "editable": obj.status in Report.OPEN,
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj) -> HttpResponse:
        """After the edits are saved (same locked transaction): the move or redaction asked for."""
        page = reverse("admin:reports_report_change", args=[obj.pk])
        saved = "Your edits were saved." if self._edited(request) else ""
        if "_redact" in request.POST or "_redact_all" in request.POST:
            messages.success(request, "Replaced with the suggested note and saved.")
            return HttpResponseRedirect(page)
        name = request.POST.get("_move", "")
        if not name:
            messages.success(request, saved or "Nothing had changed.")
            return HttpResponseRedirect(page)
        if saved:
            messages.info(request, saved)
        move = MODERATOR_MOVES.get(name)
        if move is None or move not in obj.moves_for(request.user):
            messages.error(request, "That move is not possible now.")
            return HttpResponseRedirect(page)
        if move.confirm:
            return self._confirm_page(request, obj, move, request.POST)
        return self._run(request, obj, move, request.POST)

    @staticmethod
    def _edited(request) -> bool:
        return bool(getattr(request, "_report_edited", False))

    # --- Moves ---

    def get_urls(self):
        move = self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.move_view))
        return [
            path("<path:object_id>/move/<str:move>/", move, name="reports_report_move"),
            *super().get_urls(),
        ]

    def move_view(self, request: HttpRequest, object_id: str, move: str):
        """Confirm a move that cannot be taken back (GET), or make a move (POST)."""
        if not request.user.has_perm("reports.moderate_report"):
            raise PermissionDenied
        chosen = MODERATOR_MOVES.get(move)
        if chosen is None:
            raise PermissionDenied
        if request.method == "GET":
            if not chosen.confirm:
                return HttpResponse(status=405, headers={"Allow": "POST"})
            report = self._report_or_404(Report.objects.all(), object_id)
            return self._confirm_page(request, report, chosen, request.GET)
        with transaction.atomic():
            take_write_lock()
            report = self._report_or_404(Report.objects.select_for_update(), object_id)
            if request.POST.get("version") != report.version():
                messages.error(
                    request,
                    f"This report changed since you opened it (it is now "
                    f"{report.state_in_words().lower()}): nothing was done. Look at it again.",
                )
                return HttpResponseRedirect(
                    reverse("admin:reports_report_change", args=[report.pk])
                )
            if chosen.confirm and request.POST.get("confirmed") != "yes":
                return self._confirm_page(request, report, chosen, request.POST)
            return self._run(request, report, chosen, request.POST)

    @staticmethod
    def _report_or_404(reports, object_id: str) -> Report:
        try:
            return get_object_or_404(reports, pk=object_id)
        except (ValidationError, ValueError):
            raise Http404("No such report.") from None

    def _confirm_page(self, request, report: Report, move: Move, data) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": f"{move.plain_label}: please confirm",
            "opts": self.opts,
            "original": report,
            "move": move,
            "version": report.version(),
            "text": data.get("move_text", ""),
            "duplicate_of": data.get("duplicate_of", ""),
        }
        return TemplateResponse(request, "admin/reports/report/confirm_move.html", context)

    def _run(self, request, report: Report, move: Move, data) -> HttpResponse:
        """Make one move for this moderator, and say what happened."""
        page = reverse("admin:reports_report_change", args=[report.pk])
        try:
            text = move_text(move, data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(page)
        arguments = {"by": request.user}
        if move.text_argument:
            arguments[move.text_argument] = text
        try:
            if move.name == "publish":
                arguments["identifiers_reviewed"] = data.get("reviewed") == "on"
            elif move.name == "reject":
                arguments["duplicate_of"] = _duplicate(data)
            # The caller checked, on the locked row, that the page showed this version.
            getattr(report, move.name)(**arguments)
        except InvalidTransition as refusal:
            messages.error(request, f"{move.plain_label}: not done. {refusal}")
        else:
            messages.success(
                request,
                f"{move.plain_label}: done. The report is now {report.state_in_words().lower()}.",
            )
        return HttpResponseRedirect(page)


def _duplicate(data) -> Report | None:
    public_id = data.get("duplicate_of", "").strip().lower()
    if not public_id:
        return None
    found = Report.objects.filter(public_id=public_id).first()
    if found is None:
        raise InvalidTransition(f"No report has the public id \u201c{public_id}\u201d.")
    return found


def _first_words(text: str, count: int = 12) -> str:
    words = text.split()
    if not words:
        return "(no text)"
    return " ".join(words[:count]) + ("\u2026" if len(words) > count else "")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit, read-only for everyone: nobody can add, edit or delete an entry."""

    list_display = ["report", "action", "moved", "who", "moment"]
    list_filter = ["action"]
    search_fields = ["report__public_id"]

    @admin.display(description="from \u2192 to")
    def moved(self, entry):
        return f"{entry.get_from_status_display()} \u2192 {entry.get_to_status_display()}"

    @admin.display(description="by")
    def who(self, entry):
        return entry.actor.get_username() if entry.actor else "reporter or system"

    @admin.display(description="when", ordering="on")
    def moment(self, entry):
        return when(entry)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("report", "actor")

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
