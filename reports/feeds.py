"""Atom feeds of published stories, site-wide and per topic."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from reports.models import Report, Topic

FEED_SIZE = 20


def month_start(day: datetime.date) -> datetime.datetime:
    """Return midnight UTC on the first of day's month: stories are dated by month only."""
    return datetime.datetime(day.year, day.month, 1, tzinfo=datetime.UTC)


class LatestStoriesFeed(Feed):
    feed_type = Atom1Feed
    title = "Near Miss: latest stories"
    subtitle = "Close calls told by officers, de-identified and published with their lessons."
    link = reverse_lazy("browse")
    author_name = "Near Miss"

    def items(self):
        return Report.objects.published().newest_first()[:FEED_SIZE]

    def item_title(self, report: Report) -> str:
        return report.headline

    def item_description(self, report: Report) -> str:
        return report.key_lesson

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
        return f"Near Miss: {topic.name}"

    def link(self, topic: Topic) -> str:
        return reverse("topic", args=[topic.slug])

    def items(self, topic: Topic):
        return Report.objects.published().matching(topic=topic).newest_first()[:FEED_SIZE]
