"""The moderators' work list: what needs this moderator now, in sections, and a small dashboard.

Nothing here is about reporters: ages are in days, counts are of reports.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from reports.models import Approval, AuditEntry, Message, Report

S = Report.Status
ROWS = 25


@dataclass
class Section:
    key: str
    title: str
    hint: str
    reports: list = field(default_factory=list)
    count: int = 0
    more_url: str = ""
    needs_moderator: bool = True


def _annotated(user) -> QuerySet:
    last_sender = Message.objects.filter(report=OuterRef("pk")).order_by("-sequence")
    return Report.objects.annotate(
        approval_count=Count("approvals", distinct=True),
        approved_by_me=Exists(Approval.objects.filter(report=OuterRef("pk"), moderator=user)),
        mine=Exists(AuditEntry.objects.filter(report=OuterRef("pk"), actor=user)),
        last_sender=Subquery(last_sender.values("sender")[:1]),
    ).defer("search_vector")


def sections(user, *, today: datetime.date | None = None) -> list[Section]:
    """Return the work list's sections for one moderator, each with its oldest reports first."""
    today = today or timezone.localdate()
    needed = settings.PUBLISH_APPROVALS
    reports = _annotated(user)
    answered = Q(status=S.IN_REVIEW, last_sender=Message.Sender.REPORTER)
    wanted = [
        (
            Section("new", "New", "Read them and start the review."),
            Q(status=S.NEW),
            ["received_on", "public_id"],
            {"status__exact": S.NEW},
        ),
        (
            Section("answered", "Reporter answered", "The reporter replied to a question."),
            answered,
            ["received_on", "public_id"],
            {"status__exact": S.IN_REVIEW},
        ),
        (
            Section("in_review", "In review", "Yours first: ones you have worked on."),
            Q(status=S.IN_REVIEW)
            & (Q(last_sender__isnull=True) | Q(last_sender=Message.Sender.MODERATOR)),
            ["-mine", "received_on", "public_id"],
            {"status__exact": S.IN_REVIEW},
        ),
        (
            Section(
                "second_approval",
                "Waiting for an approval you can give",
                "Another moderator approved; read the text and approve it, or return it.",
            ),
            Q(status=S.APPROVED, approval_count__lt=needed, approved_by_me=False),
            ["received_on", "public_id"],
            {"status__exact": S.APPROVED},
        ),
        (
            Section("ready", "Ready to publish", "Approved by enough moderators."),
            Q(status=S.APPROVED, approval_count__gte=needed),
            ["received_on", "public_id"],
            {"status__exact": S.APPROVED},
        ),
        (
            Section(
                "others",
                "Waiting for someone else",
                "For the reporter's answer, or for another moderator's approval of your text.",
                needs_moderator=False,
            ),
            Q(status=S.WAITING)
            | Q(status=S.APPROVED, approval_count__lt=needed, approved_by_me=True),
            ["received_on", "public_id"],
            {"state": ""},
        ),
    ]
    changelist = reverse("admin:reports_report_changelist")
    result = []
    for section, condition, order, query in wanted:
        matching = reports.filter(condition)
        section.count = matching.count()
        section.reports = list(matching.order_by(*order)[:ROWS])
        for report in section.reports:
            report.age_days = (today - report.received_on).days
        query = {key: value for key, value in query.items() if value}
        section.more_url = f"{changelist}?{urlencode(query)}" if query else changelist
        result.append(section)
    return result


def dashboard(section_list: list[Section], *, today: datetime.date | None = None) -> dict:
    """Return the few figures moderators watch: waiting per section, oldest wait, this month."""
    today = today or timezone.localdate()
    waiting = [s for s in section_list if s.needs_moderator]
    oldest = Report.objects.filter(status__in=[S.NEW, S.IN_REVIEW, S.APPROVED]).aggregate(
        oldest=Min("received_on")
    )["oldest"]
    return {
        "waiting": [(s.title, s.count) for s in waiting],
        "oldest_days": (today - oldest).days if oldest else None,
        "published_this_month": Report.objects.published()
        .filter(published_on__gte=today.replace(day=1))
        .count(),
        "closed_url": reverse("admin:reports_report_changelist") + "?state=closed",
    }
