"""Dark mode for night shift and in-car screens: the site follows prefers-color-scheme, and in
both schemes axe finds nothing and what axe does not measure (focus outlines, the edges of
inputs, chart bars) keeps 3:1 against the page. Screenshots of both land in /tmp/shots."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from reports.demo_stories import DEMO_STORIES
from reports.management.commands.seed_demo import demo_receipt_code
from reports.models import Report, Topic
from tests.browser import assert_accessible
from tests.factories import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo is development-only
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    return Report.objects.published()


@pytest.fixture
def counted(demo):
    """Enough stories of a few kinds for bars with numbers beside the withheld ones."""
    for event_type, risk_factors, many in [
        ("traffic_stop", ["complacency", "tactics"], 12),
        ("foot_pursuit", ["fatigue"], 7),
        ("training", ["complacency"], 5),
    ]:
        for _ in range(many):
            make_report(
                status=Report.Status.PUBLISHED, event_type=event_type, risk_factors=risk_factors
            )
    return demo


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


def _page(browser, live_server, scheme: str, viewport: dict = LAPTOP):
    context = browser.new_context(base_url=live_server.url, color_scheme=scheme, viewport=viewport)
    return context, context.new_page()


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(float(part) for part in re.findall(r"[\d.]+", colour)[:3])


def _luminance(colour: str) -> float:
    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: str, second: str) -> float:
    lighter, darker = sorted([_luminance(first), _luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _style(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(
        selector, "(element, prop) => getComputedStyle(element).getPropertyValue(prop)", prop
    )


def _assert_in_scheme(page, scheme: str) -> None:
    background = _style(page, "body", "background-color")
    dark = _luminance(background) < 0.05
    assert dark == (scheme == "dark"), f"{page.url}: background {background} in {scheme} mode"


def _waiting_code() -> str:
    index = next(i for i, s in enumerate(DEMO_STORIES, start=1) if s["status"] == "waiting")
    return demo_receipt_code(index)


def test_every_page_follows_the_scheme_and_axe_finds_nothing(browser, live_server, counted, scheme):
    story = counted.first()
    topic = Topic.objects.first()
    context, page = _page(browser, live_server, scheme)
    try:
        for path in [
            "/",
            "/reports/",
            "/reports/?q=prisoner",
            f"/reports/{story.public_id}/",
            f"/topics/{topic.slug}/",
            "/stats/",
            "/data/",
            "/about/",
            "/privacy/",
            "/submit/",
            "/status/",
            "/reports/no-such-story/",
        ]:
            page.goto(path)
            _assert_in_scheme(page, scheme)
            assert_accessible(page)

        # The reporter's pages in each state: errors, warnings, the receipt, the conversation.
        page.goto("/submit/")
        page.get_by_role("button", name="Review before sending").click()
        page.get_by_role("heading", name="There is a problem").wait_for()
        assert_accessible(page)
        page.get_by_label("What happened?").fill("Sgt. Miller handed him over at 1234 Elm Street.")
        page.get_by_label("What should other officers learn from it?").fill("Search again.")
        page.get_by_role("button", name="Review before sending").click()
        page.get_by_role("heading", name="Check your report before sending").wait_for()
        assert page.locator("mark").count() >= 1
        assert_accessible(page)
        page.get_by_role("button", name="Go back and edit").click()
        page.locator("#story-findings").wait_for()
        assert_accessible(page)
        page.get_by_role("button", name="Review before sending").click()
        page.get_by_role("button", name="Send report").click()
        page.locator("code#receipt-code").wait_for()
        assert_accessible(page)

        page.goto("/status/")
        page.get_by_label("Your receipt code").fill(_waiting_code())
        page.get_by_role("button", name="Check status").click()
        page.get_by_role("heading", name="Answer the moderator").wait_for()
        assert_accessible(page)
        page.get_by_role("button", name="Send answer").click()  # empty: an error
        page.get_by_role("heading", name="There is a problem").wait_for()
        assert_accessible(page)
    finally:
        context.close()


def test_focus_input_edges_and_chart_bars_keep_three_to_one(browser, live_server, counted, scheme):
    context, page = _page(browser, live_server, scheme)
    try:
        page.goto("/submit/")
        paper = _style(page, "body", "background-color")
        page.get_by_role("button", name="Review before sending").click()
        page.get_by_role("heading", name="There is a problem").wait_for()
        # Checkboxes are drawn by the browser, in the scheme's colours (color-scheme).
        assert _style(page, "#id_risk_factors_0", "color-scheme") == scheme
        assert _contrast(_style(page, "#id_event_type", "border-top-color"), paper) >= 3
        assert _contrast(_style(page, "#id_story", "border-top-color"), paper) >= 3  # in error
        assert _contrast(_style(page, ".form-field-error", "border-left-color"), paper) >= 3
        assert _contrast(_style(page, ".error-summary", "border-top-color"), paper) >= 3
        assert _contrast(_style(page, ".field-error", "color"), paper) >= 4.5

        page.get_by_label("Type of event").focus()
        page.keyboard.press("Tab")  # the keyboard's focus: :focus-visible
        assert page.evaluate("document.activeElement.id") == "id_risk_factors_0"
        assert _contrast(_style(page, "#id_risk_factors_0", "outline-color"), paper) >= 3
        page.locator("#id_story").focus()
        assert _contrast(_style(page, "#id_story", "outline-color"), paper) >= 3

        # In the header, on its own background.
        page.goto("/")
        header = _style(page, ".site-header", "background-color")
        page.locator(".brand").focus()
        assert _contrast(_style(page, ".brand", "outline-color"), header) >= 3
        assert _contrast(_style(page, ".brand", "color"), header) >= 4.5

        page.goto("/stats/")
        for bar in [".bar-chart .bar:not(.bar-withheld)", ".bar-chart .bar-withheld"]:
            assert _contrast(_style(page, bar, "fill"), paper) >= 3, bar
        assert _contrast(_style(page, ".bar-chart text", "fill"), paper) >= 4.5
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_screenshots_of_both_schemes(browser, live_server, counted, scheme, viewport):
    """Save what a person sees, to look at: the home page, the statistics and the form with
    errors, in each scheme, on a phone and on a laptop."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = "phone" if viewport is PHONE else "laptop"
    context, page = _page(browser, live_server, scheme, viewport)
    try:
        page.goto("/")
        page.screenshot(path=SHOTS / f"home-{scheme}-{size}.png")
        page.goto("/stats/")
        page.locator("#event-type").scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"stats-{scheme}-{size}.png")
        page.goto("/submit/")
        page.get_by_label("What happened?").fill("Sgt. Miller searched him once.")
        page.get_by_role("button", name="Review before sending").click()
        page.get_by_role("heading", name="There is a problem").wait_for()
        page.screenshot(path=SHOTS / f"submit-errors-{scheme}-{size}.png")
        page.get_by_role("link", name="Please share the lesson").click()
        page.screenshot(path=SHOTS / f"submit-errors-field-{scheme}-{size}.png")
        _assert_in_scheme(page, scheme)
    finally:
        context.close()
