"""Filters that turn stored plain text into safe HTML: escape first, then add markup."""

import re

from django import template
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.html import escape, format_html, linebreaks
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

    Written in Python rather than as a template: twenty cards cost about eight template lookups
    each, which was the largest part of an uncached search (docs/performance.md).
    """
    # One reverse() for the list: each card's address is the same around its public id.
    before, _, after = reverse("story", args=["~"]).partition("~")
    months = [str(MONTHS[number]) for number in range(1, 13)]
    cards = [
        format_html(
            '<li class="story-card">\n    <h3><a href="{}{}{}">{}</a></h3>\n'
            '    <p class="key-lesson">{}</p>\n{}'
            '    <p class="meta">{} {}{}{}</p>\n  </li>',
            before,
            report.public_id,
            after,
            report.headline,
            report.key_lesson,
            format_html('    <p class="snippet">{}</p>\n', report.snippet)
            if getattr(report, "snippet", "")
            else "",
            months[report.published_on.month - 1],
            report.published_on.year,
            f" · {EVENT_TYPES.get(report.event_type, '')}" if report.event_type else "",
            mark_safe(' · <strong class="alert-label">Safety alert</strong>')
            if report.safety_alert
            else "",
        )
        for report in stories
    ]
    return format_html('<ul class="story-list">\n  {}\n</ul>', mark_safe("\n  ".join(cards)))  # noqa: S308 (each card is built by format_html)
