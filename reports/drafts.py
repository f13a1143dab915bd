"""What a reporter is writing, kept between the steps of the form, so that every step is a
page of its own (post, redirect, get): a reload or Back never sends anything, and never shows
the browser's "Confirm Form Resubmission".

A draft is one row (reports.models.Draft) per browser, found and sealed (AES-GCM) by keys
derived from the browser's form secret, the one the CSRF cookie holds, and SECRET_KEY. The
site never stores that secret and the cookie ends when the browser closes, so after that nobody,
the site included, can find or read the draft. It keeps the day only, is deleted when the
report is sent (keeping only what shows the receipt again for RECEIPT_SECONDS), and every
draft is deleted the day after next.

The receipt code of a report sent from a draft is derived the same way from the browser's
secret and the report's content (receipt_code): sending the same report twice from the same
browser, by a double tap, a reload or Back, gives the same code, and the database's unique
receipt hash files it once. The code itself is never stored.
"""

import base64
import datetime
import hashlib
import json
import os
import time

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import Error as DatabaseError
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.crypto import salted_hmac

from reports import receipts
from reports.ordering import serialized_write

# How long the receipt page shows the code again, on the browser that sent the report.
RECEIPT_SECONDS = 30 * 60


def _secret(request: HttpRequest) -> str:
    get_token(request)  # makes sure the browser has a form secret (the CSRF cookie)
    return request.META["CSRF_COOKIE"]


def _derived(request: HttpRequest, purpose: str) -> bytes:
    return salted_hmac(f"nearmiss.draft.{purpose}", _secret(request), algorithm="sha256").digest()


def _draft_id(request: HttpRequest) -> str:
    return _derived(request, "id").hex()


def content_digest(data: dict) -> str:
    """Return a digest of a report's cleaned content: what makes two sends the same report."""
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def receipt_code(request: HttpRequest, digest: str) -> str:
    """Return the receipt code of this report sent from this browser (see the module)."""
    key = _derived(request, "receipt")
    value = int.from_bytes(salted_hmac("nearmiss.receipt-code", digest, secret=key).digest())
    return receipts.format_code(str(value % 10**receipts.DIGITS).zfill(receipts.DIGITS))


def _seal(request: HttpRequest, content: dict) -> str:
    nonce = os.urandom(12)
    plain = json.dumps(content, ensure_ascii=False).encode()
    sealed = AESGCM(_derived(request, "key")).encrypt(nonce, plain, _draft_id(request).encode())
    return base64.b64encode(nonce + sealed).decode()


def _open(request: HttpRequest, sealed: str) -> dict | None:
    raw = base64.b64decode(sealed)
    try:
        plain = AESGCM(_derived(request, "key")).decrypt(
            raw[:12], raw[12:], _draft_id(request).encode()
        )
    except InvalidTag:
        return None
    return json.loads(plain)


def load(request: HttpRequest, *, quiet: bool = True) -> dict | None:
    """Return this browser's draft, or None (none, unreadable, or, when quiet, the database
    is down: a form page still shows, empty)."""
    from reports.models import Draft

    if settings.CSRF_COOKIE_NAME not in request.COOKIES:
        return None  # no form secret yet: no draft either
    try:
        draft = Draft.objects.filter(pk=_draft_id(request)).first()
    except DatabaseError:
        if quiet:
            return None
        raise
    return _open(request, draft.sealed) if draft is not None else None


def save(request: HttpRequest, content: dict) -> bool:
    """Keep content as this browser's draft; False when the database cannot take it."""
    from reports.models import Draft

    try:
        with serialized_write():
            forget_old_drafts()
            Draft.objects.update_or_create(
                pk=_draft_id(request),
                defaults={"sealed": _seal(request, content), "started_on": timezone.localdate()},
            )
    except DatabaseError:
        return False
    return True


def mark_sent(request: HttpRequest, digest: str) -> None:
    """Replace the draft by what shows the receipt again: the content's digest, no text.

    Call it inside the transaction that files the report."""
    from reports.models import Draft

    content = {"stage": "sent", "digest": digest, "sent_at": int(time.time())}
    Draft.objects.update_or_create(
        pk=_draft_id(request),
        defaults={"sealed": _seal(request, content), "started_on": timezone.localdate()},
    )


def sent_code(request: HttpRequest) -> str | None:
    """Return the code of the report this browser sent in the last RECEIPT_SECONDS, if any.

    Raises the database's error when it is down: the receipt is then to be shown later."""
    draft = load(request, quiet=False)
    if not draft or draft.get("stage") != "sent":
        return None
    if time.time() - draft["sent_at"] > RECEIPT_SECONDS:
        return None
    return receipt_code(request, draft["digest"])


def forget_old_drafts() -> None:
    """Delete every draft older than yesterday, sent or not."""
    from reports.models import Draft

    Draft.objects.filter(started_on__lt=timezone.localdate() - datetime.timedelta(days=1)).delete()
