from django.urls import path
from django.views.decorators.http import require_safe

from reports import feeds, views
from reports.caching import public_page
from reports.views import data, public
from reports.views.submit import receipt_file as submit_receipt_file
from reports.views.submit import review as submit_review
from reports.views.submit import sent as submit_sent

urlpatterns = [
    path("", views.home, name="home"),
    path("submit/", views.submit, name="submit"),
    path("submit/review/", submit_review, name="submit_review"),
    path("submit/sent/", submit_sent, name="submit_sent"),
    path("submit/sent/receipt.txt", submit_receipt_file, name="submit_receipt_file"),
    path("status/", views.status, name="status"),
    path("reports/", public.browse, name="browse"),
    path("reports/<str:public_id>/", views.story, name="story"),
    path("reports/<str:public_id>/print/", public.story_print, name="story_print"),
    path("topics/", public.topics, name="topics"),
    path("topics/<slug:slug>/", public.topic, name="topic"),
    path("feeds/", public.feeds, name="feeds"),
    path(
        "feeds/latest.atom",
        require_safe(public_page(feeds.LatestStoriesFeed())),
        name="feed_latest",
    ),
    path(
        "feeds/topics/<slug:slug>.atom",
        require_safe(public_page(feeds.TopicFeed())),
        name="feed_topic",
    ),
    path("stats/", data.stats, name="stats"),
    path("data/", data.data, name="data"),
    path("data/reports.csv", data.reports_csv, name="data_csv"),
    path("data/reports.json", data.reports_json, name="data_json"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
]
