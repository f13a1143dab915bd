"""The report form: write, review with identifier warnings, send, receive the code once."""

from django.conf import settings
from django.db import Error as DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from nearmiss.health import database_available
from reports import drafts
from reports.forms import ReportForm, StatusForm
from reports.identifiers import Finding, Kind, find_identifiers
from reports.models import Report
from reports.presentation import marked_segments
from reports.views.ratelimits import by_token, is_limited, site_wide

UNAVAILABLE = (
    "The service is unavailable right now, so reports cannot be sent. You can still write "
    "yours: if sending fails, your text stays on the page so you can send it again later."
)


# The limits on sending, shortest first: (group, key, setting).
SUBMIT_LIMITS = (
    ("submit-burst", by_token, "RATELIMIT_SUBMIT_BURST"),
    ("submit", by_token, "RATELIMIT_SUBMIT"),
    ("submit-site", site_wide, "RATELIMIT_SUBMIT_SITE"),
)
PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def _submit_refusal(request: HttpRequest) -> str:
    """Count one report against the limits on sending; return why it is refused, or "".

    A report refused by one limit is not counted against the ones after it: sends refused in
    a burst count neither towards the connection's hour nor towards the limit everyone shares.
    """
    for group, key, setting in SUBMIT_LIMITS:
        rate = getattr(settings, setting)
        if is_limited(request, group=group, key=key, rate=rate):
            return _refusal(site=key is site_wide, period=PERIODS[rate[-1]])
    return ""


def _refusal(*, site: bool, period: str) -> str:
    if site:
        why = "Too many reports are arriving from everyone just now, so this one was not sent."
    else:
        why = (
            f"Too many reports have been sent from your connection in the last {period}, so "
            "this one was not sent. Everyone on the same network (a station's, for example) "
            "shares one connection."
        )
    if period in {"second", "minute"}:
        return f"{why} Your text is kept below: wait a minute, then send it again."
    return f"{why} Your text is kept below: copy it somewhere safe, and send it again later."


REVIEW_LIMITED = (
    "You have checked your report many times in the last hour, so it was not checked again. "
    "Nothing is lost: your text is below. You can still send it, or check again later."
)


def _form_data(form: ReportForm) -> dict:
    """The form's fields as posted, lists kept: what a draft keeps to show the form again."""
    return {name: form.data.getlist(name) for name in form.fields if name in form.data}


def _bound(data: dict) -> ReportForm:
    posted = QueryDict(mutable=True)
    for name, values in data.items():
        posted.setlist(name, values)
    return ReportForm(posted)


def _findings_of(form: ReportForm) -> list[dict]:
    return [
        {"field": field, "kind": finding.kind.value, "start": finding.start, "end": finding.end}
        for field in ("story", "lessons")
        for finding in find_identifiers(form.cleaned_data[field])
    ]


def _findings_in(text: str, kept: list[dict], field: str) -> list[Finding]:
    return [
        Finding(Kind(f["kind"]), text[f["start"] : f["end"]], f["start"], f["end"])
        for f in kept
        if f["field"] == field and f["end"] <= len(text)
    ]


def _form_page(
    request: HttpRequest,
    form: ReportForm,
    *,
    problem: str = "",
    status: int = 200,
    offer_send: bool = False,
    findings: list[dict] = (),
):
    context = {
        "form": form,
        "problem": problem,
        "offer_send": offer_send,
        "story_findings": _findings_in(form.data.get("story", ""), findings, "story"),
        "lessons_findings": _findings_in(form.data.get("lessons", ""), findings, "lessons"),
    }
    return render(request, "reports/submit.html", context, status=status)


def _review_page(
    request: HttpRequest,
    form: ReportForm,
    findings: list[dict],
    *,
    problem: str = "",
    status: int = 200,
):
    data = form.cleaned_data
    story_findings = _findings_in(data["story"], findings, "story")
    lessons_findings = _findings_in(data["lessons"], findings, "lessons")
    context = {
        # The text travels with the send, so a database outage on sending loses nothing.
        "form": ReportForm(form.data, hidden=True),
        "story_segments": marked_segments(data["story"], story_findings),
        "lessons_segments": marked_segments(data["lessons"], lessons_findings),
        "findings": [*story_findings, *lessons_findings],
        "summary": form.summary(),
        "problem": problem,
    }
    return render(request, "reports/review.html", context, status=status)


def _then_show(request: HttpRequest, page: str, content: dict, fallback) -> HttpResponse:
    """Keep the draft and redirect to the page that shows it (post, redirect, get); when the
    draft cannot be kept (the database is down), answer with the page itself."""
    if drafts.save(request, content):
        return HttpResponseRedirect(reverse(page), status=303)
    return fallback()


