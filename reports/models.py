import datetime
import hashlib
import json
import math
import re
import secrets
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import IntegrityError, connections, models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from reports import receipts, snippets, taxonomy
from reports.cleaning import UNTYPABLE_SQL, normalise_line_breaks, validate_typed_text
from reports.encryption import DraftTextField, EncryptedTextField, Unreadable
from reports.identifiers import Finding, find_identifiers
from reports.ordering import serialized_write

SEARCH_CONFIG = "english"
SEARCH_CANDIDATES = 200
RELATED_POOL = 200
SIMILAR_POOL = 200
SIMILAR_MIN_SHARED = 4
# The least weighted share of words (0 to 1) that makes two reports alike.
SIMILAR_MIN_SCORE = 0.2
# No vowels or look-alike characters: ids never spell words and are easy to read aloud.
PUBLIC_ID_ALPHABET = "bcdfghjkmnpqrstvwxz23456789"
PUBLIC_ID_LENGTH = 10
UNIQUE_VIOLATION = "23505"


class InvalidTransition(Exception):
    """A move that the report's current status does not allow; the message is for people."""


def new_public_id() -> str:
    """Return a random public id (about 47 bits), so nobody can count or order reports."""
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


def _choice(enum: type[models.TextChoices], **kwargs) -> models.CharField:
    """Return an optional taxonomy field; blank means "prefer not to say"."""
    return models.CharField(max_length=32, choices=enum.choices, blank=True, **kwargs)


def check_typed_text(instance: models.Model, update_fields=None) -> None:
    """Apply the one rule for typed text (reports.cleaning) to a model's TYPED_FIELDS before
    a save, whoever saves: line breaks unified, characters nobody means to type refused."""
    for name in instance.TYPED_FIELDS:
        if update_fields is None or name in update_fields:
            if isinstance(getattr(instance, name), Unreadable):
                continue  # refused when written (reports.encryption), never turned into text
            value = normalise_line_breaks(getattr(instance, name))
            setattr(instance, name, value)
            validate_typed_text(value)


def typed_text_constraints(prefix: str, fields) -> list[models.CheckConstraint]:
    """Return the database's own refusal of characters nobody means to type, per field, so
    that not even a bulk update or raw SQL can store what breaks a feed or a page."""
    return [
        models.CheckConstraint(
            name=f"{prefix}_{name}_typed", condition=~models.Q(**{f"{name}__regex": UNTYPABLE_SQL})
        )
        for name in fields
    ]


def _content_words(*texts: str) -> frozenset[str]:
    """Return the distinctive words of texts: lower case, letters only, four or more."""
    return frozenset(re.findall(r"[a-z]{4,}", " ".join(texts).lower()))


class ReportQuerySet(models.QuerySet):
    def published(self) -> "ReportQuerySet":
        """Return what readers may see: the base queryset of every public view."""
        return self.filter(status=Report.Status.PUBLISHED)

    def matching(
        self,
        *,
        event_type: str = "",
        factor: str = "",
        loss: str = "",
        year: int | None = None,
        topic=None,
    ) -> "ReportQuerySet":
        """Return the reports matching every filter given (browse, topics, feeds)."""
        reports = self
        if event_type:
            reports = reports.filter(event_type=event_type)
        if factor:
            reports = reports.filter(risk_factors__contains=[factor])
        if loss:
            reports = reports.filter(loss_potential=loss)
        if year:
            reports = reports.filter(published_on__year=year)
        if topic is not None:
            reports = reports.filter(topics=topic)
        return reports

    def newest_first(self) -> "ReportQuerySet":
        return self.order_by("-published_on", "public_id")

    def search(self, text: str, fields: tuple[str, ...] = ()) -> "SearchResults":
        """Return matches for a web-style query ("quoted phrase", -excluded), best first.

        One statement ranks the matches and parses the query for the snippets; the stories
        themselves (with only fields, if given) are loaded a page at a time by SearchResults.
        Only the newest SEARCH_CANDIDATES matches are ranked: a word in most of the archive
        would otherwise cost a rank for every story that has it on every search.
        """
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        newest = (
            self.filter(search_vector=query)
            .order_by("-published_on")
            .values("pk", "published_on", "public_id", "search_vector")[:SEARCH_CANDIDATES]
        )
        sql, params = newest.query.sql_with_params()
        parsed = "websearch_to_tsquery(%s::regconfig, %s)"
        ranked = (
            f"SELECT {parsed}::text, ARRAY(SELECT newest.pk::text FROM ({sql}) AS newest "  # noqa: S608 (Django's own SQL)
            f"ORDER BY ts_rank(newest.search_vector, {parsed}) DESC, "
            "newest.published_on DESC, newest.public_id)"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(ranked, [SEARCH_CONFIG, text, *params, SEARCH_CONFIG, text])
            tsquery, ids = cursor.fetchone()
        return SearchResults(ids, snippets.wanted_lexemes(tsquery), fields)

    def typical_review_days(self, *, today: datetime.date | None = None) -> int | None:
        """Return the median days from arrival to publication over the last half-year, or None
        with fewer than five publications to tell."""
        today = today or timezone.localdate()
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                "SELECT count(*), percentile_disc(0.5) WITHIN GROUP "
                "(ORDER BY published_on - received_on) FROM reports_report "
                "WHERE status = %s AND published_on >= %s",
                [ReportStatus.PUBLISHED, today - datetime.timedelta(days=183)],
            )
            count, median = cursor.fetchone()
        return median if count >= 5 else None

    def featured_story(self) -> "Report | None":
        """Return the story of the week: the latest featured, else safety alert, else latest."""
        published = self.published().newest_first()
        return (
            published.filter(featured=True).first()
            or published.filter(safety_alert=True).first()
            or published.first()
        )

    def for_receipt(self, code: str) -> "Report | None":
        """Return the report a receipt code belongs to, or None whatever the reason."""
        digits = receipts.normalize(code)
        if digits is None:
            return None
        return self.filter(receipt_hash=receipts.receipt_hash(digits)).first()


