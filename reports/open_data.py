"""Open data: every published story's public fields, streamed as CSV or JSON.

Only what the story page shows is exported: never the reporter's own words, never a day
(month and year only), never the reporter's assignment, service or agency. A category value
that fewer than K_ANONYMITY published stories share is withheld, so a rare combination cannot
single a story out.
"""

import csv
import json
import re
import unicodedata
from collections.abc import Iterator

from django.db.models import Count

from reports import taxonomy
from reports.cleaning import UNTYPABLE
from reports.models import Report
from reports.statistics import FEWER_THAN_K, K_ANONYMITY, risk_factor_counts

WITHHELD = f"withheld ({FEWER_THAN_K} stories)"
# Single-choice categories: the event's coding and the moderators' primary risk factor.
CATEGORY_FIELDS = [
    *(name for name in taxonomy.EVENT_FIELDS if name not in {"risk_factors", "event_year"}),
    "primary_risk_factor",
]
FIELDS = [
    ("id", "The story's public id; its page is /reports/<id>/."),
    ("url", "The address of the story's page on this site."),
    ("published", "Month of publication, as YYYY-MM."),
    ("headline", "The moderators' headline."),
    ("key_lesson", "The one-line key lesson."),
    ("event_summary", "The story as published, with removed details in [square brackets]."),
    ("lessons_learned", "The lessons as published."),
    ("risk_factors", "Contributing risk factors, separated by '; ' in CSV, a list in JSON."),
    ("primary_risk_factor", "The moderators' choice of the main risk factor."),
    ("event_type", "Type of event."),
    ("loss_potential", "What could have happened."),
    ("prevented_by", "What prevented harm."),
    ("weapon", "Weapon involved."),
    ("officers_on_scene", "Officers on scene, in bands."),
    ("setting", "Urban, suburban or rural."),
    ("lighting", "Lighting."),
    ("time_of_day", "Six-hour band of the day."),
    ("event_year", "Year of the event."),
    ("safety_alert", "Whether the moderators flagged an urgent hazard (true/false)."),
]
# Spreadsheet programs run cells that start with these as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_LABELS = {field: dict(Report._meta.get_field(field).choices) for field in CATEGORY_FIELDS}
_FACTOR_LABELS = dict(taxonomy.RiskFactor.choices)


def _rare_values() -> dict[str, set]:
    """Return, per category field, the values fewer than K_ANONYMITY stories share."""
    published = Report.objects.published()
    rare = {}
    for field in [*CATEGORY_FIELDS, "event_year"]:
        counts = published.values_list(field).annotate(n=Count("pk")).order_by()
        rare[field] = {value for value, n in counts if n < K_ANONYMITY and value not in ("", None)}
    rare["risk_factors"] = {f for f, n in risk_factor_counts().items() if n < K_ANONYMITY}
    return rare


def records(base_url: str) -> Iterator[dict]:
    """Yield one dict per published story, oldest first, reading the table in chunks."""
    rare = _rare_values()
    columns = [
        "public_id",
        "published_on",
        "headline",
        "key_lesson",
        "published_story",
        "published_lessons",
        "risk_factors",
        "event_year",
        "safety_alert",
        *CATEGORY_FIELDS,
    ]
    rows = (
        Report.objects.published()
        .order_by("published_on", "public_id")
        .values(*columns)
        .iterator(chunk_size=2000)
    )
    for row in rows:
        record = {
            "id": row["public_id"],
            "url": f"{base_url}/reports/{row['public_id']}/",
            "published": row["published_on"].strftime("%Y-%m"),
            "headline": row["headline"],
            "key_lesson": row["key_lesson"],
            "event_summary": row["published_story"],
            "lessons_learned": row["published_lessons"],
            "risk_factors": sorted(
                {
                    WITHHELD if f in rare["risk_factors"] else _FACTOR_LABELS.get(f, f)
                    for f in row["risk_factors"]
                }
            ),
        }
        for field in CATEGORY_FIELDS:
            value = row[field]
            record[field] = WITHHELD if value in rare[field] else _LABELS[field].get(value, "")
        year = row["event_year"]
        record["event_year"] = WITHHELD if year in rare["event_year"] else (year or "")
        record["safety_alert"] = row["safety_alert"]
        yield {name: record[name] for name, _ in FIELDS}


# What a spreadsheet may skip before a formula: spaces and invisible characters (zero-width
# spaces and joiners, the byte-order mark, soft hyphens, direction marks).
_INVISIBLE_START = re.compile(
    "^[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]+"
)


def neutralise(cell: str) -> str:
    """Return cell so that no spreadsheet runs it as a formula.

    The first visible character counts, in its plain form: "\u200b=1+1", "\ufeff@SUM" and the
    full-width "\uff1d1+1" are formulas to some spreadsheet, so each gets the apostrophe that
    makes it text.
    """
    visible = _INVISIBLE_START.sub("", cell)
    first = unicodedata.normalize("NFKC", visible[:1])
    if cell.startswith(FORMULA_STARTS) or first.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def exported(value):
    """Return a value as an export writes it: text without what nobody types, and guarded."""
    if isinstance(value, str):
        return neutralise(UNTYPABLE.sub("", value))
    if isinstance(value, list):
        return [exported(item) for item in value]
    return value


class _Line:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(base_url: str) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow([name for name, _ in FIELDS])
    for record in records(base_url):
        cells = []
        for name, _ in FIELDS:
            value = record[name]
            if isinstance(value, list):
                value = "; ".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            cells.append(exported(str(value)))
        yield writer.writerow(cells)


def json_chunks(base_url: str) -> Iterator[str]:
    yield "[\n"
    first = True
    for record in records(base_url):
        record = {name: exported(value) for name, value in record.items()}
        yield ("" if first else ",\n") + json.dumps(record, ensure_ascii=False)
        first = False
    yield "\n]\n"
