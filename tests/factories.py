"""Plain factory functions and helpers for tests."""

import datetime
import threading

from django.contrib.auth.models import Group, User
from django.db import close_old_connections, connections

from reports import receipts
from reports.models import InvalidTransition, Report


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


# Everything an approval needs: the four texts readers see and the coding with a primary factor.
READY_TO_APPROVE = {
    "headline": "A prisoner passed between officers was not searched again",
    "key_lesson": "Search every prisoner you take over.",
    "published_story": "I took over a prisoner and did not search him.",
    "published_lessons": "Search every prisoner you take over.",
    "risk_factors": ["incomplete_search", "assumptions"],
    "primary_risk_factor": "incomplete_search",
}


def make_ready_report(*, approved_by=(), **overrides) -> Report:
    """Create a report in review with text ready to approve; approved_by approves it, in turn."""
    report = make_report(**({"status": Report.Status.IN_REVIEW} | READY_TO_APPROVE | overrides))
    for moderator in approved_by:
        report.approve(by=moderator)
    return report


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


def report_page(report: Report) -> str:
    return f"/admin/reports/report/{report.pk}/change/"


def move_url(report: Report, move: str) -> str:
    return f"/admin/reports/report/{report.pk}/move/{move}/"


def admin_form_data(report: Report, **changes) -> dict:
    """Return the report page's form as the browser posts it, made from the report as stored."""
    report = Report.objects.get(pk=report.pk)
    data = {
        "version": report.version(),
        "headline": report.headline,
        "key_lesson": report.key_lesson,
        "published_story": report.published_story,
        "published_lessons": report.published_lessons,
        "event_type": report.event_type,
        "risk_factors": report.risk_factors,
        "loss_potential": report.loss_potential,
        "prevented_by": report.prevented_by,
        "weapon": report.weapon,
        "officers_on_scene": report.officers_on_scene,
        "setting": report.setting,
        "lighting": report.lighting,
        "time_of_day": report.time_of_day,
        "event_year": report.event_year or "",
        "primary_risk_factor": report.primary_risk_factor,
        "topics": [str(pk) for pk in report.topics.values_list("pk", flat=True)],
        "assignment": report.assignment,
        "years_of_service": report.years_of_service,
        "agency_type": report.agency_type,
        "could_recur": report.could_recur,
        "_continue": "Save edits",
    }
    if report.safety_alert:
        data["safety_alert"] = "on"
    if report.featured:
        data["featured"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def at_once(*calls):
    """Run each call in its own thread (and database connection), all released at the same
    moment; return their results, a refusal (InvalidTransition) as the result."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        close_old_connections()
        barrier.wait()
        try:
            results[index] = call()
        except InvalidTransition as refusal:
            results[index] = refusal
        finally:
            # The thread's own connection: left open, it keeps the test database from being
            # dropped at the end of the run.
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
