"""Moderator login: password plus TOTP code, one message for every failure, throttled."""

import time
from time import sleep as pause  # kept before never_waits replaces time.sleep

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nearmiss.admin import LOGIN_FAILED, LOGIN_SLOWED, SESSION_STARTED_KEY
from tests.factories import login_verified, make_moderator

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password"


@pytest.fixture
def device(moderator):
    return TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)


def _code(device) -> str:
    return str(TOTP(device.bin_key, drift=device.drift).token()).zfill(6)


def _log_in(client, username="moderator", password=PASSWORD, code=""):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "otp_token": code},
    )


def test_password_and_code_let_a_moderator_in(client, device):
    response = _log_in(client, code=_code(device))
    assert response.status_code == 302
    assert client.get("/admin/reports/report/").status_code == 200


@pytest.mark.parametrize(
    "case",
    ["wrong password", "wrong code", "no code", "unknown user", "not staff", "code of another"],
)
def test_every_failed_login_gets_the_same_message(client, device, case, django_user_model):
    other = make_moderator("other-moderator")
    other_device = TOTPDevice.objects.create(user=other, name="phone", confirmed=True)
    django_user_model.objects.create_user("civilian", password=PASSWORD)
    attempts = {
        "wrong password": {"password": "not the password", "code": _code(device)},
        "wrong code": {"code": str((int(_code(device)) + 1) % 1_000_000).zfill(6)},
        "no code": {"code": ""},
        "unknown user": {"username": "nobody", "code": "123456"},
        "not staff": {"username": "civilian", "code": "123456"},
        "code of another": {"code": _code(other_device)},
    }
    response = _log_in(client, **attempts[case])
    html = response.content.decode()
    assert response.status_code == 200
    assert LOGIN_FAILED in html
    assert "Please enter the correct" not in html  # Django's own, telling a password apart
    assert client.get("/admin/reports/report/").status_code == 302


def test_a_logged_in_but_unverified_user_is_sent_back_to_login(client, moderator):
    client.force_login(moderator)  # password only, no second factor
    response = client.get("/admin/reports/report/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.fixture
def never_waits(monkeypatch):
    """Fail the test if the login makes a request wait: waits tie up the server's workers."""
    import nearmiss.admin

    def refuse(seconds):
        raise AssertionError(f"the login waited {seconds} s")

    monkeypatch.setattr(nearmiss.admin.time, "sleep", refuse)


def test_a_strangers_guesses_never_keep_the_moderator_out(client, device, never_waits):
    for n in range(30):
        stranger = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        assert _log_in(stranger, password="wrong").status_code in (200, 429)
        assert _log_in(stranger, password="wrong", code=_code(device)).status_code in (200, 429)
    response = _log_in(client, code=_code(device))
    assert response.status_code == 302
    assert client.get("/admin/reports/report/").status_code == 200


def test_past_the_limit_a_connection_that_failed_waits_a_minute_on_that_username(
    client, device, never_waits, monkeypatch
):
    import nearmiss.admin

    monkeypatch.setattr(nearmiss.admin, "SLOWDOWN_SECONDS", 1)
    for n in range(10):
        answer = _log_in(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), password="wrong")
        assert answer.status_code == 200 and LOGIN_FAILED in answer.content.decode()
    guesser = Client(REMOTE_ADDR="198.51.100.99")
    # The eleventh failure is answered at once and says what every failure says.
    first = _log_in(guesser, password="wrong")
    assert first.status_code == 200 and LOGIN_FAILED in first.content.decode()
    # Its next try is refused without being checked, right password or not.
    for password in ("wrong again", PASSWORD):
        again = _log_in(guesser, password=password, code=_code(device))
        assert again.status_code == 429
        assert LOGIN_SLOWED in again.content.decode()
        assert not guesser.session.get("_auth_user_id")
    # Another username from the same connection is not slowed.
    other = _log_in(guesser, username="someone-else", password="wrong")
    assert other.status_code == 200 and LOGIN_FAILED in other.content.decode()
    # Once the wait is over, the right password and code get in from that connection too.
    pause(1.1)
    assert _log_in(guesser, code=_code(device)).status_code == 302


def test_below_the_limit_failures_are_never_slowed(client, device, never_waits):
    guesser = Client(REMOTE_ADDR="198.51.100.50")
    for _ in range(5):
        answer = _log_in(guesser, password="wrong")
        assert answer.status_code == 200 and LOGIN_FAILED in answer.content.decode()
    assert _log_in(guesser, code=_code(device)).status_code == 302


def test_attempts_from_one_connection_are_limited_whatever_the_username(
    client, device, never_waits
):
    for n in range(10):
        _log_in(client, username=f"guess-{n}", password="wrong")
    refused = _log_in(client, username="guess-last", password="wrong")
    assert refused.status_code == 429
    assert "Too many login attempts" in refused.content.decode()
    # The moderator, on their own connection, is not affected.
    assert _log_in(Client(REMOTE_ADDR="192.0.2.7"), code=_code(device)).status_code == 302


def test_a_session_ends_eight_hours_after_login(client, moderator):
    login_verified(client, moderator)
    assert client.get("/admin/reports/report/").status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 8 * 60 * 60 - 60
    session.save()
    assert client.get("/admin/reports/report/").status_code == 302


def test_the_session_cookie_ends_with_the_browser(client, device):
    response = _log_in(client, code=_code(device))
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_without_two_factor_the_demo_says_so_on_every_page(client, moderator, settings):
    settings.ADMIN_REQUIRE_OTP = False
    login_page = client.get("/admin/login/").content.decode()
    assert "Two-factor login is off" in login_page
    assert 'name="otp_token"' not in login_page
    assert _log_in(client).status_code == 302
    assert "Two-factor login is off" in client.get("/admin/").content.decode()


def test_with_two_factor_the_login_page_asks_for_the_code(client):
    html = client.get("/admin/login/").content.decode()
    assert 'name="otp_token"' in html
    assert "Two-factor login is off" not in html
