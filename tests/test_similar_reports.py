"""Reports like this one, beside it on the moderator's page, to spot a story already told."""

import pytest

from reports.models import Report
from tests.factories import login_verified, make_report, report_page

pytestmark = pytest.mark.django_db

S = Report.Status
MACHETE = (
    "The driver kept a machete wedged between the console and the passenger seat, "
    "and reached for it when I asked about the cooler in the truck bed."
)


def test_published_and_open_reports_that_share_the_story_are_listed_best_first():
    report = make_report(story=MACHETE)
    told = make_report(
        status=S.PUBLISHED,
        headline="A machete beside the console",
        published_story=MACHETE.replace("cooler", "toolbox"),
    )
    open_twin = make_report(status=S.IN_REVIEW, story=MACHETE + " Backup arrived late.")
    loose = make_report(
        status=S.NEW, story="The passenger reached under the seat for a phone charger."
    )
    unrelated = make_report(story="Foot pursuit through the rail yard at dusk, lost him.")
    similar = report.similar()
    assert set(similar[:2]) == {told, open_twin}
    assert unrelated not in similar and report not in similar
    assert loose not in similar[:2]


def test_at_most_five_and_never_closed_unpublished_ones():
    report = make_report(story=MACHETE)
    for _ in range(7):
        make_report(story=MACHETE)
    rejected = make_report(status=S.REJECTED, story=MACHETE)
    similar = report.similar()
    assert len(similar) == 5 and rejected not in similar


def test_the_report_page_links_them_for_moderators(client, moderator):
    login_verified(client, moderator)
    report = make_report(story=MACHETE)
    twin = make_report(status=S.IN_REVIEW, story=MACHETE)
    html = client.get(report_page(report)).content.decode()
    assert f'<a href="{report_page(twin)}">{twin.public_id}</a> (in review)' in html
