"""Filters that turn stored plain text into safe HTML: escape first, then add markup."""

import html
import re
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape, escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from reports import taxonomy

register = template.Library()

# "[city removed]": a moderator's note where identifying text was taken out.
REDACTION = re.compile(r"\[[^\[\]\n]{1,120}\]")


@register.filter
def story_text(text: str) -> SafeString:
    """Return paragraphs of escaped text with each [redaction note] marked as such."""
    escaped = escape(text)
    marked = REDACTION.sub(lambda m: f'<span class="redaction">{m.group(0)}</span>', escaped)
    return mark_safe(linebreaks(marked, autoescape=False))  # noqa: S308 (escaped above)


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


EVENT_TYPES = dict(taxonomy.EventType.choices)


@register.simple_tag
def story_cards(stories) -> SafeString:
    """Return the list of story cards (home, browse, search, topics, related stories).

    Written in Python rather than as a template, each stored text escaped here: twenty cards
    cost about eight template lookups each, which was the largest part of an uncached search
    (docs/performance.md).
    """
    # One reverse() for the list: each card's address is the same around its public id.
    before, _, after = reverse("story", args=["~"]).partition("~")
    months = [str(MONTHS[number]) for number in range(1, 13)]
    alert = ' · <strong class="alert-label">Safety alert</strong>'
    cards = []
    for report in stories:
        snippet = getattr(report, "snippet", "")
        event_type = EVENT_TYPES.get(report.event_type, "")
        cards.append(
            '<li class="story-card">\n'
            f'    <h3><a href="{before}{quote(report.public_id)}{after}">'
            f"{html.escape(report.headline)}</a></h3>\n"
            f'    <p class="key-lesson">{html.escape(report.key_lesson)}</p>\n'
            + (f'    <p class="snippet">{conditional_escape(snippet)}</p>\n' if snippet else "")
            + f'    <p class="meta">{months[report.published_on.month - 1]} '
            f"{report.published_on.year}"
            + (f" · {html.escape(event_type)}" if event_type else "")
            + (alert if report.safety_alert else "")
            + "</p>\n  </li>"
        )
    listed = "\n  ".join(cards)
    return mark_safe(f'<ul class="story-list">\n  {listed}\n</ul>')  # noqa: S308 (texts escaped above)
