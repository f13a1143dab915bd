"""What readers see: no cookies, no personal data, published reports only."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from reports.models import Report

LATEST_ON_HOME = 10


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    latest = Report.objects.published().order_by("-published_on", "public_id")[:LATEST_ON_HOME]
    return render(request, "reports/home.html", {"latest": latest})


@require_GET
def story(request: HttpRequest, public_id: str) -> HttpResponse:
    report = get_object_or_404(Report.objects.published(), public_id=public_id)
    return render(request, "reports/story.html", {"report": report})


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/about.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    context = {"retention_days": settings.RETENTION_DAYS}
    return render(request, "reports/privacy.html", context)
