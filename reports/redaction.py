"""Show moderators what they changed between the reporter's words and the published text."""

import difflib
import re

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

_TOKENS = re.compile(r"\s+|[^\s]+")


def redaction_diff(original: str, redacted: str) -> SafeString:
    """Return HTML of a word-level diff: removed words in <del>, added words in <ins>.

    Every piece of text is escaped before it is wrapped, so what a person typed can never
    become markup.
    """
    before, after = _TOKENS.findall(original), _TOKENS.findall(redacted)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape("".join(before[a_start:a_end]))
        added = escape("".join(after[b_start:b_end]))
        if operation == "equal":
            parts.append(removed)
            continue
        if removed:
            parts.append(f"<del>{removed}</del>")
        if added:
            parts.append(f"<ins>{added}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped above)


def findings_list(findings) -> SafeString:
    """Return the detector's findings as an HTML list, or a sentence saying there are none.

    Each finding shows what it is, the words found and the bracket note suggested in their place.
    """
    if not findings:
        return format_html("<p>{}</p>", "The detector finds nothing identifying.")
    items = format_html_join(
        "",
        "<li><strong>{}</strong>: \u201c{}\u201d \u2192 {}</li>",
        ((capfirst(f.kind.label), f.excerpt, f.kind.note) for f in findings),
    )
    return format_html('<ul class="findings">{}</ul>', items)