class SearchResults(Sequence):
    """Search results as ids in rank order; a slice loads those stories with their snippets.

    A Paginator counts them without a query and loads only the page it shows. Plain data, so
    the cache can keep it (reports.views.public.browse does, until content changes).
    """

    def __init__(self, ids: list[str], lexemes: frozenset[str], fields: tuple[str, ...]) -> None:
        self.ids = ids
        self.lexemes = lexemes
        self.fields = fields

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        wanted = self.ids[index]
        reports = Report.objects.filter(pk__in=wanted)
        if self.fields:
            reports = reports.only(*self.fields, "published_story", "published_lessons")
        found = {str(report.pk): report for report in reports}
        results = [found[pk] for pk in wanted if pk in found]
        for report in results:
            report.snippet = snippets.snippet(
                f"{report.published_story}\n\n{report.published_lessons}", self.lexemes
            )
        return results


class Topic(models.Model):
    """A theme moderators file stories under (e.g. "prisoner handling")."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True, validators=[validate_typed_text])

    TYPED_FIELDS = ("name",)

    class Meta:
        ordering = ["name"]
        constraints = typed_text_constraints("topic", ["name"])

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        check_typed_text(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("topic", args=[self.slug])

    @classmethod
    def trending(cls, *, days: int = 90, limit: int = 8):
        """Return the topics with the most stories published in the last days."""
        since = timezone.localdate() - datetime.timedelta(days=days)
        recent = Q(reports__status="published", reports__published_on__gte=since)
        return (
            cls.objects.annotate(recent=models.Count("reports", filter=recent))
            .filter(recent__gt=0)
            .order_by("-recent", "name")[:limit]
        )


PUBLISHED_TEXT_FIELDS = ("headline", "key_lesson", "published_story", "published_lessons")
ORIGINAL_TEXT_FIELDS = ("story", "lessons")


class ReportStatus(models.TextChoices):
    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    WAITING = "waiting", "Waiting for the reporter"
    # At least one approval of the current text; Report.state_in_words says how many.
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


@dataclass(frozen=True)
class Move:
    """One move in a report's life, declared once.

    The Report method of the same name makes it; the admin page, the permissions and the tests
    read this table for what to offer, what to ask for and what to confirm.
    """

    name: str  # the Report method that makes the move
    action: str  # what the audit calls it
    label: str  # the button
    sources: tuple[str, ...]  # the statuses it may start from
    to: str
    moderator: bool = True  # False for the reporter's own moves, made on the status page
    text: str = ""  # the label of the text the move asks for, if any
    text_argument: str = ""  # the method's argument that takes it
    text_required: bool = False
    # Set for a move that cannot be taken back: a page of its own asks this first.
    confirm: str = ""

    @property
    def plain_label(self) -> str:
        """Return the label without the ellipsis that says a confirmation follows."""
        return self.label.removesuffix("\u2026")


_S = ReportStatus
_OPEN = (_S.NEW, _S.IN_REVIEW, _S.WAITING, _S.APPROVED)
MOVES = {
    move.name: move
    for move in (
        Move("start_review", "start review", "Start review", (_S.NEW,), _S.IN_REVIEW),
        Move(
            "ask_reporter",
            "ask the reporter",
            "Ask the reporter",
            (_S.IN_REVIEW,),
            _S.WAITING,
            text="Question for the reporter (they see it on the status page)",
            text_argument="question",
            text_required=True,
        ),
        Move("answer", "answer", "Answer", (_S.WAITING,), _S.IN_REVIEW, moderator=False),
        Move("approve", "approve", "Approve this text", (_S.IN_REVIEW, _S.APPROVED), _S.APPROVED),
        Move("publish", "publish", "Publish", (_S.APPROVED,), _S.PUBLISHED),
        Move(
            "return_to_review",
            "return to review",
            "Return to review",
            (_S.APPROVED, _S.WAITING),
            _S.IN_REVIEW,
            text="Why it goes back to review (optional, kept in the audit)",
            text_argument="reason",
        ),
        Move(
            "reject",
            "reject",
            "Reject\u2026",
            _OPEN,
            _S.REJECTED,
            text="Reason for rejecting (the reporter will see it)",
            text_argument="reason",
            text_required=True,
            confirm="Reject this report? It will never be published, the reporter sees the "
            "reason, and a rejection cannot be undone.",
        ),
        Move(
            "unpublish",
            "unpublish",
            "Unpublish\u2026",
            (_S.PUBLISHED,),
            _S.IN_REVIEW,
            text="Why it is taken down (kept in the audit)",
            text_argument="reason",
            text_required=True,
            confirm="Take this story off the site? Readers lose it at once, and it needs new "
            "approvals before it can return.",
        ),
        Move("withdraw", "withdraw", "Withdraw", _OPEN, _S.WITHDRAWN, moderator=False),
    )
}


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
    # Encrypted at rest (reports.encryption): a dump or a backup alone shows none of it.
    story = EncryptedTextField(validators=[validate_typed_text])
    lessons = EncryptedTextField(validators=[validate_typed_text])

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
    headline = models.CharField(max_length=200, blank=True, validators=[validate_typed_text])
    key_lesson = models.CharField(max_length=300, blank=True, validators=[validate_typed_text])
    # The reporter's words until redacted, so encrypted until published (DraftTextField).
    published_story = DraftTextField(blank=True, validators=[validate_typed_text])
    published_lessons = DraftTextField(blank=True, validators=[validate_typed_text])
    primary_risk_factor = _choice(taxonomy.RiskFactor)
    safety_alert = models.BooleanField(default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="reports")
    featured = models.BooleanField(
        default=False, help_text="Offer this story as the featured story of the week."
    )
    rejection_reason = models.TextField(
        validators=[validate_typed_text],
        blank=True,
        help_text="Shown to the reporter on the status page.",
    )
    # How many identifiers the detector finds in what is left to redact (Report.open_findings),
    # kept so the moderators' work list need not run it on every report it lists.
    findings_count = models.PositiveIntegerField(default=0, editable=False)
    # Set on rejection as a duplicate: shown to moderators only, never to readers.
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        editable=False,
    )
    published_on = models.DateField(null=True, blank=True, editable=False)
    # The day the report was published, rejected or withdrawn: the retention clock.
    closed_on = models.DateField(null=True, blank=True, editable=False)
    # The day purge_expired deleted the reporter's own words (RETENTION_DAYS after closing).
    original_purged_on = models.DateField(null=True, blank=True, editable=False)
    # Full-text search over what readers see only (never the reporter's original words),
    # headline and key lesson weighted above the story and lessons. Kept by PostgreSQL.
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("headline", weight="A", config="english")
            + SearchVector("key_lesson", weight="A", config="english")
            + SearchVector("published_story", weight="B", config="english")
            + SearchVector("published_lessons", weight="C", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ReportQuerySet.as_manager()

    TYPED_FIELDS = (*ORIGINAL_TEXT_FIELDS, *PUBLISHED_TEXT_FIELDS, "rejection_reason")

    class Meta:
        constraints = [
            *typed_text_constraints(
                "report",
                [
                    "story",
                    "lessons",
                    "headline",
                    "key_lesson",
                    "published_story",
                    "published_lessons",
                    "rejection_reason",
                ],
            ),
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
        permissions = [
            ("moderate_report", "Can review, question, approve, publish and reject reports"),
        ]
        indexes = [
            # Public pages list published reports newest first (home, browse).
            models.Index(fields=["status", "-published_on"], name="report_status_published"),
            # Browse and search (/reports/?q=) match against the stored vector.
            GinIndex(fields=["search_vector"], name="report_search"),
            # purge_expired looks for closed reports by the day they closed.
            models.Index(fields=["closed_on"], name="report_closed_on"),
            # Every write finds the days' reporter rows (reports.ordering) by their day.
            models.Index(fields=["received_on"], name="report_received_on"),
        ]

    def __str__(self) -> str:
        # An identifier only: admin change logs keep str(obj), never reporter text.
        return self.public_id

    # A save that touches any of these counts the findings again.
    _COUNTED_FROM = {"status", *ORIGINAL_TEXT_FIELDS, *PUBLISHED_TEXT_FIELDS}

    def save(self, *args, update_fields=None, **kwargs) -> None:
        check_typed_text(self, update_fields)
        # findings_count follows the text whoever saves it: the admin, a move, the shell.
        if update_fields is None or self._COUNTED_FROM & set(update_fields):
            self.findings_count = len(self.open_findings())
            if update_fields is not None:
                update_fields = [*update_fields, "findings_count"]
        super().save(*args, update_fields=update_fields, **kwargs)
        self.stored_status = self.status

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("story", args=[self.public_id])

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        # The status as stored: whether a save changes what readers see (reports.signals).
        report.stored_status = report.__dict__.get("status")
        return report

    @property
    def was_public(self) -> bool:
        """True when the row as last read or written is published: readers could see it."""
        return getattr(self, "stored_status", None) == ReportStatus.PUBLISHED

    def related(self, limit: int = 3) -> list["Report"]:
        """Return published stories like this one: same primary risk factor or event type
        first, then by how much their text shares the words of this headline and lesson.

        Only the newest RELATED_POOL stories of each kind are weighed, so the cost does not
        grow with the archive.
        """
        others = Report.objects.published().exclude(pk=self.pk).order_by("-published_on")
        category = Value(0)
        same = Q(pk__in=[])
        if self.primary_risk_factor:
            same |= Q(primary_risk_factor=self.primary_risk_factor)
            category = category + Case(
                When(primary_risk_factor=self.primary_risk_factor, then=Value(2)),
                default=Value(0),
            )
        if self.event_type:
            same |= Q(event_type=self.event_type)
            category = category + Case(
                When(event_type=self.event_type, then=Value(1)), default=Value(0)
            )
        pool = list(others.filter(same).values_list("pk", flat=True)[:RELATED_POOL])
        words = sorted(set(re.findall(r"[A-Za-z]{4,}", f"{self.headline} {self.key_lesson}")))
        similarity = Value(0.0, output_field=models.FloatField())
        if words:
            # Only letters reach the raw query, so its syntax cannot be broken.
            query = SearchQuery(" | ".join(words[:16]), search_type="raw", config=SEARCH_CONFIG)
            similarity = SearchRank(F("search_vector"), query)
            pool += others.filter(search_vector=query).values_list("pk", flat=True)[:RELATED_POOL]
        return list(
            Report.objects.filter(pk__in=pool)
            .annotate(category=category, similarity=similarity)
            .filter(Q(category__gt=0) | Q(similarity__gt=0))
            .order_by("-category", "-similarity", "-published_on", "public_id")[:limit]
        )

    def similar(self, limit: int = 5) -> list["Report"]:
        """Return the published or open reports most like this one, for moderators to spot a
        duplicate or a story already told.

        Candidates are the newest SIMILAR_POOL open reports and the newest SIMILAR_POOL
        published ones sharing a word with this one; they are scored by the words they share.
        """
        words = _content_words(self.story or self.published_story, self.lessons, self.headline)
        if not words:
            return []
        fields = ("pk", "public_id", "status", "headline", "story", "lessons", "published_story")
        others = Report.objects.exclude(pk=self.pk).only(*fields)
        candidates = list(
            others.filter(status__in=self.OPEN).order_by("-received_on")[:SIMILAR_POOL]
        )
        # Only letters reach the raw query, so its syntax cannot be broken.
        query = SearchQuery(" | ".join(sorted(words)[:64]), search_type="raw", config=SEARCH_CONFIG)
        candidates += (
            others.published().filter(search_vector=query).order_by("-published_on")[:SIMILAR_POOL]
        )
        # Shared words weigh by how rare they are among the candidates (inverse document
        # frequency), so "vehicle" says little and "machete" a lot.
        texts = [
            _content_words(other.story or other.published_story, other.lessons, other.headline)
            for other in candidates
        ]
        documents = Counter(word for text in texts for word in text)
        total = len(texts) + 1

        def weight(word_set) -> float:
            return sum(math.log(total / (1 + documents[word])) + 1 for word in word_set)

        scored = []
        for other, theirs in zip(candidates, texts, strict=True):
            shared = words & theirs
            if len(shared) >= SIMILAR_MIN_SHARED:
                score = weight(shared) / weight(words | theirs)
                if score >= SIMILAR_MIN_SCORE:
                    scored.append((score, other.public_id, other))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [other for _, _, other in scored[:limit]]

    @property
    def risk_factor_pairs(self) -> list[tuple[str, str]]:
        """Return (value, label) of each risk factor, the primary one first."""
        labels = dict(taxonomy.RiskFactor.choices)
        ordered = sorted(self.risk_factors, key=lambda value: value != self.primary_risk_factor)
        return [(value, labels[value]) for value in ordered if value in labels]

    @property
    def risk_factor_labels(self) -> list[str]:
        return [label for _, label in self.risk_factor_pairs]

    @classmethod
    def submit(cls, *, code: str | None = None, then=None, **fields) -> tuple["Report", str]:
        """Store a new report and return it with its receipt code, shown to the reporter.

        With a code (derived from the browser and the content, reports.drafts), a report that
        already has it is the same report sent again: it is returned, and nothing is filed.
        then() runs in the transaction that files the report.
        """
        for _attempt in range(5):
            drawn = code or receipts.new_code()
            digest = receipts.receipt_hash(receipts.normalize(drawn))
            report = cls(receipt_hash=digest, **fields)
            try:
                with serialized_write():
                    report.save(force_insert=True)
                    if then is not None:
                        then()
            except IntegrityError as error:
                if getattr(error.__cause__, "pgcode", None) != UNIQUE_VIOLATION:
                    raise
                if code is not None:
                    sent = cls.objects.filter(receipt_hash=digest).first()
                    if sent is not None:
                        return sent, code
                # A public id or receipt collided (about one chance in 10^14): draw again.
                continue
            return report, drawn
        raise IntegrityError("Could not draw a unique public id and receipt code.")

    # --- Moderation: every move is one method, checked, locked, audited (MOVES below). ---

    # What readers see: changing any of it after an approval withdraws the approval.
    PUBLIC_FIELDS = (
        "headline",
        "key_lesson",
        "published_story",
        "published_lessons",
        "primary_risk_factor",
        "safety_alert",
        *taxonomy.EVENT_FIELDS,
    )
    # What an approval vouches for: what readers see, and every other field a moderator codes.
    APPROVED_FIELDS = (*PUBLIC_FIELDS, "featured", *taxonomy.REPORTER_FIELDS)
    TEXT_FIELDS = PUBLISHED_TEXT_FIELDS
    ORIGINAL_FIELDS = ORIGINAL_TEXT_FIELDS
    OPEN = (ReportStatus.NEW, ReportStatus.IN_REVIEW, ReportStatus.WAITING, ReportStatus.APPROVED)

    def findings_in(self, field: str) -> list[Finding]:
        """Return the detector's findings in one text field, running it once per text."""
        memo = self.__dict__.setdefault("_findings_memo", {})
        text = getattr(self, field)
        if text not in memo:
            memo[text] = find_identifiers(text)
        return memo[text]

    def published_text_findings(self) -> list[Finding]:
        """Return the identifiers the detector still finds in what would be published."""
        return [finding for field in self.TEXT_FIELDS for finding in self.findings_in(field)]

    def original_text_findings(self) -> list[Finding]:
        """Return the identifiers in the reporter's own words."""
        return [finding for field in self.ORIGINAL_FIELDS for finding in self.findings_in(field)]

    def open_findings(self) -> list[Finding]:
        """Return what is left to redact: in the reporter's words until review starts."""
        if self.status == ReportStatus.NEW or not (self.published_story or self.published_lessons):
            return self.original_text_findings()
        return self.published_text_findings()

    def fingerprint(self) -> str:
        """Return a digest of exactly what an approval vouches for (APPROVED_FIELDS, topics)."""
        content = {name: getattr(self, name) for name in self.APPROVED_FIELDS}
        content["topics"] = sorted(str(pk) for pk in self.topics.values_list("pk", flat=True))
        encoded = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def version(self) -> str:
        """Return what a moderator's page was made from: a move or save from a page made from
        another version is refused, so nobody acts on what they did not see."""
        return f"{self.status}:{self.fingerprint()}"

    def current_approvals(self):
        """Return the approvals given to the text as it stands now."""
        return self.approvals.filter(fingerprint=self.fingerprint())

    def approvals_needed(self) -> int:
        return max(settings.PUBLISH_APPROVALS - self.current_approvals().count(), 0)

    def state_in_words(self) -> str:
        """Return the status as a moderator needs it, approvals and all."""
        if self.status != ReportStatus.APPROVED:
            return self.get_status_display()
        needed = self.approvals_needed()
        if not needed:
            return "Ready to publish"
        given = settings.PUBLISH_APPROVALS - needed
        return (
            f"Approved by {given} of {settings.PUBLISH_APPROVALS} \u2014 "
            f"waiting for {'another moderator' if needed == 1 else f'{needed} more moderators'}"
        )

    def coding_problems(self) -> list[str]:
        """Return what is wrong with the coding, in words for a moderator."""
        problems = []
        if self.primary_risk_factor and self.primary_risk_factor not in self.risk_factors:
            problems.append("The primary risk factor must be one of the chosen risk factors.")
        return problems

    def moves_for(self, user) -> list["Move"]:
        """Return the moves this moderator can make now: never one that would be refused for
        who they are (a second approval of their own, a publication still short of approvals).
        """
        if not user.has_perm("reports.moderate_report"):
            return []
        moves = [move for move in MODERATOR_MOVES.values() if self.status in move.sources]
        if any(move.name in {"approve", "publish"} for move in moves):
            approvers = set(self.current_approvals().values_list("moderator_id", flat=True))
            enough = len(approvers) >= settings.PUBLISH_APPROVALS
            moves = [
                move
                for move in moves
                if not (move.name == "approve" and (user.pk in approvers or enough))
                and not (move.name == "publish" and not enough)
            ]
        return moves

    def _move(self, name: str, *, by=None, reason: str = "", check=None, apply=None) -> "Report":
        """Run one move of MOVES: lock the row, check the status, change it, audit it."""
        move = MOVES[name]
        with serialized_write():
            locked = Report.objects.select_for_update().get(pk=self.pk)
            if locked.status not in move.sources:
                raise InvalidTransition(
                    f"You cannot {move.action} a report that is "
                    f"{locked.get_status_display().lower()}."
                )
            if check is not None:
                # A check refuses by raising InvalidTransition, or returns a note for the audit.
                reason = check(locked) or reason
            from_status = locked.status
            locked.status = move.to
            changed = ["status"]
            if ReportStatus.PUBLISHED in (from_status, move.to):
                # Sealed or plain follows publication (DraftTextField): write them again.
                changed += ["published_story", "published_lessons"]
            if apply is not None:
                changed += apply(locked)
            locked.save(update_fields=changed)
            AuditEntry.record(
                locked, by=by, action=move.action, from_status=from_status, reason=reason
            )
        for field in [*changed, "findings_count"]:
            setattr(self, field, getattr(locked, field))
        return self

    def start_review(self, *, by) -> "Report":
        """Open a new report; the text to redact starts as the reporter's own words."""

        def apply(report):
            report.published_story = report.published_story or report.story
            report.published_lessons = report.published_lessons or report.lessons
            return ["published_story", "published_lessons"]

        return self._move("start_review", by=by, apply=apply)

    def ask_reporter(self, *, by, question: str) -> "Report":
        """Send the reporter a question; the report waits for their answer."""
        question = question.strip()
        if not question:
            raise InvalidTransition("Write the question the reporter should answer.")

        def apply(report):
            Message.objects.create(report=report, sender=Message.Sender.MODERATOR, body=question)
            return []

        return self._move("ask_reporter", by=by, apply=apply)

    def answer(self, text: str) -> "Report":
        """Store the reporter's answer; the report goes back to review."""
        if not text.strip():
            raise InvalidTransition("Please write your answer.")

        def apply(report):
            Message.objects.create(report=report, sender=Message.Sender.REPORTER, body=text)
            return []

        return self._move("answer", apply=apply)

    def approve(self, *, by, seen: str | None = None) -> "Report":
        """Approve the text as it stands, bound to its fingerprint; once per moderator.

        seen is the version of the page the moderator approved from: if the report changed
        since, the approval is refused, so nobody vouches for text they did not read.
        """

        def check(report):
            if seen is not None and seen != report.version():
                raise InvalidTransition(
                    "This report changed since you opened it. Read it again before approving."
                )
            missing = [
                Report._meta.get_field(name).verbose_name
                for name in self.TEXT_FIELDS
                if not getattr(report, name).strip()
            ]
            if missing:
                raise InvalidTransition(f"Write the {', '.join(missing)} before approving.")
            if not report.primary_risk_factor:
                raise InvalidTransition(
                    "Choose the risk factors and the primary one before approving: readers "
                    "see them under the story."
                )
            if problems := report.coding_problems():
                raise InvalidTransition(" ".join(problems))
            if report.current_approvals().filter(moderator=by).exists():
                raise InvalidTransition(
                    "You have already approved this text: a second moderator must approve it."
                )

        def apply(report):
            # An approval of an earlier text counts for nothing; this one replaces it.
            report.approvals.filter(moderator=by).delete()
            Approval.objects.create(report=report, moderator=by, fingerprint=report.fingerprint())
            return []

        return self._move("approve", by=by, check=check, apply=apply)

    def publish(self, *, by, identifiers_reviewed: bool = False) -> "Report":
        """Publish, once enough moderators approved exactly this text and no identifier is
        left unreviewed."""

        def check(report) -> str:
            needed = report.approvals_needed()
            if needed:
                raise InvalidTransition(
                    f"Publishing needs {settings.PUBLISH_APPROVALS} approvals of this text by "
                    f"different moderators; {needed} more needed."
                )
            if problems := report.coding_problems():
                raise InvalidTransition(" ".join(problems))
            findings = report.published_text_findings()
            if not findings:
                return ""
            # Kinds only: the audit is kept for ever, and the words found may identify someone.
            kinds = Counter(str(f.kind) for f in findings)
            listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
            if not identifiers_reviewed:
                raise InvalidTransition(
                    f"The published text may still identify someone ({listed}; see the "
                    "findings on the report page). Remove them, or tick that you reviewed "
                    "each finding."
                )
            return f"Published with {len(findings)} detector finding(s) reviewed: {listed}"

        def apply(report):
            report.published_on = report.closed_on = timezone.localdate()
            return ["published_on", "closed_on"]

        return self._move("publish", by=by, check=check, apply=apply)

    def reject(self, *, by, reason: str, duplicate_of: "Report | None" = None) -> "Report":
        """Decide not to publish; the reporter sees the reason, moderators the duplicate."""
        reason = reason.strip()
        if not reason:
            raise InvalidTransition("Give the reason: the reporter will see it.")
        if duplicate_of is not None and duplicate_of.pk == self.pk:
            raise InvalidTransition("A report cannot be a duplicate of itself.")

        def apply(report):
            report.rejection_reason = reason
            report.duplicate_of = duplicate_of
            report.closed_on = timezone.localdate()
            report.approvals.all().delete()
            return ["rejection_reason", "duplicate_of", "closed_on"]

        audit = reason if duplicate_of is None else f"{reason} (duplicate of {duplicate_of})"
        return self._move("reject", by=by, reason=audit, apply=apply)

    def return_to_review(self, *, by, reason: str = "") -> "Report":
        """Take a report back into review; approvals given so far are withdrawn."""

        def apply(report):
            report.approvals.all().delete()
            return []

        return self._move("return_to_review", by=by, reason=reason.strip(), apply=apply)

    def unpublish(self, *, by, reason: str) -> "Report":
        """Take a published story off the site and back into review; it needs new approvals."""
        reason = reason.strip()
        if not reason:
            raise InvalidTransition("Say why the story is taken down: it is kept in the audit.")

        def apply(report):
            report.published_on = report.closed_on = None
            report.approvals.all().delete()
            return ["published_on", "closed_on"]

        return self._move("unpublish", by=by, reason=reason, apply=apply)

    def withdraw(self) -> "Report":
        """The reporter withdraws the report; allowed at any time before publication."""

        def apply(report):
            report.closed_on = timezone.localdate()
            report.approvals.all().delete()
            return ["closed_on"]

        return self._move("withdraw", apply=apply)

    def withdraw_stale_approvals(self, *, by, changed: list[str]) -> int:
        """Withdraw the approvals of an earlier text after an edit; return how many.

        Call it on the locked row, after the edit (topics included) is saved.
        """
        with serialized_write():
            locked = Report.objects.select_for_update().get(pk=self.pk)
            count, _ = locked.approvals.exclude(fingerprint=locked.fingerprint()).delete()
            if not count:
                return 0
            from_status = locked.status
            if locked.status == ReportStatus.APPROVED and not locked.current_approvals().exists():
                locked.status = ReportStatus.IN_REVIEW
                locked.save(update_fields=["status"])
            AuditEntry.record(
                locked,
                by=by,
                action="approvals withdrawn by edit",
                from_status=from_status,
                reason=f"Changed after approval: {', '.join(changed)}",
            )
        self.status = locked.status
        return count

    def purge_original(self, *, today) -> None:
        """Delete the reporter's own words and the conversation; the published text stays."""
        with serialized_write():
            locked = Report.objects.select_for_update().get(pk=self.pk)
            locked.story = locked.lessons = ""
            locked.original_purged_on = today
            locked.save(update_fields=["story", "lessons", "original_purged_on"])
            locked.messages.all().delete()
            AuditEntry.record(
                locked,
                by=None,
                action="purge original text",
                from_status=locked.status,
                reason="Retention period over: the reporter's words and the conversation "
                "were deleted.",
            )


