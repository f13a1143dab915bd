"""Show moderators what they changed, and replace findings with their bracket notes.

The diff works down from lines to sentences to words, and only inside what changed: a common
beginning and end are skipped in linear time, long stretches are split at the pieces found once
on each side (as "patience diff" does), and difflib only ever compares at most COMPARED pieces
a side, at most BUDGET times a diff. So any story the form allows renders in a bounded time
(tests/test_redaction.py counts it; make bench times it).
"""

import bisect
import difflib
import re
from collections import Counter

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from reports.identifiers import Kind, find_identifiers

# Each level splits a text into pieces that join back into it exactly.
_LEVELS = (
    re.compile(r"[^\n]*\n+|[^\n]+"),  # lines, with their line breaks
    re.compile(r"[^.!?\n]*[.!?]+\s*|[^.!?\n]+\s*|\s+"),  # sentences
    re.compile(r"\s+|\S+"),  # words and the spaces between them
)
COMPARED = 120
BUDGET = 200


def redaction_diff(original: str, redacted: str) -> SafeString:
    """Return HTML of the changes: removed text in <del>, added text in <ins>.

    Every piece of text is escaped before it is wrapped, so what a person typed can never
    become markup.
    """
    parts: list[str] = []
    _diff(original, redacted, 0, parts, [BUDGET])
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped in _diff)


def _diff(before: str, after: str, level: int, parts: list[str], budget: list[int]) -> None:
    a, b = _LEVELS[level].findall(before), _LEVELS[level].findall(after)
    for operation, a_start, a_end, b_start, b_end in _joined(_opcodes(a, b, budget), a):
        removed, added = "".join(a[a_start:a_end]), "".join(b[b_start:b_end])
        if operation == "equal":
            parts.append(escape(removed))
        elif removed and added and level + 1 < len(_LEVELS) and budget[0] > 0:
            _diff(removed, added, level + 1, parts, budget)
        else:
            if removed:
                parts.append(f"<del>{escape(removed)}</del>")
            if added:
                parts.append(f"<ins>{escape(added)}</ins>")


def _joined(opcodes, a: list[str]) -> list[tuple]:
    """Merge changes separated only by a space, so "Sgt. Miller" reads as one change."""
    merged: list[tuple] = []
    for opcode in opcodes:
        if merged and opcode[0] != "equal":
            last = merged[-1]
            if last[0] != "equal":
                merged[-1] = ("replace", last[1], opcode[2], last[3], opcode[4])
                continue
            gap = "".join(a[last[1] : last[2]])
            if len(merged) > 1 and merged[-2][0] != "equal" and len(gap) < 3 and not gap.strip():
                first = merged[-2]
                merged[-2:] = [("replace", first[1], opcode[2], first[3], opcode[4])]
                continue
        merged.append(opcode)
    return merged


def _opcodes(a: list[str], b: list[str], budget: list[int]):
    """Yield difflib-style opcodes for a and b, in bounded work."""
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(a), len(b)) - prefix and a[len(a) - 1 - suffix] == b[len(b) - 1 - suffix]
    ):
        suffix += 1
    if prefix:
        yield ("equal", 0, prefix, 0, prefix)
    yield from _middle(a, b, prefix, len(a) - suffix, prefix, len(b) - suffix, budget)
    if suffix:
        yield ("equal", len(a) - suffix, len(a), len(b) - suffix, len(b))


def _middle(a, b, a_start, a_end, b_start, b_end, budget):
    if a_start == a_end and b_start == b_end:
        return
    if a_start == a_end or b_start == b_end:
        yield ("replace", a_start, a_end, b_start, b_end)
        return
    if a_end - a_start <= COMPARED and b_end - b_start <= COMPARED and budget[0] > 0:
        budget[0] -= 1
        matcher = difflib.SequenceMatcher(a=a[a_start:a_end], b=b[b_start:b_end], autojunk=False)
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            yield (operation, a_start + i1, a_start + i2, b_start + j1, b_start + j2)
        return
    anchors = _anchors(a, b, a_start, a_end, b_start, b_end)
    if not anchors:
        yield ("replace", a_start, a_end, b_start, b_end)
        return
    i, j = a_start, b_start
    for anchor_a, anchor_b in anchors:
        yield from _middle(a, b, i, anchor_a, j, anchor_b, budget)
        yield ("equal", anchor_a, anchor_a + 1, anchor_b, anchor_b + 1)
        i, j = anchor_a + 1, anchor_b + 1
    yield from _middle(a, b, i, a_end, j, b_end, budget)


