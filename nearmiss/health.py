"""Liveness and readiness probes for load balancers and orchestrators."""

from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer ok while the process serves requests; never touches the database."""
    return HttpResponse("ok", content_type="text/plain")


def database_available() -> bool:
    """Return True when the database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


@require_safe
@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Answer ok only when the database answers a query."""
    if not database_available():
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
