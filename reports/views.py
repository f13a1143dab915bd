from django.conf import settings
from django.core import signing
from django.db import Error as DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from reports.forms import AnswerForm, ReportForm, StatusForm, WithdrawForm
from reports.identifiers import find_identifiers
from reports.models import InvalidTransition, Report
from reports.presentation import marked_segments, reporter_status

LATEST_ON_HOME = 10


def _token(group: str, request: HttpRequest) -> str:
    # Set by nearmiss.middleware.ClientAddressMiddleware: an HMAC, never the address.
    return request.rate_limit_token


def _site(group: str, request: HttpRequest) -> str:
    return "site"


def _submit_limited(request: HttpRequest) -> bool:
    """Count one report against the sender's and the site's limits; True when over either."""
    return is_ratelimited(
        request, group="submit", key=_token, rate=settings.RATELIMIT_SUBMIT, increment=True
    ) or is_ratelimited(
        request, group="submit-site", key=_site, rate=settings.RATELIMIT_SUBMIT_SITE, increment=True
    )


def _form_page(request: HttpRequest, form: ReportForm, *, problem: str = "", status: int = 200):
    return render(request, "reports/submit.html", {"form": form, "problem": problem}, status=status)


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
        return _form_page(request, ReportForm())
    form = ReportForm(request.POST)
    action = request.POST.get("action", "review")
    if action == "edit" or not form.is_valid():
        return _form_page(request, form)
    if action != "send":
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


STATUS_ACCESS_SALT = "nearmiss.status"
STATUS_ACCESS_SECONDS = 60 * 60


def status_access(report: Report) -> str:
    """Return a signed, hour-long pass to this report, so the page never repeats the code."""
    return signing.dumps(str(report.pk), salt=STATUS_ACCESS_SALT)


def _report_from_access(value: str) -> Report | None:
    try:
        pk = signing.loads(value, salt=STATUS_ACCESS_SALT, max_age=STATUS_ACCESS_SECONDS)
    except signing.BadSignature:
        return None
    return Report.objects.filter(pk=pk).first()


def _status_context(report: Report, **forms) -> dict:
    access = status_access(report)
    context = {
        "report": report,
        "state": reporter_status(report),
        "messages_": list(report.messages.all()),
        "can_answer": report.status == Report.Status.WAITING,
        "can_withdraw": report.status in Report.OPEN,
        "answer_form": AnswerForm(initial={"access": access}),
        "withdraw_form": WithdrawForm(initial={"access": access}),
    }
    context.update({name: form for name, form in forms.items() if form is not None})
    return context


@require_http_methods(["GET", "POST"])
@never_cache
def status(request: HttpRequest) -> HttpResponse:
    """Let a reporter look up their report with the receipt code, answer, or withdraw it."""
    form = StatusForm(request.POST if request.POST.get("action", "look_up") == "look_up" else None)
    context: dict = {"form": StatusForm()}
    if request.method == "GET":
        return render(request, "reports/status.html", {"form": StatusForm()})
    if is_ratelimited(
        request, group="status", key=_token, rate=settings.RATELIMIT_STATUS, increment=True
    ):
        context["problem"] = (
            "Too many look-ups from your connection in the last hour. Please try again later. "
            "Anything you typed is kept below."
        )
        context["form"] = StatusForm(request.POST)
        report = _report_from_access(request.POST.get("access", ""))
        if report is not None:
            context |= _status_context(report, answer_form=AnswerForm(request.POST))
        return render(request, "reports/status.html", context, status=429)

    action = request.POST.get("action", "look_up")
    if action == "look_up":
        if not form.is_valid():
            return render(request, "reports/status.html", {"form": form})
        report = Report.objects.for_receipt(form.cleaned_data["code"])
        context["looked_up"] = True
        if report is not None:
            context |= _status_context(report)
        # Never echo the code back into the page: it may be read over a shoulder.
        return render(request, "reports/status.html", context)

    report = _report_from_access(request.POST.get("access", ""))
    if report is None:
        context["problem"] = (
            "This page was open for too long, so nothing was sent. Enter your receipt code "
            "again to continue."
        )
        context["answer_text"] = request.POST.get("answer", "")
        return render(request, "reports/status.html", context)

    if action == "answer":
        answer_form = AnswerForm(request.POST)
        if answer_form.is_valid():
            try:
                report.answer(answer_form.cleaned_data["answer"])
            except InvalidTransition:
                context["problem"] = (
                    "Your report is no longer waiting for an answer, so this was not sent. "
                    "Your text is kept below."
                )
                context["answer_text"] = answer_form.cleaned_data["answer"]
                return render(
                    request,
                    "reports/status.html",
                    context | _status_context(report, answer_form=answer_form),
                )
            context["done"] = "Thank you: your answer was sent to the moderators."
            return render(request, "reports/status.html", context | _status_context(report))
        return render(
            request,
            "reports/status.html",
            context | _status_context(report, answer_form=answer_form),
        )

    if action == "withdraw":
        withdraw_form = WithdrawForm(request.POST)
        if withdraw_form.is_valid():
            try:
                report.withdraw()
            except InvalidTransition:
                context["problem"] = "This report can no longer be withdrawn."
            else:
                context["done"] = "Your report was withdrawn. It will not be published."
            return render(request, "reports/status.html", context | _status_context(report))
        return render(
            request,
            "reports/status.html",
            context | _status_context(report, withdraw_form=withdraw_form),
        )

    return render(request, "reports/status.html", context, status=400)


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
