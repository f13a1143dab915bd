"""Remove every client address from each request before any other code sees it."""

import hashlib
import hmac
import ipaddress
import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone

from nearmiss.logging import UNLOGGED_PREFIXES, in_reporters_request

# Every header a client, proxy or CDN uses to carry an address (as request.META keys).
ADDRESS_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_FORWARDED_FOR",
    "HTTP_X_FORWARDED",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_FASTLY_CLIENT_IP",
    "HTTP_X_ORIGINAL_FORWARDED_FOR",
    "HTTP_X_ENVOY_EXTERNAL_ADDRESS",
    "HTTP_X_APPENGINE_USER_IP",
    "HTTP_AKAMAI_CLIENT_IP",
    "HTTP_X_AZURE_CLIENTIP",
    "HTTP_X_AZURE_SOCKETIP",
    "HTTP_X_FORWARDED_HOST_IP",
    "HTTP_VIA",
)
# Not addresses, but PRODUCT.md's privacy model keeps no user agent either.
OTHER_IDENTIFYING_HEADERS = ("HTTP_USER_AGENT", "REMOTE_HOST")

logger = logging.getLogger(__name__)

TOKEN_KEY_CACHE_KEY = "ratelimit-token-key:{day}"  # noqa: S105 (a cache key name)
# The key outlives its day a little so requests around midnight still find it.
TOKEN_KEY_TIMEOUT = 26 * 60 * 60


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address: str, trusted: list[str]) -> bool:
    parsed = _parse(address)
    if parsed is None:
        return False
    for entry in trusted:
        try:
            if parsed in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(meta: dict) -> str:
    """Return the address to derive the token from, believing only trusted proxies."""
    remote = meta.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if not trusted or not _is_trusted(remote, trusted):
        return remote
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # The right-most hop that is not one of our proxies is the one our proxy saw.
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop
    return remote


def _token_key() -> bytes:
    """Return today's random HMAC key, kept only in the cache (rotates daily)."""
    cache_key = TOKEN_KEY_CACHE_KEY.format(day=timezone.now().date().isoformat())
    key = cache.get(cache_key)
    if key is None:
        cache.add(cache_key, secrets.token_hex(32), TOKEN_KEY_TIMEOUT)
        key = cache.get(cache_key)
    return key.encode()


def rate_limit_token(address: str) -> str:
    """Return an HMAC of address under today's key: stable for a day, never recomputable after."""
    return hmac.new(_token_key(), address.encode(), hashlib.sha256).hexdigest()


class ClientAddressMiddleware:
    """Derive the rate-limit token, then strip the address and forwarding headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Nothing logged during a reporter's request leaves a line (nearmiss.logging).
        token = in_reporters_request.set(request.path.startswith(UNLOGGED_PREFIXES))
        try:
            return self._handle(request)
        finally:
            in_reporters_request.reset(token)

    def _handle(self, request: HttpRequest) -> HttpResponse:
        try:
            request.rate_limit_token = rate_limit_token(client_address(request.META))
        except Exception:  # the cache is down: serve, unlimited, rather than fail everyone
            logger.warning("Cache unavailable: rate-limit tokens are off until it returns.")
            request.rate_limit_token = "cache-unavailable"  # noqa: S105 (not a secret)
        for name in ("REMOTE_ADDR", *ADDRESS_HEADERS, *OTHER_IDENTIFYING_HEADERS):
            request.META.pop(name, None)
        return self.get_response(request)


# Every powerful feature, denied to every origin: the site needs none of them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "battery",
        "bluetooth",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "speaker-selection",
        "usb",
        "web-share",
        "xr-spatial-tracking",
    ]
)


class PermissionsPolicyMiddleware:
    """Deny every sensor and device to every page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


ALLOWED_METHODS = frozenset({"GET", "HEAD", "POST"})


class AllowedMethodsMiddleware:
    """Answer 405 to any method the site never uses (PUT, DELETE, PATCH, TRACE, ...).

    Django's admin would otherwise treat them as GET; refusing them in one place keeps the
    site's surface to the three methods a browser sends.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(sorted(ALLOWED_METHODS))
        return self.get_response(request)
