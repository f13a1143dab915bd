"""Every input a stranger sends is capped: a long search is cut, a huge post refused."""

import pytest

from reports.forms import SEARCH_MAX_CHARACTERS, SEARCH_MAX_WORDS, BrowseForm
from tests.factories import make_report, payload

pytestmark = pytest.mark.django_db


def _query(text: str) -> str:
    return BrowseForm({"q": text}, years=[]).filters().get("q", "")


def test_a_search_keeps_only_its_first_words():
    words = [f"word{n}" for n in range(100)]
    assert _query(" ".join(words)).split() == words[:SEARCH_MAX_WORDS]


def test_a_search_keeps_only_its_first_characters():
    assert len(_query("x" * 100_000)) == SEARCH_MAX_CHARACTERS


def test_a_long_search_still_finds_what_its_first_words_find(client):
    make_report(status="published", published_story="The zeppelin landed on the roof.")
    html = client.get("/reports/", {"q": "zeppelin roof " * 500}).content.decode()
    assert "1 story matching your search" in html


@pytest.mark.parametrize("page", ["99999999999", "9" * 5000, "-1", "x", ""])
def test_any_page_number_gives_a_page(client, page):
    make_report(status="published")
    assert client.get("/reports/", {"page": page}).status_code == 200


def test_a_post_larger_than_anyone_needs_is_refused(client):
    response = client.post("/submit/", payload(story="x" * 1_300_000), follow=True)
    assert response.status_code == 400


def test_a_post_with_thousands_of_fields_is_refused(client):
    data = payload() | {f"f{n}": "1" for n in range(600)}
    assert client.post("/submit/", data, follow=True).status_code == 400
