"""The moderators' admin site: password plus TOTP code, throttled, sessions of 8 hours."""

import hashlib
import logging
import time

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django_otp.plugins.otp_totp.models import TOTPDevice

from reports.views.ratelimits import is_limited

LOGIN_FAILED = (
    "That did not work. Check your username, password and two-factor code, and try again."
)
LOGIN_THROTTLED = "Too many login attempts. Please wait an hour before trying again."
LOGIN_SLOWED = (
    "Too many failed logins for this username. Wait a minute, then try again with your "
    "password and a new two-factor code."
)
# Once a username has had RATELIMIT_LOGIN failures in an hour, a connection that fails on it
# may try it again only after this many seconds. Nothing waits: the refusal is immediate.
SLOWDOWN_SECONDS = 60
SESSION_STARTED_KEY = "nearmiss_login_at"

logger = logging.getLogger(__name__)


def verified_device(user, token: str) -> TOTPDevice | None:
    """Return the user's confirmed TOTP device that accepts token, if any."""
    token = "".join(token.split())
    if not token.isdigit():
        return None
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


class ModeratorLoginForm(AdminAuthenticationForm):
    """Username, password and TOTP code, refused with one message whatever was wrong."""

    otp_token = forms.CharField(
        label="Two-factor code",
        required=False,
        max_length=12,
        help_text="The 6-digit code from your authenticator app.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )

    def clean(self):
        try:
            super().clean()
        except ValidationError:
            raise ValidationError(LOGIN_FAILED, code="invalid_login") from None
        if settings.ADMIN_REQUIRE_OTP:
            user = self.get_user()
            device = verified_device(user, self.cleaned_data.get("otp_token", ""))
            if device is None:
                raise ValidationError(LOGIN_FAILED, code="invalid_login")
            # django-otp marks the session verified when the user logs in with this set.
            user.otp_device = device
        return self.cleaned_data


def _username(group: str, request: HttpRequest) -> str:
    return request.POST.get("username", "").strip().lower()[:150] or "-"


def _token(group: str, request: HttpRequest) -> str:
    return request.rate_limit_token


class NearMissAdminSite(admin.AdminSite):
    site_header = "Near Miss moderation"
    site_title = "Near Miss moderation"
    index_title = "Work list"
    login_form = ModeratorLoginForm
    login_template = "admin/nearmiss_login.html"
    index_template = "admin/worklist.html"

    def index(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """Open on the moderator's work list; other staff see the plain index."""
        extra = {}
        if request.user.has_perm("reports.moderate_report"):
            from reports import worklist

            found = worklist.sections(request.user)
            extra = {"sections": found, "dashboard": worklist.dashboard(found)}
        return super().index(request, {**extra, **(extra_context or {})})

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        if settings.ADMIN_REQUIRE_OTP and not request.user.is_verified():
            return False
        started = request.session.get(SESSION_STARTED_KEY, 0)
        if time.time() - started > settings.SESSION_COOKIE_AGE:
            logout(request)
            return False
        return True

    def each_context(self, request: HttpRequest) -> dict:
        context = super().each_context(request)
        context["admin_requires_otp"] = settings.ADMIN_REQUIRE_OTP
        return context

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """Log in, with attempts limited per connection and failures slowed per username.

        A username is never locked: a stranger's wrong guesses must not keep a moderator with
        the right password and code out. Past RATELIMIT_LOGIN failures an hour for a username,
        a connection that has just failed on it is refused for SLOWDOWN_SECONDS before its next
        try. That slows every guesser of that username to one try a minute per connection,
        while a moderator on their own connection, who has not failed, gets in at once. No
        request ever waits, so guesses cannot tie up the server's workers either.
        """
        if request.method != "POST":
            return super().login(request, extra_context)
        if is_limited(
            request, group="admin-login-token", key=_token, rate=settings.RATELIMIT_LOGIN
        ):
            return self._refused(request, LOGIN_THROTTLED)
        slowed_key = _slowed_key(request)
        if _cache_get(slowed_key):
            return self._refused(request, LOGIN_SLOWED)
        response = super().login(request, extra_context)
        if not request.user.is_authenticated:
            targeted = is_limited(
                request,
                group="admin-login-username",
                key=_username,
                rate=settings.RATELIMIT_LOGIN,
            )
            if targeted:
                _cache_set(slowed_key, SLOWDOWN_SECONDS)
        return response

    def _refused(self, request: HttpRequest, message: str) -> HttpResponse:
        context = {
            **self.each_context(request),
            "title": "Log in",
            "form": self.login_form(request),
            "throttled": message,
        }
        return TemplateResponse(request, self.login_template, context, status=429)


def _slowed_key(request: HttpRequest) -> str:
    # The connection's token is already an HMAC; the username is hashed so no name sits in the
    # cache in clear.
    username = hashlib.sha256(_username("", request).encode()).hexdigest()[:32]
    return f"nearmiss:login-slowed:{request.rate_limit_token}:{username}"


def _cache_get(key: str):
    # Like the rate limits: with the cache down, logins are not slowed rather than refused.
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Cache unavailable: failed logins are not slowed.")
        return None


def _cache_set(key: str, seconds: int) -> None:
    try:
        cache.set(key, 1, timeout=seconds)
    except Exception:
        logger.warning("Cache unavailable: failed logins are not slowed.")


@receiver(user_logged_in)
def _remember_login_time(sender, request, user, **kwargs) -> None:
    # Sessions are cut at SESSION_COOKIE_AGE after login, even if they are kept busy.
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = int(time.time())
