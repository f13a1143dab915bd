"""The report form: write, review with identifier warnings, send, receive the code once."""

from django.conf import settings
from django.db import Error as DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from nearmiss.health import database_available
from reports.forms import ReportForm, StatusForm
from reports.identifiers import find_identifiers
from reports.models import Report
from reports.presentation import marked_segments
from reports.views.ratelimits import by_token, is_limited, site_wide

UNAVAILABLE = (
    "The service is unavailable right now, so reports cannot be sent. You can still write "
    "yours: if sending fails, your text stays on the page so you can send it again later."
)


def _submit_limited(request: HttpRequest) -> bool:
    """Count one report against the sender's and the site's limits; True when over either."""
    return is_limited(
        request, group="submit", key=by_token, rate=settings.RATELIMIT_SUBMIT
    ) or is_limited(
        request,
        group="submit-site",
        key=site_wide,
        rate=settings.RATELIMIT_SUBMIT_SITE,
    )


REVIEW_LIMITED = (
    "You have checked your report many times in the last hour, so it was not checked again. "
    "Nothing is lost: your text is below. You can still send it, or check again later."
)


def _form_page(
    request: HttpRequest,
    form: ReportForm,
    *,
    problem: str = "",
    status: int = 200,
    offer_send: bool = False,
):
    context = {"form": form, "problem": problem, "offer_send": offer_send}
    return render(request, "reports/submit.html", context, status=status)


def _review_page(request: HttpRequest, form: ReportForm, *, problem: str = "", status: int = 200):
    data = form.cleaned_data
    story_findings = find_identifiers(data["story"])
    lessons_findings = find_identifiers(data["lessons"])
    context = {
        "form": ReportForm(request.POST, hidden=True),
        "story_segments": marked_segments(data["story"], story_findings),
        "lessons_segments": marked_segments(data["lessons"], lessons_findings),
        "findings": [*story_findings, *lessons_findings],
        "summary": form.summary(),
        "problem": problem,
    }
    return render(request, "reports/review.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    """Show the report form; on POST review it, go back to edit, or send it."""
    if request.method == "GET":
        problem = "" if database_available() else UNAVAILABLE
        return _form_page(request, ReportForm(), problem=problem)
    form = ReportForm(request.POST)
    action = request.POST.get("action", "review")
    if action == "edit" or not form.is_valid():
        return _form_page(request, form)
    if action != "send":
        # Only the check is refused: the reporter can still send what they wrote.
        if is_limited(request, group="review", key=by_token, rate=settings.RATELIMIT_REVIEW):
            return _form_page(request, form, status=429, problem=REVIEW_LIMITED, offer_send=True)
        return _review_page(request, form)
    if _submit_limited(request):
        return _form_page(
            request,
            form,
            status=429,
            problem="Too many reports have been sent from your connection in the last hour, "
            "so this one was not sent. Your text is kept below: copy it somewhere safe, "
            "and send it again later.",
        )
    try:
        report, code = Report.submit(**form.cleaned_data)
    except DatabaseError:
        return _review_page(
            request,
            form,
            status=503,
            problem="We could not save your report just now. Nothing was lost: your report "
            "is below. Please try sending it again in a few minutes.",
        )
    return render(request, "reports/receipt.html", {"code": code, "report": report})


@never_cache
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Refuse a form post without a valid token, but give the reporter their text back."""
    problem = (
        "Your form had expired, so nothing was sent. Your text is kept below: please press "
        "the button again. If this keeps happening, allow cookies for this site: the form "
        "needs one cookie, which holds no information about you."
    )
    if request.method == "POST" and request.path == reverse("submit"):
        return _form_page(request, ReportForm(request.POST), problem=problem, status=403)
    if request.method == "POST" and request.path == reverse("status"):
        context = {"form": StatusForm(request.POST), "problem": problem}
        return render(request, "reports/status.html", context, status=403)
    return render(request, "403_csrf.html", status=403)
