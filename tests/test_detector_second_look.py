"""The detector measured on corpora written blind, after it was built (docs/identifiers.md).

Three sets written by people who read only the labelling policy, never the detector: officers'
narratives from Maine to Hawaii, shorthand typed in a hurry (CAD notes, texting, no capitals),
and a mix of ten voices written to find what it misses. They are not tuned to: the floors
below are the figures of 2 December 2026, so that no change makes them worse. The targets are
the development corpus's (tests/test_detector_corpus.py); `python manage.py evaluate_detector
--corpus tests/detector_second_look/shorthand --errors` lists what is still missed.
"""

from pathlib import Path

import pytest

from reports.detector_evaluation import evaluate, load

HERE = Path(__file__).parent / "detector_second_look"

# name: (recall, precision, coverage, false alarms per 100 clean sentences at most)
FLOORS = {
    "narrative": (0.975, 0.98, 0.95, 2.0),
    "shorthand": (0.86, 0.99, 0.795, 1.5),
    "mixed": (0.91, 0.97, 0.875, 5.0),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def measured(request):
    return request.param, evaluate(load(HERE / request.param))


def test_each_corpus_is_large_and_has_clean_sentences(measured):
    name, _ = measured
    sentences = load(HERE / name)
    assert len(sentences) >= 400
    assert sum(1 for s in sentences if s.source.startswith("clean")) >= 140


def test_no_figure_falls_below_its_floor(measured):
    name, result = measured
    recall, precision, coverage, false_alarms = FLOORS[name]
    assert result.overall.recall >= recall
    assert result.overall.precision >= precision
    assert result.overall.coverage >= coverage
    assert result.false_alarms_per_100 <= false_alarms
