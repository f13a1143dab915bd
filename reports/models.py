import secrets
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from reports import receipts, taxonomy

# No vowels or look-alike characters: ids never spell words and are easy to read aloud.
PUBLIC_ID_ALPHABET = "bcdfghjkmnpqrstvwxz23456789"
PUBLIC_ID_LENGTH = 10
UNIQUE_VIOLATION = "23505"


def new_public_id() -> str:
    """Return a random public id (about 47 bits), so nobody can count or order reports."""
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


def _choice(enum: type[models.TextChoices], **kwargs) -> models.CharField:
    """Return an optional taxonomy field; blank means "prefer not to say"."""
    return models.CharField(max_length=32, choices=enum.choices, blank=True, **kwargs)


class ReportQuerySet(models.QuerySet):
    def published(self) -> "ReportQuerySet":
        """Return what readers may see: the base queryset of every public view."""
        return self.filter(status=Report.Status.PUBLISHED)

    def for_receipt(self, code: str) -> "Report | None":
        """Return the report a receipt code belongs to, or None whatever the reason."""
        digits = receipts.normalize(code)
        if digits is None:
            return None
        return self.filter(receipt_hash=receipts.receipt_hash(digits)).first()


class ReportStatus(models.TextChoices):
    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    WAITING = "waiting", "Waiting for the reporter"
    APPROVED = "approved", "Approved once"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Report(models.Model):
    Status = ReportStatus

    # A random primary key too: even moderators cannot order reports by arrival.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    # The day only, never the time of day (PRODUCT.md, privacy model 2).
    received_on = models.DateField(default=timezone.localdate, editable=False)

    # The reporter's own words: moderators only, purged after the retention period.
    story = models.TextField()
    lessons = models.TextField()

    event_type = _choice(taxonomy.EventType)
    risk_factors = ArrayField(
        models.CharField(max_length=32, choices=taxonomy.RiskFactor.choices),
        size=taxonomy.MAX_RISK_FACTORS,
        default=list,
        blank=True,
    )
    loss_potential = _choice(taxonomy.LossPotential)
    prevented_by = _choice(taxonomy.PreventedBy, verbose_name="what prevented harm")
    weapon = _choice(taxonomy.Weapon, verbose_name="weapon involved")
    officers_on_scene = _choice(taxonomy.OfficersOnScene)
    setting = _choice(taxonomy.Setting)
    lighting = _choice(taxonomy.Lighting)
    time_of_day = _choice(taxonomy.TimeOfDay)
    event_year = models.PositiveSmallIntegerField(null=True, blank=True)
    assignment = _choice(taxonomy.Assignment, verbose_name="reporter's assignment")
    years_of_service = _choice(taxonomy.YearsOfService)
    agency_type = _choice(taxonomy.AgencyType)
    could_recur = _choice(taxonomy.CouldRecur, verbose_name="could this happen again?")

    # Written by moderators: what readers see.
    headline = models.CharField(max_length=200, blank=True)
    key_lesson = models.CharField(max_length=300, blank=True)
    published_story = models.TextField(blank=True)
    published_lessons = models.TextField(blank=True)
    primary_risk_factor = _choice(taxonomy.RiskFactor)
    safety_alert = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True, editable=False)
    # The day the report was published, rejected or withdrawn: the retention clock.
    closed_on = models.DateField(null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="report_status_known",
                condition=models.Q(status__in=ReportStatus.values),
            ),
            models.CheckConstraint(
                name="report_at_most_five_risk_factors",
                condition=models.Q(risk_factors__len__lte=taxonomy.MAX_RISK_FACTORS),
            ),
            models.CheckConstraint(
                name="report_published_has_headline_and_date",
                condition=~models.Q(status="published")
                | (~models.Q(headline="") & models.Q(published_on__isnull=False)),
            ),
        ]
        indexes = [
            # Public pages list published reports newest first (home, browse).
            models.Index(fields=["status", "-published_on"], name="report_status_published"),
        ]

    def __str__(self) -> str:
        # An identifier only: admin change logs keep str(obj), never reporter text.
        return self.public_id

    @property
    def risk_factor_labels(self) -> list[str]:
        labels = dict(taxonomy.RiskFactor.choices)
        return [labels[value] for value in self.risk_factors if value in labels]

    @classmethod
    def submit(cls, **fields) -> tuple["Report", str]:
        """Store a new report and return it with its receipt code, shown to the reporter once."""
        for _attempt in range(5):
            code = receipts.new_code()
            report = cls(receipt_hash=receipts.receipt_hash(receipts.normalize(code)), **fields)
            try:
                with transaction.atomic():
                    report.save(force_insert=True)
            except IntegrityError as error:
                if getattr(error.__cause__, "pgcode", None) != UNIQUE_VIOLATION:
                    raise
                # A public id or receipt collided (about one chance in 10^14): draw again.
                continue
            return report, code
        raise IntegrityError("Could not draw a unique public id and receipt code.")
