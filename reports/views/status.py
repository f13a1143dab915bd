"""The reporter's way back: status, questions and answers, withdrawal, by receipt code.

Everything happens on /status/ (PRODUCT.md's interface contract): the page's three forms post
there, and the button pressed (`action`) picks the small view that does the work.
"""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from reports.forms import AnswerForm, StatusForm, WithdrawForm
from reports.models import InvalidTransition, Report
from reports.presentation import reporter_status
from reports.views.ratelimits import by_token, is_limited

STATUS_ACCESS_SALT = "nearmiss.status"
STATUS_ACCESS_SECONDS = 60 * 60
TEMPLATE = "reports/status.html"

LIMITED = (
    "Too many look-ups from your connection in the last hour. Please try again later. "
    "Anything you typed is kept below."
)
EXPIRED = (
    "This page was open for too long, so nothing was sent. Enter your receipt code "
    "again to continue."
)


def status_access(report: Report) -> str:
    """Return a signed, hour-long pass to this report, so the page never repeats the code."""
    return signing.dumps(str(report.pk), salt=STATUS_ACCESS_SALT)


def _report_from_access(request: HttpRequest) -> Report | None:
    """Return the report whose pass the page posted, or None when it is forged or too old."""
    try:
        pk = signing.loads(
            request.POST.get("access", ""), salt=STATUS_ACCESS_SALT, max_age=STATUS_ACCESS_SECONDS
        )
    except signing.BadSignature:
        return None
    return Report.objects.filter(pk=pk).first()


def _report_page(
    request: HttpRequest,
    report: Report,
    *,
    answer_form: AnswerForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    status: int = 200,
    **extra,
) -> HttpResponse:
    """Render the report's status, conversation and the forms it allows now, with a new pass."""
    access = status_access(report)
    if answer_form is None:
        answer_form = AnswerForm(initial={"access": access})
    if withdraw_form is None:
        withdraw_form = WithdrawForm(initial={"access": access})
    context = {
        "form": StatusForm(),
        "report": report,
        "state": reporter_status(report),
        "messages_": list(report.messages.all()),
        "can_answer": report.status == Report.Status.WAITING,
        "can_withdraw": report.status in Report.OPEN,
        "answer_form": answer_form,
        "withdraw_form": withdraw_form,
        **extra,
    }
    return render(request, TEMPLATE, context, status=status)


def _expired(request: HttpRequest) -> HttpResponse:
    """Say that nothing was sent because the pass is too old, keeping the typed answer."""
    context = {
        "form": StatusForm(),
        "problem": EXPIRED,
        "answer_text": request.POST.get("answer", ""),
    }
    return render(request, TEMPLATE, context)


def _limited(request: HttpRequest) -> HttpResponse:
    """Refuse past the limit (429), keeping whatever the reporter typed on the page."""
    report = _report_from_access(request)
    if report is None:
        context = {"form": StatusForm(request.POST), "problem": LIMITED}
        return render(request, TEMPLATE, context, status=429)
    return _report_page(
        request,
        report,
        answer_form=AnswerForm(request.POST),
        form=StatusForm(request.POST),
        problem=LIMITED,
        status=429,
    )


@require_POST
def look_up(request: HttpRequest) -> HttpResponse:
    """Show the report a receipt code belongs to, or one neutral answer for any other code."""
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form})
    report = Report.objects.for_receipt(form.cleaned_data["code"])
    if report is None:
        return render(request, TEMPLATE, {"form": StatusForm(), "looked_up": True})
    # Never echo the code back into the page: it may be read over a shoulder.
    return _report_page(request, report, looked_up=True)


@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    """Send the reporter's answer to the moderators, who asked a question."""
    report = _report_from_access(request)
    if report is None:
        return _expired(request)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _report_page(request, report, answer_form=form)
    try:
        report.answer(form.cleaned_data["answer"])
    except InvalidTransition:
        return _report_page(
            request,
            report,
            answer_form=form,
            problem="Your report is no longer waiting for an answer, so this was not sent. "
            "Your text is kept below.",
            answer_text=form.cleaned_data["answer"],
        )
    return _report_page(request, report, done="Thank you: your answer was sent to the moderators.")


@require_POST
def withdraw(request: HttpRequest) -> HttpResponse:
    """Withdraw the report before publication, once the reporter has ticked to confirm."""
    report = _report_from_access(request)
    if report is None:
        return _expired(request)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _report_page(request, report, withdraw_form=form)
    try:
        report.withdraw()
    except InvalidTransition:
        return _report_page(request, report, problem="This report can no longer be withdrawn.")
    return _report_page(
        request, report, done="Your report was withdrawn. It will not be published."
    )


# The buttons of the status page (name="action") and the views they post to.
ACTIONS = {"look_up": look_up, "answer": answer, "withdraw": withdraw}


@require_http_methods(["GET", "POST"])
@never_cache
def status(request: HttpRequest) -> HttpResponse:
    """Ask for the receipt code; on POST, count it against the limit and do what was pressed."""
    if request.method == "GET":
        return render(request, TEMPLATE, {"form": StatusForm()})
    if is_limited(request, group="status", key=by_token, rate=settings.RATELIMIT_STATUS):
        return _limited(request)
    view = ACTIONS.get(request.POST.get("action", "look_up"))
    if view is None:
        return render(request, TEMPLATE, {"form": StatusForm()}, status=400)
    return view(request)
