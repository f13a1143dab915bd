import logging

import pytest

from nearmiss.logging import RedactAddressesFilter, redact_addresses


@pytest.mark.parametrize(
    "address",
    [
        "203.0.113.9",
        "2001:db8::1",
        "2001:db8:85a3:0:0:8a2e:370:7334",
        "::1",
        "fe80::1ff:fe23:4567:890a",
    ],
)
def test_addresses_are_redacted_from_log_messages(address):
    assert address not in redact_addresses(f"- Broken pipe from ('{address}', 51234)")


def test_ordinary_text_is_left_alone():
    message = '"GET /reports/?page=2 HTTP/1.1" 200 5123'
    assert redact_addresses(message) == message


def test_the_filter_rewrites_a_record_built_from_arguments():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        "- Broken pipe from %s",
        (("198.51.100.4", 5000),),
        None,
    )
    assert RedactAddressesFilter().filter(record) is True
    assert "198.51.100.4" not in record.getMessage()
    assert "[address removed]" in record.getMessage()


def test_the_console_handler_carries_the_filter():
    from django.conf import settings

    assert "no_addresses" in settings.LOGGING["handlers"]["console"]["filters"]
