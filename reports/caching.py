"""Cache public pages for readers; any change to what readers see invalidates them all.

Every cached page's key carries a version number kept in the cache; changing a published
report, a topic or a report's topics bumps the version once the transaction commits, so the
next request renders afresh. Pages that are personal (the form, the receipt, the status page)
and streamed exports are never cached here.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
PAGE_TIMEOUT = 10 * 60


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate_public_pages() -> None:
    """Make every cached public page stale (call after a change readers would see)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: nothing is cached under one
        cache.add(VERSION_KEY, 1, timeout=None)
    except Exception:  # the cache is down: nothing is being served from it either
        logger.warning("Cache unavailable: could not invalidate public pages.")


def invalidate_after_commit() -> None:
    """Invalidate now, so this transaction's own next read is fresh, and again at commit, so
    a page another reader cached from the old data in between is not kept."""
    invalidate_public_pages()
    transaction.on_commit(invalidate_public_pages)


def _key(request: HttpRequest) -> str:
    where = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"public-page:{_version()}:{digest}"


def public_page(view: Callable) -> Callable:
    """Serve a reader's GET from the cache when possible; cache successful answers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Moderators (who have a session) always see the page as it is now.
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        try:
            key = _key(request)
            cached = cache.get(key)
        except Exception:  # the cache is down: render every page, as without a cache
            return view(request, *args, **kwargs)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            try:
                cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
            except Exception:
                logger.warning("Cache unavailable: page not stored.")
        return response

    return wrapper
