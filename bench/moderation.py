"""`make bench` (second part): what a moderator's report page costs for the longest stories.

Renders the admin's report page for stories at the form's limit (20,000 characters) in a
throw-away test database, best of several runs, and writes the times to bench/moderation.json.
The target (issue 11): well under a second for any story the form allows, a story of one word
repeated included. The page runs the detector once per text and a diff bounded by its budget
(reports/redaction.py); this measures the whole page as a moderator gets it.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearmiss.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from reports import ordering  # noqa: E402
from reports.detector_costs import natural_text  # noqa: E402
from reports.forms import STORY_MAX  # noqa: E402
from reports.models import AuditEntry, Message, Report  # noqa: E402
from reports.moderators import ensure_moderators_group  # noqa: E402

RESULTS = ROOT / "bench" / "moderation.json"
RUNS = 5


def stories() -> dict[str, tuple[str, str]]:
    """Return (reporter's words, text to publish) pairs at the form's limit."""
    repeated = ("go " * STORY_MAX)[:STORY_MAX]
    prose = (natural_text() * 2)[:STORY_MAX]
    return {
        "one word repeated, one change in the middle": (
            repeated,
            repeated[: STORY_MAX // 2] + "[name removed] " + repeated[STORY_MAX // 2 :],
        ),
        "one word repeated, every tenth word changed": (
            repeated,
            " ".join(w if i % 10 else "so" for i, w in enumerate(repeated.split())),
        ),
        "officers' prose full of identifiers, untouched": (prose, prose),
        "officers' prose, redacted throughout": (prose, prose.replace("Sgt.", "[name removed]")),
    }


def best_seconds(client: Client, url: str) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        best = min(best, time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return best


def restamp_seconds() -> float:
    """The re-stamping every write does, with as many of the day's rows as it takes."""
    story = {"story": "The driver reached under the seat.", "lessons": "Watch the hands."}
    reports = Report.objects.bulk_create(
        Report(receipt_hash=f"restamp-{n}", **story) for n in range(ordering.LIMIT)
    )
    Message.objects.bulk_create(
        Message(report=r, sender=Message.Sender.REPORTER, body="Yes.", sequence=1) for r in reports
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(report=r, action="answer", from_status="waiting", to_status="in_review")
        for r in reports
    )
    best = float("inf")
    for _ in range(RUNS):
        with transaction.atomic():
            start = time.perf_counter()
            ordering.restamp_reporter_rows()
            best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        user = User.objects.create_user("bench", password="a long bench password", is_staff=True)
        user.groups.add(ensure_moderators_group())
        client = Client()
        client.force_login(user)  # DEBUG relaxes two-factor login for the admin
        times = {}
        for label, (story, published) in stories().items():
            report = Report.objects.create(
                receipt_hash=f"bench-{len(times)}",
                status=Report.Status.IN_REVIEW,
                story=story,
                lessons="Watch the hands.",
                published_story=published,
                published_lessons="Watch the hands.",
            )
            times[label] = best_seconds(client, f"/admin/reports/report/{report.pk}/change/")
        restamp = restamp_seconds()
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"Moderator's report page, stories of {STORY_MAX:,} characters (best of {RUNS}):")
    for label, seconds in times.items():
        print(f"  {label:<48} {seconds * 1000:7.1f} ms")
    worst = max(times.values())
    print(f"  worst: {worst * 1000:.1f} ms (target: well under 1,000 ms)")
    print(
        f"Re-stamping a day of {ordering.LIMIT:,} reports and as many messages and entries, "
        f"as a write past a flood of reports does (reports.ordering): {restamp * 1000:.1f} ms"
    )
    RESULTS.write_text(
        json.dumps(
            {
                "characters": STORY_MAX,
                "page_ms": {label: round(s * 1000, 1) for label, s in times.items()},
                "worst_ms": round(worst * 1000, 1),
                "restamp_ms": round(restamp * 1000, 1),
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
