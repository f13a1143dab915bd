"""System checks of our own."""

from django.conf import settings
from django.core import checks


def shared_cache_problem() -> str | None:
    """Return what goes wrong when several workers run without REDIS_URL, else None."""
    if settings.WEB_CONCURRENCY > 1 and not settings.REDIS_URL:
        return (
            f"{settings.WEB_CONCURRENCY} workers serve without REDIS_URL: each keeps its own "
            "cache, so rate limits are per worker and cached pages are not shared."
        )
    return None


# A deployment check (manage.py check --deploy); gunicorn.conf.py says the same at start.
@checks.register(checks.Tags.caches, deploy=True)
def rate_limits_need_a_shared_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Warn when several workers would each keep their own rate-limit counters."""
    problem = shared_cache_problem()
    if problem is None:
        return []
    return [
        checks.Warning(
            problem,
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), or WEB_CONCURRENCY=1.",
            id="nearmiss.W001",
        )
    ]
