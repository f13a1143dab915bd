"""How many gunicorn workers serve: read by gunicorn.conf.py and by our system check."""

import os

from django.core.exceptions import ImproperlyConfigured


def worker_count() -> int:
    """Return WEB_CONCURRENCY, or two workers per core (at most 8) when it is unset."""
    raw = os.environ.get("WEB_CONCURRENCY", "").strip()
    if not raw:
        return min(2 * (os.cpu_count() or 1), 8)
    if not raw.isdigit() or int(raw) < 1:
        raise ImproperlyConfigured(
            f"WEB_CONCURRENCY must be a whole number of at least 1; got {raw!r}."
        )
    return int(raw)
