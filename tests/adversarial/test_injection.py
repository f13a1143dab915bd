"""64 injection payloads through every text field, published, then opened in Chromium.

Each payload goes into the report form (story, lessons), the reporter's answer, and every
field a moderator writes (headline, key lesson, story and lessons to publish). Then every
public page, the print views, the admin, the feeds and the open data are opened: no dialog
opens, no injected element or attribute exists, feeds stay well-formed XML, and no CSV cell
can run as a formula.
"""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from reports import receipts
from reports.cleaning import has_control_characters, normalise_line_breaks
from reports.models import Report, Topic
from tests.adversarial.payloads import PAYLOADS
from tests.factories import admin_form_data, login_verified, make_moderator, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Payloads holding a character nobody types (bidi overrides, controls) are refused at the door
# (tests/test_typed_text.py); the rest are stored and must stay inert everywhere.
STORED = [p for p in PAYLOADS if not has_control_characters(normalise_line_breaks(p))]

FIND_INJECTED = """() => {
  const bad = [];
  if (window.__pwned) bad.push("window.__pwned");
  document.querySelectorAll("[data-pwned], #pwned, iframe, object, embed, marquee, math, "
    + "svg script, svg a, form[action^='javascript' i], meta[http-equiv], style")
    .forEach(e => bad.push(e.outerHTML.slice(0, 100)));
  document.querySelectorAll("*").forEach(e => {
    for (const a of e.attributes) if (a.name.toLowerCase().startsWith("on"))
      bad.push(e.tagName + "[" + a.name + "]");
  });
  document.querySelectorAll("script").forEach(s => {
    if (!s.src || !s.src.startsWith(location.origin)) bad.push("script " + (s.src || s.text));
  });
  document.querySelectorAll("a[href^='javascript:' i], a[href^='data:' i], [src^='javascript:' i]")
    .forEach(e => bad.push(e.outerHTML.slice(0, 100)));
  return bad;
}"""


def _publish_every_payload(settings) -> list[Report]:
    settings.PUBLISH_APPROVALS = 1
    settings.RATELIMIT_SUBMIT = settings.RATELIMIT_STATUS = "100000/h"
    settings.RATELIMIT_SUBMIT_SITE = settings.RATELIMIT_SUBMIT_BURST = "100000/m"
    reporter, staff = Client(), Client()
    login_verified(staff, make_moderator("moderator"))
    topic = Topic.objects.create(slug="injected", name=STORED[0][:100])
    for number, payload in enumerate(STORED):
        sent = reporter.post(
            "/submit/",
            {
                "story": f"Story {number}: {payload}",
                "lessons": f"Lesson {number}: {payload}",
                "action": "send",
            },
            follow=True,
        )
        code = re.search(r'id="receipt-code">([0-9-]+)<', sent.content.decode()).group(1)
        report = next(r for r in Report.objects.all() if r.story.startswith(f"Story {number}:"))
        base = f"/admin/reports/report/{report.pk}/"
        staff.post(f"{base}move/start_review/", {"version": report.version()})
        report.refresh_from_db()
        staff.post(
            f"{base}move/ask_reporter/",
            {"version": report.version(), "move_text": f"Question {number}: {payload}"},
        )
        page = reporter.post("/status/", {"code": code}).content.decode()
        access = re.search(r'name="access" value="([^"]+)"', page).group(1)
        reporter.post(
            "/status/",
            {"action": "answer", "access": access, "answer": f"Answer {number}: {payload}"},
        )
        staff.post(
            f"{base}change/",
            admin_form_data(
                report,
                headline=f"H{number} {payload}"[:200],
                key_lesson=f"K{number} {payload}"[:300],
                published_story=f"Story {number} [place removed]\n\n{payload}",
                published_lessons=f"{payload} lessons {number}",
                risk_factors=["tactics"],
                primary_risk_factor="tactics",
            ),
        )
        report.refresh_from_db()
        staff.post(f"{base}move/approve/", {"version": report.version()})
        report.refresh_from_db()
        staff.post(f"{base}move/publish/", {"version": report.version(), "reviewed": "on"})
        report.refresh_from_db()
        assert report.status == Report.Status.PUBLISHED, (number, payload)
        report.topics.add(topic)
    return list(Report.objects.published()), staff


def test_no_payload_runs_or_becomes_markup_anywhere(browser, live_server, settings):
    reports, staff = _publish_every_payload(settings)
    assert len(reports) == len(STORED) >= 55

    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "url": live_server.url,
                "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        ]
    )
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = [
        "/",
        "/reports/",
        "/reports/?page=2",
        "/reports/?page=3",
        "/reports/?page=4",
        "/reports/?q=story",
        "/reports/?q=%22place+removed%22",
        "/topics/injected/",
        "/stats/",
        "/data/",
        "/admin/reports/report/",
        "/admin/reports/auditentry/",
        "/admin/reports/topic/",
    ]
    for report in reports:
        paths += [
            f"/reports/{report.public_id}/",
            f"/reports/{report.public_id}/print/",
            f"/admin/reports/report/{report.pk}/change/",
        ]
    found = {}
    for path in paths:
        page.goto(path)
        injected = page.evaluate(FIND_INJECTED)
        if injected:
            found[path] = injected
    context.close()
    assert dialogs == []
    assert found == {}

    for url in ["/feeds/latest.atom", "/feeds/topics/injected.atom"]:
        ET.fromstring(staff.get(url).content)  # well-formed XML whatever the headlines hold

    body = b"".join(Client().get("/data/reports.csv").streaming_content).decode()
    for row in csv.reader(io.StringIO(body)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_no_payload_in_a_rejection_reason_or_topic_name_runs(browser, live_server, settings):
    """The other texts moderators type: a rejection's reason (the reporter reads it on the
    status page) and topic names (chips, topic pages, the admin)."""
    settings.RATELIMIT_STATUS = "100000/h"
    moderator = make_moderator("moderator")
    codes = []
    published = make_report(status=Report.Status.PUBLISHED)
    for number, payload in enumerate(STORED):
        code = receipts.new_code()
        report = make_report(code=code, status=Report.Status.IN_REVIEW)
        report.reject(by=moderator, reason=f"Reason {number}: {payload}")
        codes.append(code)
        topic = Topic.objects.create(slug=f"t{number}", name=f"{payload[:100]} {number}")
        published.topics.add(topic)
    staff = Client()
    login_verified(staff, moderator)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "url": live_server.url,
                "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        ]
    )
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = {}
    for code in codes:
        page.goto("/status/")
        page.get_by_label("Your receipt code").fill(code)
        page.get_by_role("button", name="Check status").click()
        page.get_by_text("Reason").first.wait_for()
        if injected := page.evaluate(FIND_INJECTED):
            found[f"status {code}"] = injected
    paths = [f"/reports/{published.public_id}/", "/topics/", "/feeds/", "/admin/reports/topic/"]
    paths += [f"/topics/t{number}/" for number in range(len(STORED))]
    for path in paths:
        page.goto(path)
        if injected := page.evaluate(FIND_INJECTED):
            found[path] = injected
    context.close()
    assert dialogs == []
    assert found == {}
