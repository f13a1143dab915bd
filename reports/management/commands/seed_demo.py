"""Load the fictional demo stories and a demo moderator (development only)."""

import datetime
import hashlib
import re

from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from reports import receipts
from reports.demo_stories import DEMO_STORIES
from reports.models import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, Report

DEMO_USERNAME = "moderator"
DEMO_PASSWORD = "near-miss-demo"  # noqa: S105 (printed for the demo; DEBUG only)
MODERATOR_PERMISSIONS = ["view_report", "change_report"]
REDACTION = re.compile(r"\[\[(?P<original>[^|\]]+)\|(?P<note>[^\]]+)\]\]")


def original_text(text: str) -> str:
    """Return the text as the reporter wrote it."""
    return REDACTION.sub(lambda m: m.group("original"), text)


def published_text(text: str) -> str:
    """Return the text as a moderator published it, removals marked in brackets."""
    return REDACTION.sub(lambda m: f"[{m.group('note')}]", text)


def demo_public_id(key: str) -> str:
    """Return a stable, random-looking public id for a demo story, so reruns find it."""
    digest = hashlib.sha256(f"nearmiss-demo:{key}".encode()).digest()
    return "".join(
        PUBLIC_ID_ALPHABET[b % len(PUBLIC_ID_ALPHABET)] for b in digest[:PUBLIC_ID_LENGTH]
    )


def demo_receipt_code(index: int) -> str:
    """Return a memorable code for demo story number index (never used in production)."""
    return receipts.format_code(f"{index:04d}" * 5)


class Command(BaseCommand):
    help = "Load fictional demo stories in every state and a demo moderator (DEBUG only)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo is for development only and needs DEBUG=1; it creates a moderator "
                "with a published password."
            )
        with transaction.atomic():
            added = self._load_stories()
            self._ensure_moderator()
        total = len(DEMO_STORIES)
        if added:
            self.stdout.write(f"Demo data: added {added} of {total} fictional stories.")
        else:
            self.stdout.write(f"Demo data: all {total} fictional stories already present.")
        self.stdout.write(
            f"Demo moderator: http://127.0.0.1:8000/admin/  user {DEMO_USERNAME!r}, "
            f"password {DEMO_PASSWORD!r}"
        )
        for index, story in enumerate(DEMO_STORIES, start=1):
            if story["status"] != Report.Status.PUBLISHED:
                self.stdout.write(
                    f"Demo receipt code ({story['status']}): {demo_receipt_code(index)}"
                )

    def _load_stories(self) -> int:
        today = timezone.localdate()
        added = 0
        for index, story in enumerate(DEMO_STORIES, start=1):
            public_id = demo_public_id(story["key"])
            if Report.objects.filter(public_id=public_id).exists():
                continue
            fields = {
                key: value
                for key, value in story.items()
                if key not in {"key", "story", "lessons", "headline", "key_lesson"}
            }
            # Spread the stories over the last two years, a few weeks apart.
            received = today - datetime.timedelta(days=23 * index + 9)
            report = Report(
                public_id=public_id,
                receipt_hash=receipts.receipt_hash(receipts.normalize(demo_receipt_code(index))),
                received_on=received,
                story=original_text(story["story"]),
                lessons=original_text(story["lessons"]),
                event_year=received.year,
                **fields,
            )
            if story["status"] == Report.Status.PUBLISHED:
                report.headline = story["headline"]
                report.key_lesson = story["key_lesson"]
                report.published_story = published_text(story["story"])
                report.published_lessons = published_text(story["lessons"])
                report.published_on = received + datetime.timedelta(days=9)
            if story["status"] in {"published", "rejected", "withdrawn"}:
                report.closed_on = received + datetime.timedelta(days=9)
            report.full_clean()
            report.save(force_insert=True)
            added += 1
        return added

    def _ensure_moderator(self) -> None:
        group, _ = Group.objects.get_or_create(name="moderators")
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="reports", codename__in=MODERATOR_PERMISSIONS
            )
        )
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)
