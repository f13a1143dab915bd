"""Statistics and open data: counts with small cells withheld, and streamed exports."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reports import open_data, statistics
from reports.caching import public_page


@require_safe
@public_page
def stats(request: HttpRequest) -> HttpResponse:
    context = {"charts": statistics.charts(), "k": statistics.K_ANONYMITY}
    return render(request, "reports/stats.html", context)


@require_safe
@public_page
def data(request: HttpRequest) -> HttpResponse:
    context = {
        "fields": open_data.FIELDS,
        "withheld": open_data.WITHHELD,
        "k": statistics.K_ANONYMITY,
    }
    return render(request, "reports/data.html", context)


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_safe
def reports_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Stream every published story as CSV, a chunk of rows at a time."""
    response = StreamingHttpResponse(
        open_data.csv_lines(_base_url(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="near-miss-reports.csv"'
    return response


@require_safe
def reports_json(request: HttpRequest) -> StreamingHttpResponse:
    """Stream every published story as a JSON array."""
    return StreamingHttpResponse(
        open_data.json_chunks(_base_url(request)), content_type="application/json"
    )