@require_http_methods(["GET", "POST"])
@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    """Show the report form (with the draft, if any); on POST review it, edit it or send it.

    Every POST that succeeds redirects to a page of its own, so reload and Back are safe."""
    if request.method == "GET":
        draft = drafts.load(request)
        if draft and draft.get("stage") in {"edit", "review"}:
            form = _bound(draft["data"])
            if not draft.get("findings"):
                form.is_valid()  # shows the errors that sent the reporter back here
            return _form_page(request, form, findings=draft.get("findings", []))
        problem = "" if database_available() else UNAVAILABLE
        return _form_page(request, ReportForm(), problem=problem)
    form = ReportForm(request.POST)
    action = request.POST.get("action", "review")
    if action == "edit" or not form.is_valid():
        kept = drafts.load(request) or {}
        findings = kept.get("findings", []) if action == "edit" else []
        content = {"stage": "edit", "data": _form_data(form), "findings": findings}
        return _then_show(
            request, "submit", content, lambda: _form_page(request, form, findings=findings)
        )
    if action != "send":
        # Only the check is refused: the reporter can still send what they wrote.
        if is_limited(request, group="review", key=by_token, rate=settings.RATELIMIT_REVIEW):
            return _form_page(request, form, status=429, problem=REVIEW_LIMITED, offer_send=True)
        findings = _findings_of(form)
        content = {"stage": "review", "data": _form_data(form), "findings": findings}
        return _then_show(
            request, "submit_review", content, lambda: _review_page(request, form, findings)
        )
    return _send(request, form)


def _send(request: HttpRequest, form: ReportForm) -> HttpResponse:
    digest = drafts.content_digest(form.cleaned_data)
    code = drafts.receipt_code(request, digest)
    try:
        if Report.objects.for_receipt(code) is not None:
            # The same report from the same browser, sent again: its receipt, nothing filed.
            return HttpResponseRedirect(reverse("submit_sent"), status=303)
        if refusal := _submit_refusal(request):
            return _form_page(request, form, status=429, problem=refusal)
        Report.submit(
            code=code, then=lambda: drafts.mark_sent(request, digest), **form.cleaned_data
        )
    except DatabaseError:
        return _review_page(
            request,
            form,
            _findings_of(form),
            status=503,
            problem="We could not save your report just now. Nothing was lost: your report "
            "is below. Please try sending it again in a few minutes.",
        )
    return HttpResponseRedirect(reverse("submit_sent"), status=303)


@require_http_methods(["GET"])
@never_cache
def review(request: HttpRequest) -> HttpResponse:
    """The review page of this browser's draft: its findings, found when it was sent to review."""
    draft = drafts.load(request)
    if not draft or draft.get("stage") != "review":
        sent = draft and draft.get("stage") == "sent"
        return HttpResponseRedirect(reverse("submit_sent" if sent else "submit"), status=303)
    form = _bound(draft["data"])
    if not form.is_valid():
        return HttpResponseRedirect(reverse("submit"), status=303)
    return _review_page(request, form, draft["findings"])


def _sent_receipt(request: HttpRequest) -> tuple[str | None, Report | None, HttpResponse | None]:
    """Return the code and report this browser sent lately, or the page that says why not."""
    try:
        code = drafts.sent_code(request)
        report = Report.objects.for_receipt(code) if code else None
    except DatabaseError:
        # Sent, but the receipt cannot be read back just now: a reload shows it.
        return None, None, render(request, "reports/receipt_later.html", status=503)
    if report is None:
        return None, None, render(request, "reports/receipt_gone.html", status=404)
    return code, report, None


@require_http_methods(["GET"])
@never_cache
def sent(request: HttpRequest) -> HttpResponse:
    """The receipt, shown again on a reload for a while, on the browser that sent the report."""
    code, report, refusal = _sent_receipt(request)
    if refusal is not None:
        return refusal
    context = {
        "code": code,
        "report": report,
        "receipt_minutes": drafts.RECEIPT_SECONDS // 60,
        **review_times(),
    }
    return render(request, "reports/receipt.html", context)


@require_http_methods(["GET"])
@never_cache
def receipt_file(request: HttpRequest) -> HttpResponse:
    """The receipt code as a small text file to keep, while the receipt page shows it."""
    code, _report, refusal = _sent_receipt(request)
    if refusal is not None:
        return refusal
    text = (
        f"Near Miss receipt code: {code}\n\n"
        "Keep this private: anyone with the code can see the report's status.\n"
        f"Use it on {request.build_absolute_uri(reverse('status'))} to see the status of your "
        "report, answer a moderator's question, or withdraw it before it is published.\n"
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="near-miss-receipt.txt"'
    return response


def review_times() -> dict:
    """Say how long review usually takes, from the last half-year's publications."""
    days = Report.objects.typical_review_days()
    if days is None:
        return {
            "review_time": "Review usually takes a few days.",
            "check_back": "a few days",
        }
    check = max(2, days + 1)
    return {
        "review_time": f"Lately, a story took about {days} day{'s' * (days != 1)} from arrival "
        "to publication.",
        "check_back": f"{check} days",
    }


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
