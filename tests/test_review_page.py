"""What the identifier check tells the reporter, the moderators and the privacy page's readers."""

import importlib
from html import escape

import pytest
from django.utils.text import capfirst

from reports.identifiers import Finding, Kind
from reports.models import Report
from reports.redaction import findings_list
from tests.factories import login_verified, make_report, payload

pytestmark = pytest.mark.django_db


def test_the_review_page_names_a_finding_and_suggests_its_note(client):
    response = client.post(
        "/submit/", payload(story="I took over a prisoner from Sgt. Okafor."), follow=True
    )
    html = response.content.decode()
    assert (
        "<li><strong>A person&#x27;s name:</strong> <q>Sgt. Okafor</q> "
        "— replace it with [name removed] or leave it out</li>"
    ) in html
    assert '<mark title="A person&#x27;s name">Sgt. Okafor</mark>' in html


def test_the_review_page_explains_findings_in_the_lessons_too(client):
    response = client.post(
        "/submit/", payload(lessons="Ring 555-201-7788 before you go in."), follow=True
    )
    html = response.content.decode()
    assert "A phone number:</strong> <q>555-201-7788</q>" in html
    assert "replace it with [phone number removed] or leave it out" in html
    assert '<mark title="A phone number">555-201-7788</mark>' in html


def test_the_review_page_runs_the_detector_once_for_each_text(client, monkeypatch):
    view_module = importlib.import_module("reports.views.submit")
    real, seen = view_module.find_identifiers, []

    def counting(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(view_module, "find_identifiers", counting)
    data = payload(story="Sgt. Okafor searched him.", lessons="Search him again.")
    assert client.post("/submit/", data, follow=True).status_code == 200
    assert seen == ["Sgt. Okafor searched him.", "Search him again."]


def test_the_privacy_page_lists_everything_the_check_looks_for_in_order(client):
    html = client.get("/privacy/").content.decode()
    items = [f"<li>{escape(capfirst(kind.label))}</li>" for kind in Kind]
    positions = [html.find(item) for item in items]
    assert -1 not in positions, [item for item in items if item not in html]
    assert positions == sorted(positions)
    assert "The check runs on our server and nothing it finds is stored" in html
    assert "may miss things or flag\nharmless words" in html


def test_the_moderators_findings_list_gives_label_excerpt_and_note():
    findings = [
        ("story", Finding(Kind.NAME, "Luis", 0, 4)),
        ("published_lessons", Finding(Kind.PLACE, "Millbrook", 10, 19)),
    ]
    assert findings_list(findings) == (
        '<ul class="findings">'
        "<li><strong>A person&#x27;s name</strong>: \u201cLuis\u201d \u2192 [name removed] "
        "<span>(story)</span></li>"
        "<li><strong>A town, county, agency or named place</strong>: \u201cMillbrook\u201d "
        "\u2192 [place removed] <span>(lessons)</span></li>"
        "</ul>"
    )


def test_the_moderators_findings_list_escapes_the_excerpt():
    html = findings_list([("story", Finding(Kind.NAME, "<b>Luis</b>", 0, 11))], buttons=True)
    assert "<b>" not in html
    assert "\u201c&lt;b&gt;Luis&lt;/b&gt;\u201d \u2192 [name removed]" in html


def test_the_moderators_report_page_shows_label_and_note(client, moderator):
    login_verified(client, moderator)
    report = make_report(
        status=Report.Status.IN_REVIEW, published_story="Sgt. Okafor searched him."
    )
    html = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert (
        "<strong>A person&#x27;s name</strong>: \u201cSgt. Okafor\u201d \u2192 [name removed]"
    ) in html
