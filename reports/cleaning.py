"""Turn whatever a person typed into plain text, the only form reporter text is stored in.

bleach is archived upstream, so it stays behind this one function; Django's autoescaping
remains the real defence against script injection when the text is shown.
"""

import html
import re
import unicodedata

import bleach

# Control characters other than tab, newline and carriage return (C0, DEL and C1).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# What nobody means to type, in a pattern both Python and PostgreSQL read (the database
# refuses it too: reports.models, UNTYPABLE_SQL): C0 controls but tab, newline and carriage
# return, DEL and C1; the noncharacters U+FDD0 to U+FDEF, U+FFFE and U+FFFF (not allowed in
# XML, so they break feeds); and the bidirectional embeddings, overrides and isolates, which
# make text read differently from how it is stored ("Trojan source").
UNTYPABLE_SQL = (
    r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
# NUL and lone surrogates too, which PostgreSQL cannot store at all.
UNTYPABLE = re.compile(UNTYPABLE_SQL[:-1] + r"\x00\ud800-\udfff]")
# Line breaks other programs leave in pasted text: Word's soft return (VT) and page break (FF),
# Unicode's line and paragraph separators, and carriage returns.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029]")

UNTYPABLE_MESSAGE = (
    "Your text contains a hidden control character (or a mark that changes the direction of "
    "text), often left behind when text is copied from another program. Please paste it as "
    "plain text or retype the affected part. Nothing you typed has been lost."
)
NESTED_MESSAGE = (
    "Your text contains HTML codes nested inside one another (such as &amp;amp;lt;), often "
    "left behind when text is copied from a web page. Please paste it as plain text or retype "
    "the affected part. Nothing you typed has been lost."
)
# Rounds of stripping tags and decoding entities: text anyone types needs one or two.
CLEANING_ROUNDS = 5


def has_control_characters(text: str) -> bool:
    """Return True when text holds a character nobody means to type (UNTYPABLE)."""
    return bool(UNTYPABLE.search(text))


def normalise_line_breaks(text: str) -> str:
    """Return text with every kind of line break written as a newline."""
    return _LINE_BREAKS.sub("\n", text)


def validate_typed_text(text: str) -> None:
    """Refuse text holding a character nobody means to type (a validator for model fields)."""
    from django.core.exceptions import ValidationError

    if has_control_characters(text):
        raise ValidationError(UNTYPABLE_MESSAGE, code="control_characters")


def clean_typed_text(text: str) -> str:
    """Return typed text as it is stored: line breaks unified, then refused if it holds a
    character nobody means to type, then as plain text (clean_text). The one rule for every text
    a person types: reporters, moderators and topic names."""
    text = normalise_line_breaks(text)
    validate_typed_text(text)
    return clean_text(text)


def clean_text(text: str) -> str:
    """Return text with every HTML tag stripped, entities decoded and line endings unified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Decode and strip until nothing changes, so "&lt;b&gt;" cannot smuggle a tag back in, and
    # the result is its own cleaning: saving a text again never changes it. Deeper nesting is
    # refused rather than decoded round after round (each round reads the whole text).
    for _ in range(CLEANING_ROUNDS):
        cleaned = html.unescape(
            bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
        )
        if cleaned == text:
            break
        text = cleaned
    else:
        from django.core.exceptions import ValidationError

        raise ValidationError(NESTED_MESSAGE, code="nested_markup")
    text = unicodedata.normalize("NFC", text)
    # Trailing spaces on each line carry nothing; more than one blank line is kept as one.
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
