import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

GOOD = "a long and unusual passphrase"


def _answers(monkeypatch, *answers):
    queue = list(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": queue.pop(0))


def test_it_creates_a_staff_moderator_with_a_totp_device_and_prints_the_enrolment(monkeypatch):
    _answers(monkeypatch, GOOD, GOOD)
    out = io.StringIO()
    call_command("createmoderator", "casey", stdout=out)
    user = User.objects.get(username="casey")
    assert user.is_staff and not user.is_superuser
    assert user.check_password(GOOD)
    assert list(user.groups.values_list("name", flat=True)) == ["moderators"]
    assert user.has_perm("reports.moderate_report")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    output = out.getvalue()
    uri = next(line for line in output.splitlines() if line.startswith("otpauth://totp/"))
    assert uri == device.config_url
    assert "Near%20Miss" in uri or "Near Miss" in parse_qs(urlsplit(uri).query)["issuer"][0]
    assert "█" in output or "▀" in output or "▄" in output  # the QR code, drawn in the terminal
    # The printed secret is the device's: an authenticator app would produce valid codes.
    assert device.verify_token(str(TOTP(device.bin_key).token()).zfill(6))


def test_mismatched_or_weak_passwords_are_asked_again(monkeypatch):
    _answers(monkeypatch, GOOD, "different", "short", "short", GOOD, GOOD)
    err = io.StringIO()
    call_command("createmoderator", "casey", stdout=io.StringIO(), stderr=err)
    assert "did not match" in err.getvalue()
    assert "too short" in err.getvalue()
    assert User.objects.get(username="casey").check_password(GOOD)


def test_three_failed_tries_create_nothing(monkeypatch):
    _answers(monkeypatch, "a", "b", "c", "d", "e", "f")
    with pytest.raises(CommandError, match="nothing was created"):
        call_command("createmoderator", "casey", stdout=io.StringIO(), stderr=io.StringIO())
    assert not User.objects.filter(username="casey").exists()


def test_an_existing_username_is_refused(monkeypatch):
    User.objects.create_user("casey")
    with pytest.raises(CommandError, match="already exists"):
        call_command("createmoderator", "casey")
