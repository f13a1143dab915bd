"""Keys for django-ratelimit: the middleware's token, never an address."""

import logging

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def by_token(group: str, request: HttpRequest) -> str:
    # Set by nearmiss.middleware.ClientAddressMiddleware: an HMAC, never the address.
    return request.rate_limit_token


def site_wide(group: str, request: HttpRequest) -> str:
    return "site"


def is_limited(request: HttpRequest, *, group: str, key, rate: str) -> bool:
    """Count this request against a limit; True when over it.

    When the cache cannot be reached the answer is False: reports keep arriving and readers
    keep reading while Redis is down, at the cost of no limits until it returns.
    """
    try:
        return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
    except Exception:
        logger.warning("Cache unavailable: the %s limit is not enforced.", group)
        return False
