"""Plain factory functions for tests."""

import datetime

from django.contrib.auth.models import Group, User

from reports import receipts
from reports.models import Report


def make_moderator(username: str) -> User:
    user = User.objects.create_user(
        username=username, password="a long test password", is_staff=True
    )
    group, _ = Group.objects.get_or_create(name="moderators")
    user.groups.add(group)
    return user


def make_report(*, code: str | None = None, **overrides) -> Report:
    """Create a report; pass code to know its receipt code, status="published" to publish."""
    code = code or receipts.new_code()
    fields = {
        "story": "We stopped a car on a quiet road. The driver reached under the seat.",
        "lessons": "Watch the hands, every time.",
        "receipt_hash": receipts.receipt_hash(receipts.normalize(code)),
    }
    if overrides.get("status") == Report.Status.PUBLISHED:
        fields |= {
            "headline": "Hands under the seat on a quiet road",
            "key_lesson": "Watch the hands, every time.",
            "published_story": "We stopped a car on [road removed]. He reached under the seat.",
            "published_lessons": "Watch the hands, every time.",
            "published_on": datetime.date(2026, 10, 5),
            "closed_on": datetime.date(2026, 10, 5),
        }
    fields |= overrides
    return Report.objects.create(**fields)


def payload(**overrides) -> dict:
    """Return a valid report form post."""
    data = {
        "story": "I was covering a traffic stop when the passenger got out and walked back "
        "towards me with one hand behind his back.",
        "lessons": "Stay behind the pillar and call the passenger back before he reaches you.",
        "event_type": "traffic_stop",
        "risk_factors": ["complacency", "tactics"],
        "loss_potential": "serious_injury",
        "prevented_by": "own_action",
        "weapon": "edged",
        "officers_on_scene": "2",
        "setting": "rural",
        "lighting": "dark_unlit",
        "time_of_day": "18-24",
        "event_year": "2024",
        "assignment": "patrol",
        "years_of_service": "6-10",
        "agency_type": "county",
        "could_recur": "yes",
        "action": "review",
    }
    data |= overrides
    return {key: value for key, value in data.items() if value is not None}


def make_staff(username: str, *, superuser: bool = False) -> User:
    """A staff user outside the moderators group (or a superuser)."""
    return User.objects.create_user(
        username=username, password="a long test password", is_staff=True, is_superuser=superuser
    )


def login_verified(client, user) -> None:
    """Log in as if with password and TOTP code: django-otp marks the session verified."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


PERSONAS = ["anonymous", "outsider", "moderator", "superuser"]


def log_in_as(client, persona: str) -> User | None:
    """Make client one of PERSONAS: nobody, staff outside the group, a moderator, a superuser."""
    user = {
        "anonymous": lambda: None,
        "outsider": lambda: make_staff("outsider"),
        "moderator": lambda: make_moderator("moderator"),
        "superuser": lambda: make_staff("root", superuser=True),
    }[persona]()
    if user is not None:
        login_verified(client, user)
    return user
