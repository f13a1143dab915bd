"""/reports/: filters, removable chips, full-text search, pagination, nothing unpublished."""

import datetime
import re

import pytest

from reports.models import Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db

S = Report.Status


def _published(**fields) -> Report:
    return make_report(status=S.PUBLISHED, **fields)


def _ids(response) -> list[str]:
    return re.findall(r'<h3><a href="/reports/(\w+)/">', response.content.decode())


def test_browse_lists_published_stories_newest_first(client):
    older = _published(published_on=datetime.date(2025, 1, 5))
    newer = _published(published_on=datetime.date(2026, 3, 5))
    make_report(status=S.APPROVED, headline="Not yet")
    assert _ids(client.get("/reports/")) == [newer.public_id, older.public_id]


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({"event_type": "traffic_stop"}, "match"),
        ({"factor": "fatigue"}, "match"),
        ({"loss": "death"}, "match"),
        ({"year": "2025"}, "match"),
        (
            {"event_type": "traffic_stop", "factor": "fatigue", "loss": "death", "year": "2025"},
            "match",
        ),
    ],
)
def test_filters_combine(client, params, wanted):
    match = _published(
        event_type="traffic_stop",
        risk_factors=["fatigue", "speed"],
        loss_potential="death",
        published_on=datetime.date(2025, 6, 1),
    )
    _published(
        event_type="training",
        risk_factors=["speed"],
        loss_potential="minor_injury",
        published_on=datetime.date(2026, 6, 1),
    )
    assert _ids(client.get("/reports/", params)) == [match.public_id]


def test_active_filters_show_as_removable_chips(client):
    _published(event_type="traffic_stop", risk_factors=["fatigue"])
    html = client.get(
        "/reports/", {"event_type": "traffic_stop", "factor": "fatigue"}
    ).content.decode()
    assert "Type of event: Traffic stop" in html
    assert 'href="/reports/?factor=fatigue"' in html  # removing the event type keeps the factor
    assert 'href="/reports/?event_type=traffic_stop"' in html


def test_an_unknown_filter_value_is_dropped_not_an_error(client):
    story = _published()
    response = client.get("/reports/", {"event_type": "riot", "year": "abc", "page": "zz"})
    assert response.status_code == 200
    assert _ids(response) == [story.public_id]


def test_no_results_suggests_removing_a_filter(client):
    _published(event_type="training")
    html = client.get("/reports/", {"event_type": "traffic_stop"}).content.decode()
    assert "No stories match" in html
    assert "Try removing a filter" in html


def test_twenty_stories_to_a_page(client):
    for day in range(1, 23):
        _published(published_on=datetime.date(2026, 1, day))
    first = client.get("/reports/")
    second = client.get("/reports/", {"page": 2})
    assert len(_ids(first)) == 20 and len(_ids(second)) == 2
    assert "Page 1 of 2" in first.content.decode()
    assert not set(_ids(first)) & set(_ids(second))


def test_a_headline_match_ranks_above_a_story_match(client):
    in_story = _published(
        headline="A quiet night",
        key_lesson="Stay alert.",
        published_story="The holster strap had worn through.",
        published_on=datetime.date(2026, 5, 1),
    )
    in_headline = _published(
        headline="The holster that failed",
        key_lesson="Check it.",
        published_story="It came loose.",
        published_on=datetime.date(2025, 5, 1),
    )
    assert _ids(client.get("/reports/", {"q": "holster"})) == [
        in_headline.public_id,
        in_story.public_id,
    ]


def test_quoted_phrases_and_excluded_words_work(client):
    phrase = _published(published_story="He was not wearing a seat belt at all.")
    words = _published(published_story="The belt of the seat had been cut.")
    pursuit = _published(published_story="No seat belt during the pursuit.")
    assert set(_ids(client.get("/reports/", {"q": '"seat belt"'}))) == {
        phrase.public_id,
        pursuit.public_id,
    }
    assert _ids(client.get("/reports/", {"q": '"seat belt" -pursuit'})) == [phrase.public_id]
    assert set(_ids(client.get("/reports/", {"q": "seat belt"}))) == {
        phrase.public_id,
        words.public_id,
        pursuit.public_id,
    }


def test_snippets_highlight_matches_and_escape_stored_markup(client):
    _published(published_story="The suspect hid a razor in his <b>bold</b> sleeve.")
    html = client.get("/reports/", {"q": "razor"}).content.decode()
    assert "<mark>razor</mark>" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_search_never_finds_unpublished_or_original_text(client):
    make_report(
        status=S.APPROVED,
        headline="Zeppelin approved",
        published_story="zeppelin",
        published_on=None,
    )
    _published(story="The reporter's own zeppelin words.", published_story="Redacted.")
    response = client.get("/reports/", {"q": "zeppelin"})
    assert _ids(response) == []
    assert "No stories match" in response.content.decode()


@pytest.mark.parametrize("q", ['"', "-", "!!!", "a & b | c", "(((", "\\", "'; DROP TABLE x; --"])
def test_odd_search_text_never_breaks_the_page(client, q):
    _published()
    assert client.get("/reports/", {"q": q}).status_code == 200


def test_browse_refuses_posts(client):
    assert client.post("/reports/").status_code == 405


def test_a_very_broad_search_ranks_only_the_newest_matches_and_says_so(client, monkeypatch):
    monkeypatch.setattr("reports.models.SEARCH_CANDIDATES", 2)
    monkeypatch.setattr("reports.views.public.SEARCH_CANDIDATES", 2)
    oldest = _published(published_story="backup", published_on=datetime.date(2024, 1, 1))
    for month in (2, 3):
        _published(published_story="backup", published_on=datetime.date(2026, month, 1))
    response = client.get("/reports/", {"q": "backup"})
    html = response.content.decode()
    assert "The 2 most recent stories matching your search" in html
    assert oldest.public_id not in _ids(response)
    assert "add a word" in html
