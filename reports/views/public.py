"""What readers see: no cookies, no personal data, published reports only."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from reports.caching import public_page, remembered
from reports.forms import BrowseForm
from reports.identifiers import Kind
from reports.models import SEARCH_CANDIDATES, Report, Topic

LATEST_ON_HOME = 10
PER_PAGE = 20
CARD_FIELDS = ["public_id", "headline", "key_lesson", "published_on", "event_type", "safety_alert"]


def _published_years() -> list[int]:
    """Return the years from the newest publication back to the oldest (two index reads)."""
    span = Report.objects.published().aggregate(first=Min("published_on"), last=Max("published_on"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


class RememberedCountPaginator(Paginator):
    """A Paginator whose count (a scan of every matching story) is kept until content changes;
    name must say which stories it counts."""

    def __init__(self, object_list, per_page: int, *, name: str) -> None:
        super().__init__(object_list, per_page)
        self.name = name

    @cached_property
    def count(self) -> int:
        return remembered(f"count:{self.name}", lambda: Paginator.count.func(self))


# What browse reads from the query string (the cache keys on these only).
BROWSE_PARAMETERS = ("q", "event_type", "factor", "loss", "year", "page")


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    """Return the latest stories, the story of the week and the trending topics."""
    latest = Report.objects.published().newest_first().only(*CARD_FIELDS)[:LATEST_ON_HOME]
    context = {
        "latest": latest,
        "featured": Report.objects.featured_story(),
        "trending": Topic.trending(),
    }
    return render(request, "reports/home.html", context)


@require_safe
@public_page(params=BROWSE_PARAMETERS)
def browse(request: HttpRequest) -> HttpResponse:
    """Return published stories, filtered and searched, 20 to a page."""
    form = BrowseForm(request.GET, years=remembered("years", _published_years))
    filters = form.filters()
    query = filters.pop("q", "")
    reports = Report.objects.published().matching(**filters)
    # Everything the stories listed depend on, for the counts and results kept in the cache.
    name = json.dumps({"q": query, **filters}, sort_keys=True, default=str)
    if query:
        results = remembered(f"search:{name}", lambda: reports.search(query, CARD_FIELDS))
        paginator = Paginator(results, PER_PAGE)
    else:
        paginator = RememberedCountPaginator(
            reports.newest_first().only(*CARD_FIELDS), PER_PAGE, name=name
        )
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": query,
        "chips": form.chips({**({"q": query} if query else {}), **filters}),
        "selects": form.selects(filters),
        "capped": bool(query) and paginator.count >= SEARCH_CANDIDATES,
    }
    return render(request, "reports/browse.html", context)


def _published(public_id: str) -> Report:
    return get_object_or_404(
        Report.objects.published().prefetch_related("topics"), public_id=public_id
    )


@require_safe
@public_page
def story(request: HttpRequest, public_id: str) -> HttpResponse:
    report = _published(public_id)
    context = {"report": report, "related": report.related()}
    return render(request, "reports/story.html", context)


@require_safe
@public_page
def story_print(request: HttpRequest, public_id: str) -> HttpResponse:
    """Return the story laid out as a one-page roll-call briefing."""
    return render(request, "reports/print.html", {"report": _published(public_id)})


@require_safe
@public_page(params=("page",))
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    reports = Report.objects.published().matching(topic=topic).newest_first()
    paginator = RememberedCountPaginator(
        reports.only(*CARD_FIELDS), PER_PAGE, name=f"topic:{topic.pk}"
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "reports/topic.html", {"topic": topic, "page": page})


def _topics_with_counts():
    """Return every topic, by name, with the number of its published stories (one query)."""
    published = Q(reports__status=Report.Status.PUBLISHED)
    return Topic.objects.annotate(stories=Count("reports", filter=published)).order_by("name")


@require_safe
@public_page
def topics(request: HttpRequest) -> HttpResponse:
    """Return every topic with its number of published stories."""
    return render(request, "reports/topics.html", {"topics": _topics_with_counts()})


@require_safe
@public_page
def feeds(request: HttpRequest) -> HttpResponse:
    """Explain feeds to a reader new to them, and list the site-wide feed and each topic's."""
    return render(request, "reports/feeds.html", {"topics": _topics_with_counts()})


@require_safe
@public_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/about.html")


@require_safe
@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "retention_days": settings.RETENTION_DAYS,
        # From the detector itself, so the page never lists less (or more) than it looks for.
        "identifier_labels": [kind.label for kind in Kind],
    }
    return render(request, "reports/privacy.html", context)
