"""The moderators' admin site: password plus TOTP code, throttled, sessions of 8 hours."""

import time

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
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
# How long each failure waits once a username has had RATELIMIT_LOGIN failures in an hour.
SLOWDOWN_SECONDS = 2
SESSION_STARTED_KEY = "nearmiss_login_at"


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
        each further failure is answered only after SLOWDOWN_SECONDS, which makes guessing
        slow while a right answer still gets in at once.
        """
        if request.method == "POST" and is_limited(
            request, group="admin-login-token", key=_token, rate=settings.RATELIMIT_LOGIN
        ):
            context = {
                **self.each_context(request),
                "title": "Log in",
                "form": self.login_form(request),
                "throttled": LOGIN_THROTTLED,
            }
            return TemplateResponse(request, self.login_template, context, status=429)
        response = super().login(request, extra_context)
        if request.method == "POST" and not request.user.is_authenticated:
            slowed = is_limited(
                request,
                group="admin-login-username",
                key=_username,
                rate=settings.RATELIMIT_LOGIN,
            )
            if slowed:
                time.sleep(SLOWDOWN_SECONDS)
        return response


@receiver(user_logged_in)
def _remember_login_time(sender, request, user, **kwargs) -> None:
    # Sessions are cut at SESSION_COOKIE_AGE after login, even if they are kept busy.
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = int(time.time())
