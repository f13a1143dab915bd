"""Counts of published stories for the statistics page, with small counts suppressed.

A count under K_ANONYMITY is never shown, in charts, tables or open data alike, so no single
story can be singled out by its categories.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from reports import taxonomy
from reports.models import Report

K_ANONYMITY = 5
FEWER_THAN_K = f"fewer than {K_ANONYMITY}"
MONTHS = 24


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None  # None: fewer than K_ANONYMITY, withheld

    @property
    def shown(self) -> str:
        return FEWER_THAN_K if self.count is None else f"{self.count:,}"


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    rows: list[Row]

    @property
    def largest(self) -> int:
        return max((row.count or 0 for row in self.rows), default=0)


def suppressed(count: int) -> int | None:
    """Return count, or None when it is too small to show."""
    return count if count >= K_ANONYMITY else None


def _rows(counts: dict[str, int], choices) -> list[Row]:
    rows = [Row(label, suppressed(counts.get(value, 0))) for value, label in choices]
    rows.append(Row("Not stated", suppressed(counts.get("", 0))))
    return rows


def _by_field(field: str) -> dict[str, int]:
    pairs = Report.objects.published().values_list(field).annotate(n=Count("pk")).order_by()
    return dict(pairs)


def risk_factor_counts() -> dict[str, int]:
    """Return how many published stories name each risk factor (one query)."""
    sql = (
        "SELECT factor, COUNT(*) FROM reports_report, unnest(risk_factors) AS factor "
        "WHERE status = %s GROUP BY factor"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Report.Status.PUBLISHED])
        return dict(cursor.fetchall())


def month_rows(today: datetime.date | None = None) -> list[Row]:
    """Return one row per month for the last MONTHS months, oldest first."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    months = []
    for _ in range(MONTHS):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    months.reverse()
    counts = dict(
        Report.objects.published()
        .filter(published_on__gte=months[0])
        .annotate(month=TruncMonth("published_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [Row(month.strftime("%b %Y"), suppressed(counts.get(month, 0))) for month in months]


def charts() -> list[Chart]:
    """Return every chart of the statistics page (four queries, whatever the archive size)."""
    factors = risk_factor_counts()
    return [
        Chart(
            "event-type",
            "Stories by type of event",
            _rows(_by_field("event_type"), taxonomy.EventType.choices),
        ),
        Chart(
            "risk-factor",
            "Stories by contributing risk factor",
            [
                Row(label, suppressed(factors.get(value, 0)))
                for value, label in taxonomy.RiskFactor.choices
            ],
        ),
        Chart(
            "loss-potential",
            "Stories by what could have happened",
            _rows(_by_field("loss_potential"), taxonomy.LossPotential.choices),
        ),
        Chart("month", f"Stories published by month, last {MONTHS} months", month_rows()),
    ]
