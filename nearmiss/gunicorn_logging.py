"""Gunicorn's logger, made to keep no client address, user agent or reporter's time."""

from gunicorn.glogging import Logger

from nearmiss.logging import RedactAddressesFilter

# Pages a reporter uses: even without an address, a timestamped line for each request would
# tell when someone sent or checked a report (log collectors stamp every line they receive).
UNLOGGED_PREFIXES = ("/submit/", "/status/")


class PrivacyLogger(Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactAddressesFilter())

    def access(self, resp, req, environ, request_time) -> None:
        if environ.get("PATH_INFO", "").startswith(UNLOGGED_PREFIXES):
            return
        super().access(resp, req, environ, request_time)
