"""Helpers for the browser tests: accessibility with axe, and fitting a phone."""

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
PHONE = {"width": 375, "height": 740}


def assert_accessible(page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def assert_fits_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 375px wide"


def assert_no_serious_violations(page) -> None:
    """Assert axe finds nothing serious or critical (the admin's own pages, which Django
    writes, are held to this rather than to every best practice)."""
    results = Axe().run(page, options=AXE_OPTIONS)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert not serious, results.generate_report()
