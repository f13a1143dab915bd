"""Cache public pages for readers; any change to what readers see invalidates them all.

Every cached page (and every piece of remembered data) is stored with the version number kept
in the cache, and read together with it in one round trip; changing a published report, a
topic or a report's topics bumps the version now and again once the transaction commits, so
the next request renders afresh. Pages that are personal (the form, the receipt, the status page)
and streamed exports are never cached here.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
PAGE_TIMEOUT = 10 * 60
MISSING = object()
T = TypeVar("T")


def _current(key: str) -> tuple[int, object]:
    """Return the content version and what is stored under key for it (MISSING if nothing is).

    One round trip: the version and the entry are read together, and an entry stored under an
    older version counts as missing.
    """
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return version, stored[1]
    return version, MISSING


def _store(key: str, version: int, value: object) -> None:
    try:
        cache.set(key, (version, value), PAGE_TIMEOUT)
    except Exception:
        logger.warning("Cache unavailable: nothing stored.")


def remembered(name: str, compute: Callable[[], T]) -> T:
    """Return compute() for what readers see now, kept in the cache until the next change.

    For data that only changes when published content changes (the years on offer, counts,
    search results); name must say everything the data depends on.
    """
    key = "public-data:" + hashlib.sha256(name.encode()).hexdigest()
    try:
        version, value = _current(key)
    except Exception:  # the cache is down: compute every time, as without a cache
        return compute()
    if value is MISSING:
        value = compute()
        _store(key, version, value)
    return value


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
    return "public-page:" + hashlib.sha256(where.encode()).hexdigest()


def public_page(view: Callable) -> Callable:
    """Serve a reader's GET from the cache when possible; cache successful answers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Moderators (who have a session) always see the page as it is now.
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        key = _key(request)
        try:
            version, cached = _current(key)
        except Exception:  # the cache is down: render every page, as without a cache
            return view(request, *args, **kwargs)
        if cached is not MISSING:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            _store(key, version, (response.content, response["Content-Type"]))
        return response

    return wrapper
