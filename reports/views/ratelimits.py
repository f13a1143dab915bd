"""Keys for django-ratelimit: the middleware's token, never an address."""

from django.http import HttpRequest


def by_token(group: str, request: HttpRequest) -> str:
    # Set by nearmiss.middleware.ClientAddressMiddleware: an HMAC, never the address.
    return request.rate_limit_token


def site_wide(group: str, request: HttpRequest) -> str:
    return "site"
