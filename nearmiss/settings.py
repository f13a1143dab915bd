"""Settings for Near Miss, read from the environment.

Every setting an operator can change is an environment variable listed in README.md.
Defaults make a fresh checkout run; production refuses the unsafe ones loudly.
"""

import base64
import os
import secrets
import warnings
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from nearmiss.devkey import (
    development_encryption_key,
    development_secret_key,
    new_encryption_key,
)
from nearmiss.workers import worker_count

BASE_DIR = Path(__file__).resolve().parent.parent
# Where the embedded PostgreSQL server and the development key live (unless DATABASE_URL and
# SECRET_KEY are set). `make bench` uses its own, so benchmarks never touch the demo data.
DATA_DIR = Path(os.environ.get("DATA_DIR", "").strip() or BASE_DIR / ".data").resolve()


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but the usual spellings is a configuration error."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """Read a whole number no smaller than minimum."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}.")
    return value


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """Read a django-ratelimit rate such as '5/h'."""
    raw = os.environ.get(name, "").strip() or default
    count, _, period = raw.partition("/")
    if not count.isdigit() or period not in {"s", "m", "h", "d"}:
        raise ImproperlyConfigured(
            f"{name} must look like 5/h (count per s, m, h or d); got {raw!r}."
        )
    return raw


