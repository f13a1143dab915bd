"""The moderator's diff is exact and bounded; findings are replaced with their notes."""

import difflib
import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports import redaction
from reports.identifiers import Kind
from reports.redaction import redact, redact_all, redaction_diff


def _sides(diff: str) -> tuple[str, str]:
    """Return the text before and after, read back from the diff's HTML."""
    before = re.sub(r"<ins>.*?</ins>", "", diff, flags=re.S)
    after = re.sub(r"<del>.*?</del>", "", diff, flags=re.S)
    unwrap = lambda text: html.unescape(re.sub(r"</?(ins|del)>", "", text))  # noqa: E731
    return unwrap(before), unwrap(after)


@pytest.fixture
def comparisons(monkeypatch):
    """Record the sizes of every sequence difflib is asked to compare."""
    seen = []

    class Recording(difflib.SequenceMatcher):
        def __init__(self, *args, a, b, **kwargs):
            seen.append((len(a), len(b)))
            super().__init__(*args, a=a, b=b, **kwargs)

    monkeypatch.setattr(redaction.difflib, "SequenceMatcher", Recording)
    return seen


def test_it_marks_removed_and_added_words():
    diff = redaction_diff("Sgt. Miller searched him in Millbrook.", "[name removed] searched him.")
    assert "<del>" in diff and "<ins>[name removed]</ins>" in diff
    assert _sides(diff) == (
        "Sgt. Miller searched him in Millbrook.",
        "[name removed] searched him.",
    )


def test_it_escapes_both_sides():
    diff = redaction_diff("<b>bold</b> & more", "<i>it</i> & more")
    assert "<b>" not in diff and "<i>" not in diff and "&amp;" in diff


words = st.sampled_from(["the", "car", "Miller", "[name removed]", ".", "\n", "\n\n", " ", "a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(words, max_size=80), st.lists(words, max_size=80))
def test_the_diff_always_reads_back_as_the_two_texts(before, after):
    original, redacted = "".join(before), "".join(after)
    assert _sides(redaction_diff(original, redacted)) == (original, redacted)


HOSTILE = {
    "the same word 20,000 characters long, one changed in the middle": (
        "go " * 6_666,
        "go " * 3_000 + "[name removed] " + "go " * 3_665,
    ),
    "one long line against its reverse": (
        " ".join(f"w{i}" for i in range(3_000)),
        " ".join(f"w{i}" for i in reversed(range(3_000))),
    ),
    "alternating words against their swap": ("a b " * 5_000, "b a " * 5_000),
    "thousands of one-word lines, every other one changed": (
        "".join(f"line {i}\n" for i in range(2_500)),
        "".join(f"line {i if i % 2 else 'x'}\n" for i in range(2_500)),
    ),
    "sentences that repeat, redacted throughout": (
        "Sgt. Miller went left. " * 900,
        "[name removed] went left. " * 900,
    ),
}


@pytest.mark.parametrize("shape", HOSTILE, ids=list(HOSTILE))
def test_the_work_of_any_diff_is_bounded(comparisons, shape):
    original, redacted = HOSTILE[shape]
    diff = redaction_diff(original, redacted)
    assert _sides(diff) == (original, redacted)
    assert len(comparisons) <= redaction.BUDGET
    assert all(a <= redaction.COMPARED and b <= redaction.COMPARED for a, b in comparisons)


def test_a_small_redaction_in_a_long_story_is_shown_word_by_word():
    story = "\n\n".join(f"Paragraph {i} tells what happened at the door." for i in range(200))
    redacted = story.replace("Paragraph 120 tells", "[name removed] tells")
    diff = redaction_diff(story, redacted)
    assert "<del>Paragraph 120</del><ins>[name removed]</ins>" in diff.replace(" ", " ")
    assert diff.count("<del>") == 1


def test_redact_replaces_a_finding_in_place_or_where_it_moved():
    saved = "I met Deputy Ruiz at the door."
    assert redact(saved, saved, 6, 17, Kind.NAME) == "I met [name removed] at the door."
    moved = "Late. " + saved
    assert redact(moved, saved, 6, 17, Kind.NAME) == "Late. I met [name removed] at the door."


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("I met someone at the door.", 6, 17),  # gone
        ("Deputy Ruiz met Deputy Ruiz.", 6, 17),  # moved, and twice: which one?
        ("I met Deputy Ruiz at the door.", 20, 10),  # nonsense offsets
        ("I met Deputy Ruiz at the door.", 0, 999),
    ],
)
def test_redact_refuses_when_it_cannot_be_sure(text, start, end):
    assert redact(text, "I met Deputy Ruiz at the door.", start, end, Kind.NAME) is None


def test_redact_all_leaves_nothing_the_detector_finds():
    text = "Deputy Ruiz called 555-201-7788 from the Dollar General in Millbrook at 0315."
    replaced = redact_all(text)
    assert "[name removed]" in replaced and "[phone number removed]" in replaced
    assert "Ruiz" not in replaced and "7788" not in replaced and "0315" not in replaced
