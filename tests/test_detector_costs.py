"""The detector's cost grows in proportion to the text, whatever the text.

Asserted on the detector's own scaling, never on a wall-clock budget (that is `make bench`):
the Python calls it makes are counted exactly, and the time of a text four times longer is
compared with the time of the shorter one, so a pattern that backtracks (quadratic: sixteen
times the time) fails while a slow machine does not.
"""

import gc
import sys
import time

import pytest

from reports.detector_costs import hostile_shapes
from reports.forms import LESSONS_MAX, STORY_MAX
from reports.identifiers import find_identifiers


def _calls(text: str) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in {"call", "c_call"}:
            count += 1

    sys.setprofile(profile)
    try:
        find_identifiers(text)
    finally:
        sys.setprofile(None)
    return count


def _seconds(text: str) -> float:
    """Return the best of five CPU times. The garbage collector is paused: late in a long test
    run its full collections scan the whole process, which is not the detector's cost and made
    the longer text look super-linear."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            start = time.process_time()
            find_identifiers(text)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


@pytest.fixture(scope="module", autouse=True)
def _loaded():
    find_identifiers("Load the word lists once before anything is counted.")


SHAPES = sorted(hostile_shapes(10))


@pytest.mark.parametrize("shape", SHAPES)
def test_the_work_per_character_stays_the_same_on_hostile_text(shape):
    short = _calls(hostile_shapes(1_000)[shape])
    long = _calls(hostile_shapes(4_000)[shape])
    assert long <= 4.6 * short + 200, (short, long)


@pytest.mark.parametrize("shape", SHAPES)
def test_four_times_the_text_takes_about_four_times_as_long(shape):
    short = _seconds(hostile_shapes(STORY_MAX // 4)[shape])
    long = _seconds(hostile_shapes(STORY_MAX)[shape])
    # Linear gives 4, a backtracking pattern 16 or more; the margin absorbs a shared machine
    # (seen: 7.2 for "at signs" with the other core busy).
    assert long <= 10 * short + 0.005, (short, long)


def test_the_detector_only_ever_sees_text_the_form_allows():
    assert STORY_MAX <= 20_000
    assert LESSONS_MAX <= 20_000


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_left_as_it_was_found(enabled):
    """The detector pauses the collector while it runs (its many short-lived objects hold no
    cycles) and leaves it as it found it, even when the text makes it fail."""
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        find_identifiers("Ofc. Okafor, badge 4471, Millbrook PD, 0315 on 3/4.")
        assert gc.isenabled() is enabled
        with pytest.raises(TypeError):
            find_identifiers(None)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
