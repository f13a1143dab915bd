"""Logging filters that keep client addresses out of every log line."""

import logging
import re

# IPv4 dotted quads, and any run of hex digits and colons with at least two colons (IPv6,
# including compressed forms such as ::1). Clock times match too; losing them costs nothing.
ADDRESS_RE = re.compile(
    r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"
    r"|(?<![\w:])(?=[0-9a-fA-F:]*:[0-9a-fA-F:]*:)[0-9a-fA-F:]{2,39}(?:%\w+)?(?![\w:])"
)


def redact_addresses(text: str) -> str:
    """Replace anything that looks like an IP address with a placeholder."""
    return ADDRESS_RE.sub("[address removed]", text)


class RedactAddressesFilter(logging.Filter):
    """Rewrite each record's message so no address survives, whoever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_addresses(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