def _anchors(a, b, a_start, a_end, b_start, b_end) -> list[tuple[int, int]]:
    """Return pairs of positions of pieces found once on each side, in order on both sides
    (the longest increasing run, in O(n log n))."""
    count_a = Counter(a[a_start:a_end])
    count_b = Counter(b[b_start:b_end])
    where_b = {b[j]: j for j in range(b_start, b_end) if count_b[b[j]] == 1}
    pairs = [
        (i, where_b[a[i]])
        for i in range(a_start, a_end)
        if count_a[a[i]] == 1 and a[i] in where_b and a[i].strip()
    ]
    # Longest increasing subsequence of the b positions, keeping the a order.
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        place = bisect.bisect_left(tails, j)
        if place == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[place] = j
            tail_index[place] = index
        previous[index] = tail_index[place - 1] if place else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def findings_list(findings, *, buttons: bool = False) -> SafeString:
    """Return the detector's findings as an HTML list, or a sentence saying there are none.

    findings are (field, finding) pairs. Each shows what it is, the words found and the bracket
    note suggested in their place; with buttons, a one-click "replace" for each (a submit
    button of the report page's form, so it works without JavaScript and keeps other edits).
    """
    if not findings:
        return format_html("<p>{}</p>", "The detector finds nothing identifying.")
    rows = []
    for field, finding in findings:
        button = ""
        if buttons:
            button = format_html(
                ' <button type="submit" class="button redact" name="_redact" value="{}:{}:{}:{}"'
                ' aria-label="Replace \u201c{}\u201d with {}">Replace with {}</button>',
                field,
                finding.start,
                finding.end,
                finding.kind.value,
                finding.excerpt,
                finding.kind.note,
                finding.kind.note,
            )
        rows.append(
            (
                capfirst(finding.kind.label),
                finding.excerpt,
                finding.kind.note,
                _where(field),
                button,
            )
        )
    items = format_html_join(
        "", "<li><strong>{}</strong>: \u201c{}\u201d \u2192 {} <span>({})</span>{}</li>", rows
    )
    every = ""
    if buttons and len(findings) > 1:
        every = format_html(
            '<p><button type="submit" class="button" name="_redact_all" value="1">'
            "Replace all {} with their notes</button></p>",
            len(findings),
        )
    return format_html('<ul class="findings">{}</ul>{}', items, every)


def _where(field: str) -> str:
    return field.replace("published_", "").replace("_", " ")


def redact(text: str, saved: str, start: int, end: int, kind: Kind) -> str | None:
    """Replace the finding at saved[start:end] in text (the moderator's possibly edited copy)
    with its kind's note; return None when it cannot be found for certain."""
    note = kind.note
    # The button was drawn from the text on the page: after a refused save that is the
    # moderator's own edited text, so a finding there at the same place comes first.
    if any((f.start, f.end, f.kind) == (start, end, kind) for f in find_identifiers(text)):
        return text[:start] + note + text[end:]
    if not 0 <= start < end <= len(saved):
        return None
    excerpt = saved[start:end]
    if text[start:end] == excerpt:
        return text[:start] + note + text[end:]
    if text.count(excerpt) == 1:
        at = text.index(excerpt)
        return text[:at] + note + text[at + len(excerpt) :]
    return None


def redact_all(text: str) -> str:
    """Replace every finding in text with its kind's note."""
    for finding in reversed(find_identifiers(text)):
        text = text[: finding.start] + finding.kind.note + text[finding.end :]
    return text
