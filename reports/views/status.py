"""The reporter's way back: status, questions and answers, withdrawal, by receipt code."""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from reports.forms import AnswerForm, StatusForm, WithdrawForm
from reports.models import InvalidTransition, Report
from reports.presentation import reporter_status
from reports.views.ratelimits import by_token, is_limited

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
    if is_limited(request, group="status", key=by_token, rate=settings.RATELIMIT_STATUS):
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
