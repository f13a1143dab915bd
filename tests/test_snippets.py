"""Search snippets: the right words marked, nothing unescaped, PostgreSQL's stemming matched."""

import pytest
from django.db import connection

from reports.models import Report
from reports.snippets import ELLIPSIS, snippet, stem, wanted_lexemes

pytestmark = pytest.mark.django_db


def _snippet(text: str, query: str) -> str:
    return str(snippet(text, Report.objects.search(query).lexemes))


def test_words_are_marked_in_every_form_the_search_matches():
    text = "He was running towards the car. Nobody runs like that unless something is wrong."
    html = _snippet(text, "run")
    assert "<mark>running</mark>" in html
    assert "<mark>runs</mark>" in html
    assert "<mark>wrong</mark>" not in html


def test_excluded_words_and_stop_words_are_not_marked():
    text = "The pursuit ended at the bridge and the car stopped."
    html = _snippet(text, 'bridge -pursuit -"the car"')
    assert "<mark>bridge</mark>" in html
    assert "<mark>pursuit</mark>" not in html
    assert "<mark>car</mark>" not in html
    assert "<mark>The</mark>" not in html and "<mark>the</mark>" not in html


def test_stored_markup_comes_back_as_text():
    text = 'The suspect hid a razor in his <b>bold</b> sleeve & said "nothing" <script>x</script>.'
    html = _snippet(text, "razor")
    assert "<mark>razor</mark>" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&amp; said &quot;nothing&quot;" in html
    assert "<b>" not in html and "<script>" not in html


def test_a_match_deep_in_a_long_story_is_shown_with_its_context_and_ellipses():
    filler = "We walked the long road again and again. " * 30
    text = f"{filler}Then the dog found a knife under the seat. {filler}"
    html = _snippet(text, "knife")
    assert html.startswith(f"{ELLIPSIS} ")
    assert html.endswith(f" {ELLIPSIS}")
    assert "dog found a <mark>knife</mark> under the seat" in html
    assert len(html) < 300


def test_at_most_two_passages_are_shown():
    filler = "We walked the long road again and again. " * 10
    text = f"Radio one. {filler}Radio two. {filler}Radio three. {filler}"
    html = _snippet(text, "radio")
    assert html.count("<mark>") == 2
    assert html.count(ELLIPSIS) == 2  # between the passages and at the end
    assert "three" not in html


def test_the_start_of_the_story_when_only_the_headline_matched():
    text = "Nothing in the body matches. " * 20
    html = _snippet(text, "zeppelin")
    assert html.startswith("Nothing in the body matches.")
    assert "<mark>" not in html
    assert html.endswith(ELLIPSIS)


def test_empty_text_gives_an_empty_snippet():
    assert _snippet("", "anything") == ""
    assert _snippet("!!! ...", "anything") == ""


@pytest.mark.parametrize(
    ("tsquery", "wanted"),
    [
        ("'backup'", {"backup"}),
        ("'spare' <-> 'magazin' <-> 'tape' & !'zq1'", {"spare", "magazin", "tape"}),
        ("!( 'the' <-> 'car' ) & 'dog' | 'cat'", {"dog", "cat"}),
        ("( 'a' | !'b' ) & !( 'c' & ( 'd' | 'e' ) ) & 'f'", {"a", "f"}),
        ("'o''brien'", {"o'brien"}),
        ("", set()),
    ],
)
def test_the_lexemes_a_match_contains_are_read_from_the_parsed_query(tsquery, wanted):
    assert wanted_lexemes(tsquery) == wanted


WORDS = [
    "running",
    "runs",
    "ran",
    "policies",
    "policy",
    "happily",
    "happiness",
    "officers",
    "officer's",
    "generously",
    "backups",
    "magazines",
    "taped",
    "taping",
    "knives",
    "searched",
    "searching",
    "vehicles",
    "dispatched",
    "dispatcher",
    "warrants",
    "hospitalized",
    "hospital",
    "cuffs",
    "handcuffed",
    "dying",
    "lying",
    "skies",
    "news",
    "atlas",
    "gently",
    "early",
    "only",
    "arrest",
    "arrested",
    "arrests",
    "weapon",
    "weaponry",
    "suspicious",
    "suspect",
    "suspected",
    "911",
    "tasered",
    "pursuit",
    "pursuing",
    "complacency",
    "fatigue",
    "fatigued",
    "radios",
    "communication",
]


def test_our_stems_are_postgresqls_stems():
    """A word PostgreSQL would match must be marked: the two stemmers have to agree."""
    with connection.cursor() as cursor:
        for word in WORDS:
            cursor.execute("SELECT tsvector_to_array(to_tsvector('english', %s))", [word])
            lexemes = cursor.fetchone()[0]
            if len(lexemes) == 1:  # one word, not a stop word
                assert stem(word.lower()) == lexemes[0], word
