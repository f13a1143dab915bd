"""Cache public pages for readers; any change to what readers see invalidates them all.

Every cached page (and every piece of remembered data) is stored with the version number kept
in the cache, and read together with it in one round trip; changing a published report, a
topic or a report's topics bumps the version now and again once the transaction commits, so
the next request renders afresh. Pages that are personal (the form, the receipt, the status page)
and streamed exports are never cached here.
"""

import hashlib
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
# Part of every key: change it when what is stored changes shape (a page, SearchResults), so
# a new release never reads entries the previous one left in a shared cache.
FORMAT = 2
PAGE_TIMEOUT = 10 * 60
MISSING = object()
LOCAL_ENTRIES = 256
T = TypeVar("T")


def _current(key: str) -> tuple[int, object]:
    """Return the content version and what is stored under key for it (MISSING if nothing is).

    One round trip: the version and the entry are read together, and an entry stored under an
    older version counts as missing.
    """
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        version = _start_version()
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return version, stored[1]
    return version, MISSING


def _start_version() -> int:
    """Start counting versions (first use, or the cache was emptied) and return the version.

    The start is random, so a version never comes back after the cache is emptied: what a
    process remembered under an old version can never be taken for current.
    """
    cache.add(VERSION_KEY, secrets.randbelow(2**62), timeout=None)
    return cache.get(VERSION_KEY)


def _store(key: str, version: int, value: object) -> None:
    try:
        cache.set(key, (version, value), PAGE_TIMEOUT)
    except Exception:
        logger.warning("Cache unavailable: nothing stored.")


class _RecentlyRemembered:
    """What this process remembered lately, by (key, content version), newest kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[str, int], object] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, version: int) -> object:
        with self.lock:
            value = self.entries.get((key, version), MISSING)
            if value is not MISSING:
                self.entries.move_to_end((key, version))
            return value

    def put(self, key: str, version: int, value: object) -> None:
        with self.lock:
            self.entries[(key, version)] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


_recent = _RecentlyRemembered(LOCAL_ENTRIES)
# The content version read with the page at the start of a reader's request (public_page).
_request_version: ContextVar[int | None] = ContextVar("public_pages_version", default=None)


def remembered(name: str, compute: Callable[[], T]) -> T:
    """Return compute() for what readers see now, kept in the cache until the next change.

    For data that only changes when published content changes (the years on offer, counts,
    search results); name must say everything the data depends on. Within a reader's request
    the version read with the page is known, so what this process remembered under it is
    used without asking the cache.
    """
    key = f"public-data:{FORMAT}:" + hashlib.sha256(name.encode()).hexdigest()
    version = _request_version.get()
    if version is not None:
        value = _recent.get(key, version)
        if value is not MISSING:
            return value
    try:
        version, value = _current(key)
    except Exception:  # the cache is down: compute every time, as without a cache
        return compute()
    if value is MISSING:
        value = compute()
        _store(key, version, value)
    _recent.put(key, version, value)
    return value


def invalidate_public_pages() -> None:
    """Make every cached public page stale (call after a change readers would see)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: nothing is cached under one
        _start_version()
    except Exception:  # the cache is down: nothing is being served from it either
        logger.warning("Cache unavailable: could not invalidate public pages.")


def invalidate_after_commit() -> None:
    """Invalidate now, so this transaction's own next read is fresh, and again at commit, so
    a page another reader cached from the old data in between is not kept."""
    invalidate_public_pages()
    transaction.on_commit(invalidate_public_pages)


def _key(request: HttpRequest) -> str:
    """Return the page's key: scheme, host, path and the parameters the view may read."""
    where = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
    return f"public-page:{FORMAT}:" + hashlib.sha256(where.encode()).hexdigest()


def _only(query: QueryDict, params: tuple[str, ...]) -> QueryDict:
    """Return the query string with only params, in a fixed order, so that nothing else can
    change the page (or its links) and junk parameters cannot add cache entries."""
    kept = QueryDict(mutable=True)
    for name in params:
        values = query.getlist(name)
        if values:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


def public_page(view: Callable | None = None, *, params: tuple[str, ...] = ()) -> Callable:
    """Serve a reader's page from the cache when possible; cache successful answers.

    The view sees only the query parameters named in params (the rest are dropped before it
    runs), and the key is made of those, the scheme and the host. Everybody gets the same page,
    moderators included: a change readers would see invalidates it at once, and cookies play no
    part. HEAD is answered like GET.
    """
    if view is None:
        return lambda view: public_page(view, params=params)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.GET = _only(request.GET, params)
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key(request)
        try:
            version, cached = _current(key)
        except Exception:  # the cache is down: render every page, as without a cache
            return view(request, *args, **kwargs)
        if cached is not MISSING:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        token = _request_version.set(version)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        finally:
            _request_version.reset(token)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            _store(key, version, (response.content, response["Content-Type"]))
        return response

    return wrapper
