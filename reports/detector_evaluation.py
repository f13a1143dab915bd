"""Measure the identifier detector against a labelled corpus (docs/identifiers.md).

A corpus is a folder of text files, one sentence or passage a line, identifiers marked inline
as `[[kind|text]]`; lines starting with `#` are comments. Files whose name starts with
`clean` hold sentences with nothing identifying, for counting false alarms.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reports.identifiers import Finding, Kind, find_identifiers

_MARK = re.compile(r"\[\[([a-z]+)\|([^\]|]*)\]\]")


@dataclass(frozen=True)
class Span:
    kind: Kind
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    spans: tuple[Span, ...]
    source: str
    line: int


def parse(line: str, *, source: str = "", number: int = 0) -> Sentence:
    """Strip the markup of one corpus line, keeping each identifier's kind and place."""
    text, spans, position = [], [], 0
    length = 0
    for match in _MARK.finditer(line):
        before = line[position : match.start()]
        text.append(before)
        length += len(before)
        kind, words = match.groups()
        try:
            kind = Kind(kind)
        except ValueError:
            raise ValueError(f"{source}:{number}: unknown kind {kind!r}") from None
        spans.append(Span(kind, length, length + len(words)))
        text.append(words)
        length += len(words)
        position = match.end()
    text.append(line[position:])
    joined = "".join(text)
    if "[[" in joined or "]]" in joined:
        raise ValueError(f"{source}:{number}: unbalanced markup")
    return Sentence(joined, tuple(spans), source, number)


def load(folder: Path) -> list[Sentence]:
    sentences = []
    for path in sorted(folder.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if line and not line.startswith("#"):
                sentences.append(parse(line, source=path.name, number=number))
    return sentences


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    covered: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def coverage(self) -> float:
        return self.covered / self.gold if self.gold else 1.0


@dataclass
class Result:
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[Kind, Tally] = field(default_factory=dict)
    clean_sentences: int = 0
    clean_alarms: int = 0
    missed: list[tuple[Sentence, Span]] = field(default_factory=list)
    partial: list[tuple[Sentence, Span, list[Finding]]] = field(default_factory=list)
    false: list[tuple[Sentence, Finding]] = field(default_factory=list)
    kinds_confused: Counter = field(default_factory=Counter)

    @property
    def false_alarms_per_100(self) -> float:
        return 100 * self.clean_alarms / self.clean_sentences if self.clean_sentences else 0.0


def evaluate(sentences: list[Sentence]) -> Result:
    """Score findings against gold spans: a span is found when a finding overlaps it,
    covered when findings cover every character of it; a finding is correct when it overlaps
    a gold span. Per-kind figures use the gold kind (recall) and the finding's kind
    (precision)."""
    result = Result()
    for kind in Kind:
        result.by_kind[kind] = Tally()
    for sentence in sentences:
        findings = find_identifiers(sentence.text)
        clean = sentence.source.startswith("clean")
        if clean:
            result.clean_sentences += 1
            result.clean_alarms += len(findings)
        for span in sentence.spans:
            tally = result.by_kind[span.kind]
            hits = [f for f in findings if _overlaps(f.start, f.end, span.start, span.end)]
            for target in (tally, result.overall):
                target.gold += 1
            if not hits:
                result.missed.append((sentence, span))
                continue
            for target in (tally, result.overall):
                target.found += 1
            covered = all(
                any(f.start <= i < f.end for f in hits) for i in range(span.start, span.end)
            )
            if covered:
                for target in (tally, result.overall):
                    target.covered += 1
            else:
                result.partial.append((sentence, span, hits))
            if all(hit.kind != span.kind for hit in hits):
                result.kinds_confused[(span.kind, hits[0].kind)] += 1
        for finding in findings:
            tally = result.by_kind[finding.kind]
            correct = any(
                _overlaps(finding.start, finding.end, s.start, s.end) for s in sentence.spans
            )
            for target in (tally, result.overall):
                target.predicted += 1
                target.correct += correct
            if not correct:
                result.false.append((sentence, finding))
    return result