MODERATOR_MOVES = {name: move for name, move in MOVES.items() if move.moderator}


class Approval(models.Model):
    """One moderator's approval of the text as it stood when given (its fingerprint)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="approvals")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    given_at = models.DateTimeField(default=timezone.now)
    # Report.fingerprint() of what was approved: an approval of other text never counts.
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "moderator"], name="one_approval_each"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} by {self.moderator_id}"


class Message(models.Model):
    """One message of the anonymous conversation between moderators and the reporter."""

    # Random, like every id a reporter's action creates: a sequence would order them.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Sender(models.TextChoices):
        MODERATOR = "moderator", "Moderator"
        REPORTER = "reporter", "Reporter"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=16, choices=Sender.choices)
    body = EncryptedTextField(validators=[validate_typed_text])  # the reporter's words, too
    # The day only: a reporter's reply time could point to their shift.
    sent_on = models.DateField(default=timezone.localdate)
    # Order within a day, without a clock time.
    sequence = models.PositiveIntegerField(editable=False)

    TYPED_FIELDS = ("body",)

    class Meta:
        ordering = ["sequence"]
        constraints = [
            *typed_text_constraints("message", ["body"]),
            models.CheckConstraint(
                name="message_sender_known",
                condition=models.Q(sender__in=["moderator", "reporter"]),
            ),
            models.UniqueConstraint(fields=["report", "sequence"], name="message_sequence"),
        ]
        indexes = [models.Index(fields=["sent_on"], name="message_sent_on")]

    def __str__(self) -> str:
        return f"{self.report_id} #{self.sequence}"

    def save(self, *args, **kwargs) -> None:
        check_typed_text(self, kwargs.get("update_fields"))
        if self.sequence is None:
            last = Message.objects.filter(report=self.report).aggregate(models.Max("sequence"))
            self.sequence = (last["sequence__max"] or 0) + 1
        super().save(*args, **kwargs)


class AuditEntry(models.Model):
    """Who moved a report from which status to which, and why. Never edited or deleted."""

    # Random: a sequence would place the reporter's entries between timestamped ones.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="audit")
    # Empty for the reporter's own moves (answer, withdraw) and for purge_expired.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    # Moderators' moves keep the time; the reporter's keep the day only.
    at = models.DateTimeField(null=True, blank=True)
    on = models.DateField(default=timezone.localdate)
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=16, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=16, choices=ReportStatus.choices)
    reason = models.TextField(blank=True, validators=[validate_typed_text])

    TYPED_FIELDS = ("reason",)

    class Meta:
        # By day; within a day the reporter's entries (no time) come first, then moderators'
        # by time, so nothing places a reporter's action between two timestamped ones.
        ordering = ["on", models.F("at").asc(nulls_first=True), "action"]
        constraints = typed_text_constraints("auditentry", ["reason"])
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["on"], name="auditentry_on")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.action}"

    def save(self, *args, **kwargs) -> None:
        check_typed_text(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    @classmethod
    def record(cls, report: Report, *, by, action: str, from_status: str, reason: str = ""):
        return cls.objects.create(
            report=report,
            actor=by,
            at=timezone.now() if by is not None else None,
            action=action,
            from_status=from_status,
            to_status=report.status,
            reason=reason,
        )


class Draft(models.Model):
    """What a reporter is writing, between the steps of the form (reports.drafts).

    Sealed under a key only the reporter's browser can give back; the day only, no time.
    """

    # A keyed hash of the browser's form secret, never the secret itself.
    id = models.CharField(max_length=64, primary_key=True, editable=False)
    started_on = models.DateField(default=timezone.localdate, editable=False)
    sealed = models.TextField(editable=False)

    class Meta:
        indexes = [models.Index(fields=["started_on"], name="draft_started_on")]

    def __str__(self) -> str:
        return f"draft of {self.started_on}"
