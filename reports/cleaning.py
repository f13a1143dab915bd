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


def has_control_characters(text: str) -> bool:
    """Return True when text holds NUL or another control character a keyboard cannot type."""
    return bool(CONTROL_CHARACTERS.search(text))


def clean_text(text: str) -> str:
    """Return text with every HTML tag stripped, entities decoded and line endings unified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Decode and strip until nothing changes, so "&lt;b&gt;" cannot smuggle a tag back in.
    for _ in range(5):
        cleaned = html.unescape(
            bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
        )
        if cleaned == text:
            break
        text = cleaned
    text = unicodedata.normalize("NFC", text)
    # Trailing spaces on each line carry nothing; more than one blank line is kept as one.
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
