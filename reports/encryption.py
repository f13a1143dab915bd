"""The reporter's own words at rest: AES-256-GCM under keys that never live in the database.

Each value is stored as `nm1.<key id>.<nonce and ciphertext, base64>`: a random 96-bit nonce,
authenticated encryption bound to the field it belongs to (so a value cannot be moved to
another field unnoticed), and no time in it (Fernet tokens carry the moment of encryption,
which here would be the moment a reporter sent their words). Keys come from ENCRYPTION_KEYS,
newest first: the newest encrypts, every one listed decrypts, so keys rotate
(`python manage.py rotate_encryption_key`).
"""

import base64
import binascii
import hashlib
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "nm1"
NONCE_BYTES = 12


class UnreadableText(Exception):
    """Stored text that no configured key opens (a lost key, or tampering)."""


class Unreadable(str):
    """What a page shows in place of text no key opens; never written back (it would replace
    the ciphertext, which the right key could still open, for good)."""


def _refuse_unreadable(value) -> None:
    if isinstance(value, Unreadable):
        raise UnreadableText(
            "This report holds text that no key in ENCRYPTION_KEYS opens; it is not changed "
            "until the key it was written with is back."
        )


def parse_key(text: str) -> bytes:
    """Return the 32 bytes of a key written in urlsafe base64, or refuse it."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise ImproperlyConfigured(
            "ENCRYPTION_KEYS holds a key that is not 32 bytes in urlsafe base64; make one with "
            "`python -m nearmiss.devkey --new-encryption-key`."
        )
    return key


def key_id(key: bytes) -> str:
    """Return a short name for a key that reveals nothing of it."""
    return hashlib.sha256(b"near-miss key id" + key).hexdigest()[:8]


@cache
def _keys(configured: tuple[str, ...]) -> tuple[tuple[str, AESGCM], ...]:
    return tuple((key_id(key), AESGCM(key)) for key in map(parse_key, configured))


def keys() -> tuple[tuple[str, AESGCM], ...]:
    """Return (id, cipher) for each configured key, the newest first."""
    configured = tuple(settings.ENCRYPTION_KEYS)
    if not configured:
        raise ImproperlyConfigured("ENCRYPTION_KEYS is empty.")
    return _keys(configured)


def encrypt(text: str, *, context: str) -> str:
    """Return text encrypted under the newest key, bound to context (the field's name)."""
    if text == "":
        return ""  # nothing to hide; the purge leaves fields empty
    ident, cipher = keys()[0]
    nonce = os.urandom(NONCE_BYTES)
    sealed = cipher.encrypt(nonce, text.encode("utf-8"), context.encode())
    return f"{PREFIX}.{ident}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def decrypt(stored: str, *, context: str) -> str:
    """Return the text of a stored value; UnreadableText if no configured key opens it."""
    if stored == "":
        return ""
    try:
        prefix, ident, body = stored.split(".", 2)
        raw = base64.urlsafe_b64decode(body.encode())
    except (ValueError, binascii.Error):
        raise UnreadableText("This text is not in the encrypted form.") from None
    if prefix != PREFIX:
        raise UnreadableText("This text is not in the encrypted form.")
    for candidate, cipher in keys():
        if candidate == ident:
            try:
                plain = cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
            except InvalidTag:
                raise UnreadableText("This text was altered, or its key is wrong.") from None
            return plain.decode("utf-8")
    raise UnreadableText(
        "This text was encrypted under a key that is no longer in ENCRYPTION_KEYS."
    )


def current_key_id(stored: str) -> bool:
    """Return True when a stored value is under the newest key (or empty)."""
    return stored == "" or stored.startswith(f"{PREFIX}.{keys()[0][0]}.")


class EncryptedTextField(models.TextField):
    """A text field whose values are encrypted at rest (reports.encryption); Python sees text.

    The database holds only ciphertext, so it cannot search or compare these values: the
    admin searches them in Python (reports.admin.ReportAdmin.get_search_results).
    """

    def contribute_to_class(self, cls, name, *args, **kwargs) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.context = f"{cls._meta.label_lower}.{name}"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        try:
            return decrypt(value, context=self.context)
        except UnreadableText as problem:
            # Shown in place of the words, so a lost key never breaks a page.
            return Unreadable(f"[unreadable: {problem}]")

    def get_prep_value(self, value):
        _refuse_unreadable(value)
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value, context=self.context)


class DraftTextField(models.TextField):
    """Text that is encrypted at rest until its report is published, and plain once it is.

    The text to publish starts as the reporter's own words (Report.start_review) and holds
    them until a moderator has redacted it, so while the report is a draft it is kept as the
    reporter's words are; once published it is what every reader sees, and the database
    searches it. The row's status decides, at each save (pre_save): a move therefore writes
    these fields again whenever it changes the status (Report._move).
    """

    def contribute_to_class(self, cls, name, *args, **kwargs) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.context = f"{cls._meta.label_lower}.{name}"

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        _refuse_unreadable(value)
        if value and model_instance.status != "published":
            return Sealed(encrypt(value, context=self.context))
        return value

    def get_prep_value(self, value):
        if isinstance(value, Sealed):
            return str(value)
        return super().get_prep_value(value)

    def from_db_value(self, value, expression, connection):
        if not value or not value.startswith(f"{PREFIX}."):
            return value
        try:
            return decrypt(value, context=self.context)
        except UnreadableText:
            if value.count(".") >= 2 and len(value) > 40 and " " not in value:
                return Unreadable(
                    "[unreadable: the key of this draft is no longer in ENCRYPTION_KEYS]"
                )
            return value  # plain text that happens to start like a sealed one


class Sealed(str):
    """A value DraftTextField already encrypted, passed through to the database as it is."""
