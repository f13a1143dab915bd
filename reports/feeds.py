"""Atom feeds of published stories, site-wide and per topic.

A feed checks what it wrote before serving it: one story's text can never take the feed down
for everyone or be cached malformed. Stored text is kept clean by the database already
(reports.cleaning); this is the last line.
"""

import datetime
import logging
from xml.etree import ElementTree

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from reports.cleaning import UNTYPABLE
from reports.models import Report, Topic

FEED_SIZE = 20
logger = logging.getLogger(__name__)


def xml_text(text: str) -> str:
    """Return text without what XML 1.0 cannot hold (and nobody types)."""
    return UNTYPABLE.sub("", text)


def month_start(day: datetime.date) -> datetime.datetime:
    """Return midnight UTC on the first of day's month: stories are dated by month only."""
    return datetime.datetime(day.year, day.month, 1, tzinfo=datetime.UTC)


class CheckedFeed(Feed):
    """A feed that is served only when it is well-formed XML; never cached otherwise."""

    def __call__(self, request, *args, **kwargs):
        try:
            response = super().__call__(request, *args, **kwargs)
            ElementTree.fromstring(response.content)  # noqa: S314 (our own output, no DTD)
        except (ValueError, ElementTree.ParseError):
            logger.error("A feed could not be written as well-formed XML; it was not served.")
            return HttpResponse(
                "This feed is unavailable for a moment. Please try again later.",
                status=503,
                content_type="text/plain; charset=utf-8",
                headers={"Retry-After": "300", "Cache-Control": "no-store"},
            )
        return response


class LatestStoriesFeed(CheckedFeed):
    feed_type = Atom1Feed
    title = "Near Miss: latest stories"
    subtitle = "Close calls told by officers, de-identified and published with their lessons."
    link = reverse_lazy("browse")
    author_name = "Near Miss"

    def items(self):
        return Report.objects.published().newest_first()[:FEED_SIZE]

    def item_title(self, report: Report) -> str:
        return xml_text(report.headline)

    def item_description(self, report: Report) -> str:
        return xml_text(report.key_lesson)

    def item_link(self, report: Report) -> str:
        return report.get_absolute_url()

    def item_pubdate(self, report: Report) -> datetime.datetime:
        return month_start(report.published_on)

    def item_updateddate(self, report: Report) -> datetime.datetime:
        return month_start(report.published_on)


class TopicFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic: Topic) -> str:
        return f"Near Miss: {xml_text(topic.name)}"

    def link(self, topic: Topic) -> str:
        return reverse("topic", args=[topic.slug])

    def items(self, topic: Topic):
        return Report.objects.published().matching(topic=topic).newest_first()[:FEED_SIZE]