def database_from_url(url: str, *, name: str = "DATABASE_URL") -> dict:
    """Turn postgres://user:password@host:port/dbname?sslmode=require into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"{name} must start with postgres://; got {parts.scheme!r}.")
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise ImproperlyConfigured(f"{name} must name a database, e.g. postgres://host/nearmiss.")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number.") from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


DEBUG = env_bool("DEBUG", False)
# pytest sets PYTEST_VERSION for the length of a test run.
TESTING = "PYTEST_VERSION" in os.environ

SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if TESTING or os.environ.get("NEARMISS_THROWAWAY_SECRET_KEY") == "1":
        SECRET_KEY = secrets.token_urlsafe(50)
    elif DEBUG:
        SECRET_KEY = development_secret_key(DATA_DIR / "secret_key")
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs a long random SECRET_KEY in the environment "
            "(for example from: python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
            "For local development use `make run`, which sets DEBUG=1."
        )
elif len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY is too short: use at least 32 random characters.")

# The keys of the reporter's words at rest (reports.encryption), newest first: the newest
# encrypts, each decrypts. Never in the database, so a dump or a backup alone reveals nothing.
ENCRYPTION_KEYS = env_list("ENCRYPTION_KEYS", "")
if not ENCRYPTION_KEYS:
    if TESTING or os.environ.get("NEARMISS_THROWAWAY_SECRET_KEY") == "1":
        ENCRYPTION_KEYS = [new_encryption_key()]
    elif DEBUG:
        ENCRYPTION_KEYS = [development_encryption_key(DATA_DIR / "encryption_key")]
    else:
        raise ImproperlyConfigured(
            "ENCRYPTION_KEYS is not set. Production needs at least one key for the reporters' "
            "words at rest (make one with: python -m nearmiss.devkey --new-encryption-key), "
            'kept outside the database and its backups. See the README, "Encryption".'
        )
for _key in ENCRYPTION_KEYS:
    try:
        _valid = len(base64.urlsafe_b64decode(_key.encode())) == 32
    except ValueError:
        _valid = False
    if not _valid:
        raise ImproperlyConfigured(
            "ENCRYPTION_KEYS holds a value that is not a key (32 bytes in urlsafe base64, as "
            "python -m nearmiss.devkey --new-encryption-key prints)."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    # Django's admin on our own site class: two-factor login, throttled (nearmiss/admin.py).
    "nearmiss.apps.NearMissAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "nearmiss.apps.NearMissConfig",
    "reports",
]

MIDDLEWARE = [
    # First, always: nothing after it ever sees a client address (PRODUCT.md, privacy model 1).
    "nearmiss.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nearmiss.middleware.PermissionsPolicyMiddleware",
    "nearmiss.middleware.AllowedMethodsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Static files with hashed names and long cache headers, straight from the app server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "nearmiss.urls"
WSGI_APPLICATION = "nearmiss.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    # An embedded PostgreSQL server (pgserver), started on first connection; see
    # nearmiss/embedded_db. Tests point EMBEDDED_DATA_DIR at a temporary directory.
    DATABASES = {
        "default": {
            "ENGINE": "nearmiss.embedded_db",
            "NAME": "nearmiss",
            "USER": "postgres",
            "EMBEDDED_DATA_DIR": str(DATA_DIR / "postgres"),
            # Keep connections between requests, as with DATABASE_URL.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "nearmiss.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nearmiss",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SILENCED_SYSTEM_CHECKS = [
    # HSTS preloading commits the agency's whole domain to HTTPS in browsers for years; that
    # is the domain owner's decision, not a default (README, "Production settings").
    "security.W021",
    # Django's own Redis backend increments atomically; django-ratelimit only lists the
    # third-party one. Without REDIS_URL the per-process memory cache is a documented
    # one-process default (README, "Running more than one process").
    "django_ratelimit.W001",
    "django_ratelimit.E003",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with content hashes in their names (collectstatic); plain in DEBUG.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60  # hashed names change whenever a file does
if DEBUG or TESTING:
    # Serve straight from static/ without collectstatic; staticfiles/ need not exist.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")

# Our own template pack (templates/nearmiss_forms/): the GOV.UK Design System's order of label,
# hint, error message and input, and its error summary, with class names of our own.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("nearmiss_forms",)
CRISPY_TEMPLATE_PACK = "nearmiss_forms"
# The class {% crispy_field %} gives each kind of input (static/css/site.css, "Forms").
CRISPY_CLASS_CONVERTERS = {
    "textinput": "text-input",
    "emailinput": "text-input",
    "numberinput": "text-input",
    "passwordinput": "text-input",
    "textarea": "text-area",
    "select": "select-menu",
    "checkboxinput": "choice-input",
}

# Moderation and retention (PRODUCT.md, "Life of a report").
PUBLISH_APPROVALS = env_int("PUBLISH_APPROVALS", 2, minimum=1)
RETENTION_DAYS = env_int("RETENTION_DAYS", 90, minimum=1)

# Moderators log in with a password and a TOTP code (django-otp). Only a development demo
# (DEBUG on) relaxes that, and the admin says so on every page.
ADMIN_REQUIRE_OTP = env_bool("ADMIN_REQUIRE_OTP", not DEBUG)
OTP_TOTP_ISSUER = "Near Miss"

# Abuse controls. Rates are per rate-limit token (an HMAC of the client address under a key
# that lives only in the cache and rotates daily), except the site-wide ceiling.
# Reports: everyone behind one address (a station's NAT, an agency's VPN) shares a token, so
# the hour's limit leaves room for a station of ten officers twice over, and the burst limit
# stops a script within seconds while letting through the few officers who finish writing in
# the same minute (README, "Rate limits").
RATELIMIT_SUBMIT_BURST = env_rate("RATELIMIT_SUBMIT_BURST", "5/m")
RATELIMIT_SUBMIT = env_rate("RATELIMIT_SUBMIT", "20/h")
# Each check before sending runs the identifier detector, which costs CPU; checks are counted
# apart from sending, so checking never uses up a reporter's sends.
RATELIMIT_REVIEW = env_rate("RATELIMIT_REVIEW", "60/h")
RATELIMIT_STATUS = env_rate("RATELIMIT_STATUS", "30/h")
# From everyone together: far above the busiest honest minute, since reaching it refuses
# everyone; it bounds what a flood from many addresses can write.
RATELIMIT_SUBMIT_SITE = env_rate("RATELIMIT_SUBMIT_SITE", "60/m")
# If the cache (Redis) is down, accept requests rather than refuse every reporter.
RATELIMIT_FAIL_OPEN = True
# Moderator login attempts, per username and per rate-limit token.
RATELIMIT_LOGIN = env_rate("RATELIMIT_LOGIN", "10/h")
# Addresses of reverse proxies whose X-Forwarded-For is believed when deriving the token.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

# The site is served over HTTPS (TLS ends at the reverse proxy, which must set
# X-Forwarded-Proto). Off for DEBUG, for `make serve` on plain http://127.0.0.1, and for
# tests, which speak plain HTTP to Django's test client and live server.
HTTPS = env_bool("HTTPS", not DEBUG and not TESTING)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes speak plain HTTP inside
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    # __Host- cookies are only accepted over HTTPS, for this exact host and path.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Every response: a strict policy of our own origin only (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Gunicorn workers (gunicorn.conf.py reads the same); more than one needs REDIS_URL.
WEB_CONCURRENCY = worker_count()

# Readers get no cookies; forms get only the CSRF cookie, and it never outlives the browser.
CSRF_COOKIE_AGE = None
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_HTTPONLY = True
# Moderator sessions end when the browser closes, and after 8 hours whatever happens.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
# The largest post anyone needs is a moderator's report page with a story at twice the form's
# limit in four-byte characters, percent-encoded (about 1 MB); nothing larger is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_200_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "reports.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # No client address and no line about a reporter's page, from any logger.
        "privacy": {"()": "nearmiss.logging.PrivacyFilter"},
    },
    "formatters": {
        # No %(asctime)s of a request line is needed to run the site; keep levels and names.
        "plain": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["privacy"],
        },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # The development server's request log; the filter keeps addresses out of it.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "pgserver": {"level": "WARNING"},
    },
}
