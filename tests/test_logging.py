"""Logs keep no client address in any form, and no line about a reporter's page."""

import ipaddress
import logging

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nearmiss.logging import PrivacyFilter, redact_addresses

PUNCTUATION = ["", ".", ",", ";", ":", ")", "!", "?", "'", '"', "]", "...", ".\n"]


def _forms(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[str]:
    """Return the ways an address is written in logs."""
    if address.version == 4:
        text = str(address)
        return [text, f"{text}:8080", f"::ffff:{text}", f"[::ffff:{text}]:443", f"64:ff9b::{text}"]
    return [
        address.compressed,
        address.exploded,
        f"[{address.compressed}]:8080",
        f"{address.compressed}%eth0",
        address.compressed.upper(),
    ]


def _leftovers(address, redacted: str) -> list[str]:
    """Return any piece of the address still readable in redacted text."""
    if address.version == 4:
        octets = str(address).split(".")
        pieces = [".".join(octets), ".".join(octets[1:]), ".".join(octets[:3])]
    else:
        pieces = [address.compressed, address.exploded]
        groups = address.exploded.split(":")
        pieces += [":".join(groups[i : i + 3]) for i in range(0, 6)]
    return [piece for piece in pieces if piece in redacted]


@settings(max_examples=1000, deadline=None)
@example(
    address=ipaddress.ip_address("1000:1000:1000:1000:1000:1000:1000:1000"),
    form=1,
    before="from ",
    after=":",
)
@example(address=ipaddress.ip_address("203.0.113.45"), form=2, before="from ", after=".")
@given(
    address=st.ip_addresses(),
    form=st.integers(0, 4),
    before=st.sampled_from(["from ", "(", "[", "client=", "for ", "'"]),
    after=st.sampled_from(PUNCTUATION),
)
def test_no_address_survives_in_any_form(address, form, before, after):
    written = _forms(address)[form]
    redacted = redact_addresses(f"Broken pipe {before}{written}{after} while writing")
    assert _leftovers(address, redacted) == [], redacted


@pytest.mark.parametrize(
    "message",
    [
        '"GET /reports/?page=2 HTTP/1.1" 200 5123',
        "GET /reports/xk2v9mqbtd/ 200 4812 12ms",
        "version 5.2.19 started in 1.25 s",
        "ERROR reports.caching Cache unavailable: nothing stored.",
    ],
)
def test_ordinary_text_is_left_alone(message):
    assert redact_addresses(message) == message


def _record(message, *args, request=None, exc_info=None) -> logging.LogRecord:
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, message, args, exc_info
    )
    if request is not None:
        record.request = request
    return record


def test_the_filter_rewrites_a_record_built_from_arguments():
    record = _record("- Broken pipe from %s", ("198.51.100.4", 5000))
    assert PrivacyFilter().filter(record) is True
    assert "198.51.100.4" not in record.getMessage()
    assert "[address removed]" in record.getMessage()


@pytest.mark.parametrize(
    "message",
    [
        "Too Many Requests: /status/",
        "Forbidden (Origin checking failed - https://evil.example does not match): /submit/",
        "Internal Server Error: /submit/",
    ],
)
def test_the_filter_drops_every_line_about_a_reporters_page(message):
    assert PrivacyFilter().filter(_record(message)) is False


def test_the_filter_drops_a_record_whose_request_is_a_reporters_page(rf):
    request = rf.post("/status/")
    assert PrivacyFilter().filter(_record("Something failed", request=request)) is False


def test_the_filter_redacts_addresses_in_tracebacks():
    try:
        raise ConnectionError("reset by 203.0.113.77")
    except ConnectionError:
        import sys

        record = _record("Failed", exc_info=sys.exc_info())
    assert PrivacyFilter().filter(record) is True
    assert "203.0.113.77" not in record.exc_text


def test_every_handler_carries_the_filter():
    from django.conf import settings

    for handler in settings.LOGGING["handlers"].values():
        assert "privacy" in handler["filters"]
