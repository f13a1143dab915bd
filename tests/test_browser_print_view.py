"""The print view in a real Chromium: a way back and a print hint on screen, gone on paper, and
a 3,000-character word that neither widens a 320 px screen nor runs off the printed page."""

import pytest

from reports.models import Report
from tests.browser import assert_accessible
from tests.factories import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WORD = "Unbrokenword" * 250  # 3,000 characters, no place to break
NARROWEST = {"width": 320, "height": 640}
# A4 less the print stylesheet's 16 mm side margins, at 96 px an inch: the printed line.
A4_LINE = {"width": round((210 - 2 * 16) / 25.4 * 96), "height": 1000}

# Every element whose box reaches past the right edge of the viewport: text cut off or hidden.
PAST_THE_EDGE = """() => [...document.body.querySelectorAll('*')]
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > innerWidth + 0.5)
  .map(e => e.tagName + '.' + e.className)"""


@pytest.fixture
def briefing():
    return make_report(
        status=Report.Status.PUBLISHED,
        headline="H" * 199,
        key_lesson="K" * 299,
        published_story=f"Before the word.\n\n{LONG_WORD}\n\nAfter the word.",
        published_lessons=LONG_WORD,
        risk_factors=["complacency"],
        safety_alert=True,
    )


def _sideways(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_screen_header_leads_back_to_the_story_and_says_how_to_print(page, briefing):
    page.goto(f"/reports/{briefing.public_id}/print/")
    header = page.locator(".screen-header")
    assert header.is_visible()
    assert "Ctrl" in header.inner_text() and "Print" in header.inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the story").click()
    page.wait_for_url(f"**/reports/{briefing.public_id}/")
    page.get_by_role("link", name="Print for roll call").click()
    page.wait_for_url(f"**/reports/{briefing.public_id}/print/")


def test_a_3000_character_word_fits_a_320_px_screen(page, briefing):
    page.set_viewport_size(NARROWEST)
    page.goto(f"/reports/{briefing.public_id}/print/")
    assert _sideways(page) <= 0
    assert page.evaluate(PAST_THE_EDGE) == []
    # The whole word is there, wrapped, not clipped away.
    assert LONG_WORD in page.locator(".briefing").inner_text()
    assert page.locator(".screen-header").is_visible()


def test_printed_the_header_is_gone_and_nothing_runs_off_the_page(page, briefing):
    page.emulate_media(media="print")
    page.set_viewport_size(A4_LINE)
    page.goto(f"/reports/{briefing.public_id}/print/")
    assert page.locator(".screen-header").is_hidden()
    assert _sideways(page) <= 0
    assert page.evaluate(PAST_THE_EDGE) == []
    assert LONG_WORD in page.locator(".briefing").inner_text()
    # Chromium lays out the real pages too: the PDF it prints is made without error.
    assert page.pdf(format="A4").startswith(b"%PDF")
