"""Load the fictional demo stories and a demo moderator (development only)."""

import datetime
import hashlib
import re

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from reports import receipts
from reports.demo_stories import DEMO_STORIES, DEMO_TOPICS
from reports.models import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, Approval, Message, Report, Topic
from reports.moderators import ensure_moderators_group

DEMO_PASSWORD = "near-miss-demo"  # noqa: S105 (printed for the demo; DEBUG only)
# Two moderators, so the two-person rule can be tried. Known TOTP secrets (hex), for trying
# two-factor login with ADMIN_REQUIRE_OTP=1; never use them anywhere real.
DEMO_MODERATORS = {
    "moderator": "3132333435363738393031323334353637383930",
    "moderator2": "3938373635343332313039383736353433323130",
}
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
            moderators = self._ensure_moderators()
            added = self._load_stories(moderators)
            self._file_topics()
            self._approve(moderators)
        total = len(DEMO_STORIES)
        if added:
            self.stdout.write(f"Demo data: added {added} of {total} fictional stories.")
        else:
            self.stdout.write(f"Demo data: all {total} fictional stories already present.")
        for username, device in moderators.items():
            self.stdout.write(
                f"Demo moderator: http://127.0.0.1:8000/admin/  user {username!r}, "
                f"password {DEMO_PASSWORD!r}, TOTP {device.config_url}"
            )
        for index, story in enumerate(DEMO_STORIES, start=1):
            if story["status"] != Report.Status.PUBLISHED:
                self.stdout.write(
                    f"Demo receipt code ({story['status']}): {demo_receipt_code(index)}"
                )

    def _load_stories(self, moderators: dict) -> int:
        today = timezone.localdate()
        added = 0
        for index, story in enumerate(DEMO_STORIES, start=1):
            public_id = demo_public_id(story["key"])
            if Report.objects.filter(public_id=public_id).exists():
                continue
            fields = {
                key: value
                for key, value in story.items()
                if key not in {"key", "story", "lessons", "headline", "key_lesson", "question"}
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
            if "headline" in story:
                report.headline = story["headline"]
                report.key_lesson = story["key_lesson"]
            if story["status"] not in {Report.Status.NEW, Report.Status.WITHDRAWN}:
                # Review has started: the text to redact starts as the reporter's words.
                report.published_story = published_text(story["story"])
                report.published_lessons = published_text(story["lessons"])
            if story["status"] == Report.Status.PUBLISHED:
                report.published_on = received + datetime.timedelta(days=9)
            if story["status"] in {"published", "rejected", "withdrawn"}:
                report.closed_on = received + datetime.timedelta(days=9)
            report.full_clean()
            report.save(force_insert=True)
            if "question" in story:
                report.messages.create(sender=Message.Sender.MODERATOR, body=story["question"])
            added += 1
        return added

    def _approve(self, moderators: dict) -> None:
        """Approve the approved demo stories once, by the second demo moderator, so the first
        can give the second approval; after the topics, so the approval is of the whole text."""
        approver = moderators["moderator2"].user
        for report in Report.objects.filter(status=Report.Status.APPROVED):
            Approval.objects.get_or_create(
                report=report, moderator=approver, defaults={"fingerprint": report.fingerprint()}
            )

    def _file_topics(self) -> None:
        for slug, (name, keys) in DEMO_TOPICS.items():
            topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
            topic.reports.add(*Report.objects.filter(public_id__in=map(demo_public_id, keys)))

    def _ensure_moderators(self) -> dict[str, TOTPDevice]:
        group = ensure_moderators_group()
        devices = {}
        for username, key in DEMO_MODERATORS.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(group)
            devices[username], _ = TOTPDevice.objects.get_or_create(
                user=user, name="demo", defaults={"key": key, "confirmed": True}
            )
        return devices
