"""Statistics and open data, and the rule that no count under five is ever shown."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from reports import statistics
from reports.models import Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db

S = Report.Status


def _body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def _many(count: int, **fields) -> None:
    for _ in range(count):
        make_report(status=S.PUBLISHED, **fields)


def _chart(slug: str) -> statistics.Chart:
    return next(chart for chart in statistics.charts() if chart.slug == slug)


def _row(chart: statistics.Chart, label: str) -> statistics.Row:
    return next(row for row in chart.rows if row.label == label)


def test_counts_of_five_or_more_are_shown_and_fewer_are_withheld():
    _many(5, event_type="traffic_stop", risk_factors=["fatigue"], loss_potential="death")
    _many(4, event_type="training", risk_factors=["speed"], loss_potential="minor_injury")
    make_report(status=S.APPROVED, event_type="training")  # unpublished: never counted
    events = _chart("event-type")
    assert _row(events, "Traffic stop").count == 5
    assert _row(events, "Training").count is None
    assert _row(events, "Training").shown == "fewer than 5"
    assert _row(events, "Off-duty").shown == "fewer than 5"  # zero is withheld too
    assert _row(_chart("risk-factor"), "Fatigue").count == 5
    assert _row(_chart("risk-factor"), "Speed or driving").count is None
    assert _row(_chart("loss-potential"), "Death").count == 5
    assert _row(_chart("loss-potential"), "Minor injury").count is None


def test_the_stats_page_shows_charts_and_tables_with_the_same_suppression(client):
    _many(6, event_type="traffic_stop")
    _many(2, event_type="training")
    html = client.get("/stats/").content.decode()
    assert html.count("<svg") == 4
    assert '<th scope="row">Traffic stop</th><td>6</td>' in html
    assert '<th scope="row">Training</th><td>fewer than 5</td>' in html
    # In the chart, the withheld bar says so and carries no number.
    chart = html[
        html.index('id="event-type"') : html.index("</svg>", html.index('id="event-type"'))
    ]
    assert ">6</text>" in chart
    assert ">2</text>" not in chart and "fewer than 5</text>" in chart


def test_months_cover_the_last_24():
    rows = statistics.month_rows()
    assert len(rows) == 24


def test_open_data_csv_has_the_public_fields_and_nothing_private(client):
    _many(
        5,
        event_type="traffic_stop",
        loss_potential="death",
        risk_factors=["fatigue"],
        story="The reporter's own secret words.",
        assignment="patrol",
    )
    response = client.get("/data/reports.csv")
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 5
    row = rows[0]
    assert row["published"] == "2026-10"
    assert row["event_type"] == "Traffic stop" and row["risk_factors"] == "Fatigue"
    assert "assignment" not in row and "story" not in row
    text = "\n".join(",".join(r.values()) for r in rows)
    assert "secret words" not in text
    assert "2026-10-05" not in text


def test_open_data_withholds_rare_categories(client):
    _many(5, event_type="traffic_stop", weapon="firearm")
    make_report(status=S.PUBLISHED, event_type="training", weapon="edged")
    records = json.loads(_body(client.get("/data/reports.json")))
    rare = next(r for r in records if r["event_type"] != "Traffic stop")
    assert rare["event_type"] == "withheld (fewer than 5 stories)"
    assert rare["weapon"] == "withheld (fewer than 5 stories)"
    common = [r for r in records if r["event_type"] == "Traffic stop"]
    assert len(common) == 5 and common[0]["weapon"] == "Firearm"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_cannot_run_as_formulas(client, start):
    make_report(status=S.PUBLISHED, headline=f'{start}HYPERLINK("http://x")')
    rows = list(csv.DictReader(io.StringIO(_body(client.get("/data/reports.csv")))))
    assert rows[0]["headline"] == f'\'{start}HYPERLINK("http://x")'


def test_open_data_json_matches_the_documented_fields(client):
    make_report(status=S.PUBLISHED)
    records = json.loads(_body(client.get("/data/reports.json")))
    html = client.get("/data/").content.decode()
    for name in records[0]:
        assert f"<code>{name}</code>" in html


def test_open_data_is_empty_but_valid_without_stories(client):
    assert json.loads(_body(client.get("/data/reports.json"))) == []
    assert _body(client.get("/data/reports.csv")).startswith("id,url,published")
