"""The detector measured on the labelled development corpus (docs/identifiers.md).

The figures are the issue's acceptance targets; `python manage.py evaluate_detector --errors`
lists every miss and false alarm behind them.
"""

from pathlib import Path

import pytest

from reports.detector_evaluation import evaluate, load, parse
from reports.identifiers import Kind

CORPUS = Path(__file__).parent / "detector_corpus"


@pytest.fixture(scope="module")
def result():
    return evaluate(load(CORPUS))


def test_the_corpus_is_large_and_covers_every_kind():
    sentences = load(CORPUS)
    labelled = [s for s in sentences if s.spans]
    clean = [s for s in sentences if s.source.startswith("clean")]
    assert len(sentences) >= 600
    assert len(labelled) >= 350
    assert len(clean) >= 250
    assert all(not s.spans for s in clean)
    kinds = {span.kind for s in labelled for span in s.spans}
    assert kinds == set(Kind)


def test_it_finds_at_least_97_percent_of_identifiers(result):
    assert result.overall.recall >= 0.97


def test_at_least_90_percent_of_its_findings_are_identifiers(result):
    assert result.overall.precision >= 0.90


def test_it_covers_at_least_95_percent_of_identifiers_whole(result):
    assert result.overall.coverage >= 0.95


def test_it_raises_at_most_five_false_alarms_per_100_clean_sentences(result):
    assert result.false_alarms_per_100 <= 5


@pytest.mark.parametrize("kind", list(Kind))
def test_no_kind_falls_far_behind(result, kind):
    assert result.by_kind[kind].recall >= 0.9


def test_the_markup_is_read_exactly():
    sentence = parse("My partner [[name|Luis]] went to [[address|Oak and 12th]].")
    assert sentence.text == "My partner Luis went to Oak and 12th."
    assert [(s.kind, sentence.text[s.start : s.end]) for s in sentence.spans] == [
        (Kind.NAME, "Luis"),
        (Kind.ADDRESS, "Oak and 12th"),
    ]


def test_a_corpus_line_with_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        parse("It was [[colour|red]].", source="x.txt", number=3)
