"""The statistics charts' labels are legible on a phone: each at least 14 px as drawn, and
none cut off at the chart's edge, on a 390 px phone and on a laptop."""

import pytest

from reports.models import Report
from tests.factories import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}

# For every text of every chart: its size as drawn (font size times the chart's scale), and
# how far it reaches past the right edge of its chart.
MEASURE = """() => [...document.querySelectorAll("svg.bar-chart text")].map(text => {
  const svg = text.ownerSVGElement;
  const drawn = parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a;
  const past = text.getBoundingClientRect().right - svg.getBoundingClientRect().right;
  return {text: text.textContent, drawn, past};
})"""


@pytest.mark.parametrize("screen", SCREENS)
def test_every_chart_label_is_at_least_14px_and_whole(browser, live_server, screen):
    for _ in range(12):
        make_report(status=Report.Status.PUBLISHED, event_type="traffic_stop")
    context = browser.new_context(base_url=live_server.url, viewport=SCREENS[screen])
    page = context.new_page()
    try:
        page.goto("/stats/")
        labels = page.evaluate(MEASURE)
        assert len(labels) > 60  # four charts, a label and a value a row
        small = [label for label in labels if label["drawn"] < 14]
        assert not small, small[:3]
        cut = [label for label in labels if label["past"] > 0]
        assert not cut, cut[:3]
        assert "Traffic stop" in [label["text"] for label in labels]
    finally:
        context.close()
