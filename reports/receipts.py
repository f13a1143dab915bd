"""Receipt codes: shown to the reporter once, stored only as a keyed hash.

A code is 20 random decimal digits (about 66 bits) in five groups of four, easy to copy by
hand and to read over a radio. Anything but digits is ignored when it is typed back.
"""

import secrets

from django.utils.crypto import salted_hmac

DIGITS = 20
GROUP = 4


def new_code() -> str:
    """Return a fresh code such as 0421-7730-1958-2264-9071."""
    digits = "".join(secrets.choice("0123456789") for _ in range(DIGITS))
    return format_code(digits)


def format_code(digits: str) -> str:
    return "-".join(digits[i : i + GROUP] for i in range(0, len(digits), GROUP))


def normalize(code: str) -> str | None:
    """Return the code's digits, or None when it cannot be a code."""
    digits = "".join(ch for ch in code if ch.isascii() and ch.isdigit())
    return digits if len(digits) == DIGITS else None


def receipt_hash(digits: str) -> str:
    """Return the keyed hash stored for a code (HMAC-SHA256 under SECRET_KEY)."""
    return salted_hmac("nearmiss.receipt", digits, algorithm="sha256").hexdigest()
