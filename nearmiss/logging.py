"""The one logging filter every handler carries: no client address, no reporter's page.

Django's own loggers (django.request, django.security.csrf), the development server, gunicorn's
access and error logs and our own all pass through PrivacyFilter (nearmiss/settings.py LOGGING,
nearmiss/gunicorn_logging.py).
"""

import logging
import re
from contextvars import ContextVar

# Pages a reporter uses: even without an address, a timestamped line for each request would
# tell when someone sent or checked a report (log collectors stamp every line they receive).
# Without the slash, so that a redirect from "/submit" is not logged either.
UNLOGGED_PREFIXES = ("/submit", "/status")
# Set by nearmiss.middleware for the length of a reporter's request: every line logged while
# it is set is dropped, whatever logged it (a cache warning, a database error).
in_reporters_request: ContextVar[bool] = ContextVar("in_reporters_request", default=False)

_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
# An address in any form it is written: IPv4; IPv6 full or compressed, with an IPv4 tail
# (mapped "::ffff:203.0.113.45" or embedded), with a zone ("%eth0"); in brackets or with a port
# (the address inside is what goes); followed by a full stop or other punctuation. Clock times
# ("12:30:05") match too; losing them from a log line costs nothing.
ADDRESS_RE = re.compile(
    # IPv6: hex digits and colons (two colons at least), an optional IPv4 tail, a zone.
    rf"(?<![\w:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*:|[0-9A-Fa-f]*::)"
    rf"[0-9A-Fa-f:]{{2,39}}(?:(?<=:){_IPV4})?(?:%[0-9A-Za-z_.-]+)?(?!\w|:[\w:]|\.\d)"
    # IPv4, not part of a longer dotted number or word.
    rf"|(?<![\w.]){_IPV4}(?!\w|\.\d)"
)
REDACTED = "[address removed]"


def redact_addresses(text: str) -> str:
    """Replace anything that looks like an IP address with a placeholder."""
    return ADDRESS_RE.sub(REDACTED, text)


def about_a_reporters_page(record: logging.LogRecord, message: str) -> bool:
    """Return True for a record about a request to /submit/ or /status/."""
    if in_reporters_request.get():
        return True
    request = getattr(record, "request", None)
    path = getattr(request, "path", "") or ""
    if path.startswith(UNLOGGED_PREFIXES):
        return True
    return any(prefix in message for prefix in UNLOGGED_PREFIXES)


class PrivacyFilter(logging.Filter):
    """Drop every line about a reporter's page; rewrite every other so no address survives,
    its traceback included, whoever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if about_a_reporters_page(record, message):
            return False
        cleaned = redact_addresses(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_addresses(record.exc_text)
        return True
