"""Filters that turn stored plain text into safe HTML: escape first, then add markup."""

import re

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from reports.models import HIGHLIGHT_START, HIGHLIGHT_STOP, SHIELDED

register = template.Library()

# "[city removed]": a moderator's note where identifying text was taken out.
REDACTION = re.compile(r"\[[^\[\]\n]{1,120}\]")


@register.filter
def story_text(text: str) -> SafeString:
    """Return paragraphs of escaped text with each [redaction note] marked as such."""
    escaped = escape(text)
    marked = REDACTION.sub(lambda m: f'<span class="redaction">{m.group(0)}</span>', escaped)
    return mark_safe(linebreaks(marked, autoescape=False))  # noqa: S308 (escaped above)


@register.filter
def highlighted(snippet: str) -> SafeString:
    """Return a search snippet escaped, with the matched words in <mark>."""
    for character, stand_in in SHIELDED.items():
        snippet = snippet.replace(stand_in, character)
    escaped = escape(snippet)
    marked = escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    # A snippet cut between the markers must not leave a tag open.
    if marked.count("<mark>") > marked.count("</mark>"):
        marked += "</mark>"
    return mark_safe(marked)  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def without(context, name: str) -> str:
    """Return the current query string without parameter name (and without the page)."""
    query = context["request"].GET.copy()
    query.pop(name, None)
    query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def with_page(context, number: int) -> str:
    """Return the current query string pointing at another page."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


BAR_ROW = 24
BAR_MAX = 300


@register.filter
def row_offset(index: int) -> int:
    return index * BAR_ROW


@register.filter
def chart_height(rows: int) -> int:
    return rows * BAR_ROW + 4


@register.filter
def bar_width(count: int, largest: int) -> int:
    """Return a bar's width in the chart's units, proportional to the largest count."""
    if not largest:
        return 0
    return max(round(count / largest * BAR_MAX), 1)
