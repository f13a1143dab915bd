"""Each list page makes the same number of queries with 3 stories as with 25.

An N+1 query would make a page slower with every story published, which is exactly when the
archive is most useful.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Report, Topic
from tests.factories import make_report

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/reports/",
    "/reports/?q=hands",
    "/reports/?event_type=traffic_stop&factor=fatigue",
    "/topics/roads/",
    "/feeds/latest.atom",
    "/feeds/topics/roads.atom",
    "/stats/",
    "/data/reports.csv",
    "/data/reports.json",
]


def _add_stories(count: int, topic: Topic) -> None:
    for _ in range(count):
        report = make_report(
            status=Report.Status.PUBLISHED,
            event_type="traffic_stop",
            risk_factors=["fatigue", "speed"],
            featured=False,
        )
        report.topics.add(topic)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", PAGES)
def test_the_query_count_does_not_grow_with_the_number_of_stories(client, url):
    topic = Topic.objects.create(slug="roads", name="Roads")
    _add_stories(3, topic)
    few = _queries(client, url)
    _add_stories(22, topic)
    assert _queries(client, url) == few
