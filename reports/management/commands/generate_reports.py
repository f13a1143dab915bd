"""Create synthetic published reports for load tests and benchmarks (bulk inserts)."""

import datetime
import random
import secrets
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from reports import taxonomy
from reports.caching import invalidate_public_pages
from reports.management.progress import Progress
from reports.models import Report, Topic, new_public_id

BATCH = 2_000
SEED = 20261129

SCENES = [
    "I stopped a car on a dark stretch of road",
    "We answered a call about a fight outside a bar",
    "I was first on scene at a two-car crash",
    "We served a warrant at a small apartment",
    "A caller reported a man shouting in the street",
    "I took over a prisoner at shift change",
    "We were clearing a warehouse after an alarm",
    "I was guarding a patient in the emergency room",
    "A neighbour called about a domestic argument",
    "I followed a stolen van into an industrial estate",
]
TWISTS = [
    "the passenger got out and walked back towards me with one hand hidden",
    "he reached under the seat when I looked away",
    "a second man stepped out of the shadows",
    "the dog we had been told about was not locked away",
    "a knife fell from his waistband",
    "the driver put the car in reverse while I stood at the door",
    "the person who called turned on us when we made the arrest",
    "the radio went silent just as I needed backup",
    "a truck came through the scene without slowing",
    "the subject stopped answering and squared up to my partner",
]
ENDINGS = [
    "My backup arrived and we controlled him without anyone being hurt.",
    "I moved to cover and he chose to give up.",
    "Training took over and I created distance.",
    "My partner saw it before I did and called it out.",
    "He missed, and I will never know why.",
    "The search at booking found what I had missed.",
]
DETAILS = [
    "It was raining and the street lights were out.",
    "We had been on shift for eleven hours.",
    "Dispatch had given us very little information.",
    "I had done the same call a hundred times.",
    "There was no cover anywhere near the car.",
    "I assumed it would be like the last time.",
    "The hospital staff wanted the cuffs off.",
    "My body camera caught most of it.",
    "Nobody had searched the back seat before my shift.",
    "I was alone for the first few minutes.",
]
LESSONS = [
    "Search every prisoner you take over, every time.",
    "Watch the hands, always.",
    "Wait for backup when the numbers are against you.",
    "Never stand between your car and traffic.",
    "Wear the seat belt on every drive.",
    "Treat every routine call as unknown.",
    "Talk from cover and let time work for you.",
    "Say your location before the chase, not after.",
]
HEADLINES = [
    "Hands where I could not see them",
    "The search that nobody did",
    "A routine stop, until it was not",
    "Backup was a minute away",
    "The truck that never slowed down",
    "Calm for an hour, then not",
    "Too close to the door",
    "What the second search found",
]


def _choice(rng: random.Random, enum) -> str:
    """Pick a value, leaving about one answer in eight as "prefer not to say"."""
    return "" if rng.random() < 0.125 else rng.choice(enum.values)


def _story(rng: random.Random) -> tuple[str, str]:
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        sentences = [f"{rng.choice(SCENES)}, and {rng.choice(TWISTS)}."]
        sentences += rng.sample(DETAILS, rng.randint(2, 4))
        sentences.append(rng.choice(ENDINGS))
        paragraphs.append(" ".join(sentences))
    lessons = " ".join(rng.sample(LESSONS, rng.randint(2, 4)))
    return "\n\n".join(paragraphs), lessons


class Command(BaseCommand):
    _bar = None

    help = "Create N synthetic published reports (development and benchmark databases only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, required=True, help="how many reports to add")

    def handle(self, *args, count: int, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "generate_reports fills the site with invented stories; it runs only with "
                "DEBUG=1, on a development or benchmark database."
            )
        if count < 1:
            raise CommandError("--count must be at least 1.")
        rng = random.Random(SEED + Report.objects.count())  # noqa: S311 (not security)
        topics = self._topics()
        today = timezone.localdate()
        start, made = time.monotonic(), 0
        while made < count:
            size = min(BATCH, count - made)
            with transaction.atomic():
                reports = Report.objects.bulk_create(
                    [self._report(rng, today) for _ in range(size)], batch_size=BATCH
                )
                links = [
                    Report.topics.through(report_id=report.pk, topic_id=topic.pk)
                    for report in reports
                    for topic in rng.sample(topics, rng.choice([0, 1, 1, 2]))
                ]
                Report.topics.through.objects.bulk_create(links, batch_size=BATCH)
            made += size
            self._progress(made, count, start)
        self.stderr.write("")
        invalidate_public_pages()  # bulk inserts send no signals
        elapsed = time.monotonic() - start
        self.stdout.write(f"Created {made:,} published synthetic reports in {elapsed:.1f} s.")

    def _report(self, rng: random.Random, today: datetime.date) -> Report:
        published = today - datetime.timedelta(days=rng.randint(0, 5 * 365))
        story, lessons = _story(rng)
        factors = rng.sample(taxonomy.RiskFactor.values, rng.randint(1, 4))
        return Report(
            public_id=new_public_id(),
            # Not a receipt anyone holds: unique random bytes where the keyed hash would be.
            receipt_hash=secrets.token_hex(32),
            status=Report.Status.PUBLISHED,
            received_on=published - datetime.timedelta(days=rng.randint(3, 40)),
            published_on=published,
            closed_on=published,
            story=story,
            lessons=lessons,
            headline=rng.choice(HEADLINES),
            key_lesson=rng.choice(LESSONS),
            published_story=story,
            published_lessons=lessons,
            event_type=rng.choice(taxonomy.EventType.values),
            risk_factors=factors,
            primary_risk_factor=factors[0],
            loss_potential=_choice(rng, taxonomy.LossPotential),
            prevented_by=_choice(rng, taxonomy.PreventedBy),
            weapon=_choice(rng, taxonomy.Weapon),
            officers_on_scene=_choice(rng, taxonomy.OfficersOnScene),
            setting=_choice(rng, taxonomy.Setting),
            lighting=_choice(rng, taxonomy.Lighting),
            time_of_day=_choice(rng, taxonomy.TimeOfDay),
            event_year=published.year - rng.choice([0, 0, 0, 1]),
            safety_alert=rng.random() < 0.03,
        )

    def _topics(self) -> list[Topic]:
        names = [
            "Prisoner handling",
            "Traffic stops",
            "Mental-health calls",
            "Pursuits",
            "Roadway safety",
            "Searching",
            "Domestic calls",
            "Ambush",
            "Training",
            "Officer wellness",
        ]
        return [
            Topic.objects.get_or_create(
                slug=name.lower().replace(" ", "-"), defaults={"name": name}
            )[0]
            for name in names
        ]

    def _progress(self, made: int, count: int, start: float) -> None:
        if self._bar is None:
            self._bar = Progress(self.stderr, count)
            self._bar.start = start
        self._bar.show(made)
