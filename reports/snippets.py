"""Search snippets: a few words of a story around what a search matched, escaped, matches marked.

PostgreSQL's ts_headline did this at about 0.2 ms a story, because it parses the whole text;
on a page of twenty results that was the largest single cost of an uncached search. Here the
words are compared with the lexemes of the search as PostgreSQL parsed it
(`websearch_to_tsquery`, so its stop words and stemming apply) using the Snowball English
stemmer, which PostgreSQL's `english` configuration uses too. Only words that begin as a
lexeme does are stemmed, and reading stops once the snippet is complete.
"""

import re
from functools import lru_cache
from html import escape

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
# The parts of a tsquery's text that matter here: negation, grouping and 'quoted lexemes'.
QUERY_PART = re.compile(r"!|\(|\)|'((?:[^']|'')*)'")
SPACE = re.compile(r"\s+")
FRAGMENT_CHARS = 150  # about 25 words
CHARS_BEFORE_MATCH = 40
MAX_FRAGMENTS = 2
ELLIPSIS = "…"

_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Return the Snowball English stem of a lower-case word (kept: a vocabulary is small)."""
    return _english.stemWord(word)


def wanted_lexemes(tsquery: str) -> frozenset[str]:
    """Return the lexemes in a tsquery's text that a matching story contains (not the ones
    after "!", which it must not contain)."""
    wanted: set[str] = set()
    depth = 0
    excluded_depth = None  # inside "!( ... )" while set
    negate_next = False
    for part in QUERY_PART.finditer(tsquery):
        symbol = part.group(0)
        if symbol == "!":
            negate_next = True
        elif symbol == "(":
            depth += 1
            if negate_next and excluded_depth is None:
                excluded_depth = depth
            negate_next = False
        elif symbol == ")":
            if excluded_depth == depth:
                excluded_depth = None
            depth -= 1
        else:
            if not negate_next and excluded_depth is None:
                wanted.add(part.group(1).replace("''", "'"))
            negate_next = False
    return frozenset(wanted)


def snippet(text: str, lexemes: frozenset[str]) -> SafeString:
    """Return up to MAX_FRAGMENTS passages of text around words whose stem is in lexemes,
    escaped, with those words in <mark>; the start of the text when none is there."""
    fragments: list[tuple[int, int]] = []  # character offsets
    marks: list[tuple[int, int]] = []
    initials = "".join(sorted({lexeme[0] for lexeme in lexemes if lexeme}))
    if initials:
        # Only words that start as a lexeme does can stem to it: most words are never stemmed.
        for word in _candidates(initials).finditer(text):
            if len(fragments) == MAX_FRAGMENTS and word.start() >= fragments[-1][1]:
                break
            if stem(word.group().lower()) not in lexemes:
                continue
            if not fragments or word.start() >= fragments[-1][1]:
                fragments.append(_around(text, word, fragments[-1][1] if fragments else 0))
            marks.append(word.span())
    if not fragments:
        first = WORD.search(text)
        if first is None:
            return mark_safe("")
        fragments.append(_around(text, first, 0))
    passages = [_marked(text, start, stop, marks) for start, stop in fragments]
    html = f" {ELLIPSIS} ".join(passages)
    if fragments[0][0] > 0:
        html = f"{ELLIPSIS} {html}"
    if text[fragments[-1][1] :].strip():
        html = f"{html} {ELLIPSIS}"
    return mark_safe(html)  # noqa: S308 (every piece of text is escaped in _marked)


@lru_cache(maxsize=1024)
def _candidates(initials: str) -> re.Pattern:
    """Return a pattern for the words that begin with one of initials, in either case.

    The character class comes first (and "not after a word character" after it) because
    Python's regular expressions then skip quickly to the next possible start.
    """
    letters = "".join(sorted({case for letter in initials for case in (letter, letter.upper())}))
    return re.compile(rf"[{re.escape(letters)}](?<!\w.)\w*")


def _around(text: str, word: re.Match, floor: int) -> tuple[int, int]:
    """Return the offsets of a passage of whole words around word, starting at floor or later."""
    start = max(floor, word.start() - CHARS_BEFORE_MATCH)
    if start > 0 and not text[start - 1].isspace():
        space = SPACE.search(text, start, word.start())
        start = space.end() if space else word.start()
    stop = word.start() + FRAGMENT_CHARS
    if stop >= len(text):
        return start, len(text)
    cut = max(text.rfind(" ", word.end(), stop), text.rfind("\n", word.end(), stop))
    return start, cut if cut > 0 else word.end()


def _marked(text: str, start: int, stop: int, marks: list[tuple[int, int]]) -> str:
    """Return text[start:stop] escaped, with the marked words in <mark>, on one line."""
    pieces = []
    position = start
    for mark_start, mark_stop in marks:
        if start <= mark_start and mark_stop <= stop:
            pieces.append(escape(text[position:mark_start]))
            pieces.append(f"<mark>{escape(text[mark_start:mark_stop])}</mark>")
            position = mark_stop
    pieces.append(escape(text[position:stop]))
    return " ".join("".join(pieces).split())
