"""The story page, its related stories and its print view."""

import pytest

from reports.models import Report, Topic
from tests.factories import make_report

pytestmark = pytest.mark.django_db

S = Report.Status


def _published(**fields) -> Report:
    return make_report(status=S.PUBLISHED, **fields)


def test_the_story_follows_the_leo_format_with_month_and_year(client):
    report = _published(risk_factors=["fatigue", "complacency"], primary_risk_factor="complacency")
    html = client.get(f"/reports/{report.public_id}/").content.decode()
    order = [
        html.index(text)
        for text in [
            report.headline,
            report.key_lesson,
            "Event summary",
            "Contributing risk factors",
            "Lessons learned",
        ]
    ]
    assert order == sorted(order)
    assert "Published October 2026" in html
    assert "Complacency (primary)" in html


def test_redactions_are_styled_and_text_is_escaped(client):
    report = _published(published_story="He ran to [street removed] with <script>x</script>.")
    html = client.get(f"/reports/{report.public_id}/").content.decode()
    assert '<span class="redaction">[street removed]</span>' in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html


def test_taxonomy_chips_link_to_the_filtered_list(client):
    report = _published(event_type="traffic_stop", loss_potential="death", risk_factors=["fatigue"])
    topic = Topic.objects.create(slug="roads", name="Roads")
    report.topics.add(topic)
    html = client.get(f"/reports/{report.public_id}/").content.decode()
    assert 'href="/reports/?event_type=traffic_stop"' in html
    assert 'href="/reports/?loss=death"' in html
    assert 'href="/reports/?factor=fatigue"' in html
    assert 'href="/topics/roads/"' in html


def test_related_stories_prefer_the_same_primary_risk_factor_then_event_type(client):
    report = _published(
        primary_risk_factor="fatigue",
        event_type="traffic_stop",
        headline="Asleep at the wheel",
        key_lesson="Rest before driving.",
    )
    same_factor = _published(primary_risk_factor="fatigue", event_type="training")
    same_type = _published(primary_risk_factor="speed", event_type="traffic_stop")
    similar_text = _published(
        primary_risk_factor="speed",
        event_type="training",
        headline="Driving without rest",
        published_story="wheel",
    )
    _published(
        primary_risk_factor="speed",
        event_type="training",
        headline="Unrelated",
        key_lesson="Nothing",
        published_story="Nothing alike.",
        published_lessons="Nothing.",
    )
    make_report(status=S.APPROVED, primary_risk_factor="fatigue")  # never shown
    related = [r.public_id for r in report.related()]
    assert related == [same_factor.public_id, same_type.public_id, similar_text.public_id]
    html = client.get(f"/reports/{report.public_id}/").content.decode()
    assert "Related stories" in html and same_factor.headline in html


def test_the_print_view_is_a_one_page_briefing(client):
    report = _published(published_story="Taken to [the jail].", risk_factors=["fatigue"])
    html = client.get(f"/reports/{report.public_id}/print/").content.decode()
    assert "roll-call briefing" in html
    assert "css/print.css" in html and "css/site.css" not in html
    assert '<span class="redaction">[the jail]</span>' in html
    assert "Fatigue" in html and "For discussion" in html
    assert f"/reports/{report.public_id}/" in html


@pytest.mark.parametrize("suffix", ["", "print/"])
@pytest.mark.parametrize("status", [s for s in S if s != S.PUBLISHED])
def test_unpublished_story_and_print_are_404(client, status, suffix):
    report = make_report(status=status)
    assert client.get(f"/reports/{report.public_id}/{suffix}").status_code == 404
