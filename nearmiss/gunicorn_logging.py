"""Gunicorn's logger, made to keep no client address, user agent or reporter's time."""

from gunicorn.glogging import Logger

from nearmiss.logging import PrivacyFilter


class PrivacyLogger(Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(PrivacyFilter())
