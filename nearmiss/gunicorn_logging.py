"""Gunicorn's logger, made to keep no client address, user agent or reporter's time."""

import logging

from gunicorn.glogging import Logger

from nearmiss.logging import RedactAddressesFilter

# Pages a reporter uses: even without an address, a timestamped line for each request would
# tell when someone sent or checked a report (log collectors stamp every line they receive).
UNLOGGED_PREFIXES = ("/submit/", "/status/")


class ReporterPagesFilter(logging.Filter):
    """Drop every line about a request to a reporter's page (access lines, debug lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(prefix in message for prefix in UNLOGGED_PREFIXES)


class PrivacyLogger(Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(ReporterPagesFilter())
                handler.addFilter(RedactAddressesFilter())
