"""Send once: every step of the form is a page of its own (post, redirect, get), a report sent
twice from one browser is filed once with one receipt, and the receipt survives a reload for a
while without the code being kept anywhere (reports.drafts)."""

import re

import pytest
from django.db import connection
from django.test import Client

from reports import drafts
from reports.models import Draft, Report
from tests.factories import at_once, payload

pytestmark = pytest.mark.django_db

SENT = "/submit/sent/"


def _code(html: str) -> str:
    return re.search(r'<code id="receipt-code">([0-9-]+)</code>', html).group(1)


def test_every_step_redirects_to_a_page_of_its_own(client):
    reviewed = client.post("/submit/", payload())
    assert (reviewed.status_code, reviewed["Location"]) == (303, "/submit/review/")
    assert "Check your report before sending" in client.get("/submit/review/").content.decode()
    edited = client.post("/submit/", payload(action="edit"))
    assert (edited.status_code, edited["Location"]) == (303, "/submit/")
    assert payload()["story"] in client.get("/submit/").content.decode()
    sent = client.post("/submit/", payload(action="send"))
    assert (sent.status_code, sent["Location"]) == (303, SENT)
    assert Report.objects.count() == 1


@pytest.mark.parametrize("again", ["reload", "send again", "back, then send", "back twice"])
def test_the_same_report_sent_again_from_one_browser_is_filed_once(client, again):
    sent = client.post("/submit/", payload(action="send"), follow=True).content.decode()
    code = _code(sent)
    if again == "reload":
        shown = client.get(SENT)
    elif again == "send again":
        shown = client.post("/submit/", payload(action="send"), follow=True)
    elif again == "back, then send":
        back = client.get("/submit/review/", follow=True)
        assert code in back.content.decode()  # the review page is gone: its receipt instead
        shown = client.post("/submit/", payload(action="send"), follow=True)
    else:
        form = client.get("/submit/").content.decode()
        assert payload()["story"] not in form  # a fresh form, nothing left of the sent one
        shown = client.get(SENT)
    assert shown.status_code == 200
    assert _code(shown.content.decode()) == code
    assert Report.objects.count() == 1


def test_another_report_from_the_same_browser_is_another_report(client):
    first = _code(client.post("/submit/", payload(action="send"), follow=True).content.decode())
    other = payload(action="send", lessons="Another lesson, so another report.")
    second = _code(client.post("/submit/", other, follow=True).content.decode())
    assert first != second and Report.objects.count() == 2
    assert _code(client.get(SENT).content.decode()) == second


def test_the_same_words_from_another_browser_are_another_report(client):
    first = _code(client.post("/submit/", payload(action="send"), follow=True).content.decode())
    other = Client()
    second = _code(other.post("/submit/", payload(action="send"), follow=True).content.decode())
    assert first != second and Report.objects.count() == 2
    assert other.get(SENT).status_code == 200 and client.get(SENT).status_code == 200


def test_the_receipt_is_shown_again_for_a_while_then_never(client, monkeypatch):
    code = _code(client.post("/submit/", payload(action="send"), follow=True).content.decode())
    assert code in client.get(SENT).content.decode()
    monkeypatch.setattr(drafts, "RECEIPT_SECONDS", -1)
    gone = client.get(SENT)
    assert gone.status_code == 404
    assert code not in gone.content.decode()
    assert "no longer shown" in gone.content.decode()
    # Nor to another browser, ever.
    monkeypatch.setattr(drafts, "RECEIPT_SECONDS", 30 * 60)
    assert Client().get(SENT).status_code == 404


def test_the_receipt_pages_are_never_stored_by_a_browser_or_a_cache(client):
    client.post("/submit/", payload())
    pages = [client.get("/submit/review/"), client.get("/submit/")]
    client.post("/submit/", payload(action="send"))
    pages.append(client.get(SENT))
    for page in pages:
        assert "no-store" in page["Cache-Control"]


def test_the_code_and_the_words_are_kept_nowhere_but_sealed(client):
    story = "Ambervale draft canary: the driver kept one hand in his lap."
    client.post("/submit/", payload(story=story))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, started_on::text, sealed FROM reports_draft")
        ((draft_id, day, sealed),) = cursor.fetchall()
    assert "Ambervale" not in sealed and "Ambervale" not in draft_id
    assert len(day) == 10  # the day only
    sent = client.post("/submit/", payload(story=story, action="send"), follow=True)
    code = _code(sent.content.decode())
    digits = code.replace("-", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reports_draft")
        rows = cursor.fetchall()
        cursor.execute("SELECT * FROM reports_report")
        stored = cursor.fetchall()
    assert len(rows) == 1  # the draft became what shows the receipt again
    for value in [*rows[0], *stored[0]]:
        assert digits not in str(value) and "Ambervale" not in str(value)


def test_without_the_browsers_secret_a_draft_cannot_be_read():
    browser = Client()
    browser.post("/submit/", payload())
    stranger = Client()
    stranger.get("/submit/")  # a form secret of its own
    assert payload()["story"] not in stranger.get("/submit/").content.decode()
    assert stranger.get("/submit/review/")["Location"] == "/submit/"
    assert Draft.objects.count() == 1


def test_a_form_sent_back_with_errors_keeps_the_text_and_shows_the_errors(client):
    refused = client.post("/submit/", payload(lessons=""), follow=True)
    html = refused.content.decode()
    assert refused.redirect_chain == [("/submit/", 303)]
    assert payload()["story"] in html
    assert "Please share the lesson" in html


def test_with_the_database_down_every_step_still_answers_with_the_text(client, monkeypatch):
    from django.db.utils import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(drafts, "save", lambda *a, **k: False)
    reviewed = client.post("/submit/", payload())
    assert reviewed.status_code == 200 and payload()["story"] in reviewed.content.decode()
    monkeypatch.setattr(Report, "submit", down)
    refused = client.post("/submit/", payload(action="send"))
    assert refused.status_code == 503 and payload()["story"] in refused.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_identical_sends_at_once_file_one_report():
    browser = Client()
    browser.get("/submit/")
    outcomes = at_once(
        lambda: browser.post("/submit/", payload(action="send")),
        lambda: browser.post("/submit/", payload(action="send")),
    )
    assert [o.status_code for o in outcomes] == [303, 303]
    assert Report.objects.count() == 1
    assert browser.get(SENT).status_code == 200


def test_old_drafts_are_deleted(client):
    import datetime

    from django.utils import timezone

    client.post("/submit/", payload())
    Draft.objects.update(started_on=timezone.localdate() - datetime.timedelta(days=2))
    Client().post("/submit/", payload())
    assert Draft.objects.count() == 1
    assert client.get("/submit/review/")["Location"] == "/submit/"


def test_the_receipt_says_to_write_it_down_and_what_happens_next(client):
    html = client.post("/submit/", payload(action="send"), follow=True).content.decode()
    assert "Write it down now. We cannot show it to you again" in html
    assert "What happens next" in html and "Check back in" in html
    assert 'href="/submit/sent/receipt.txt"' in html
    assert 'href="/static/css/receipt-print.css' in html and 'media="print"' in html


def test_the_receipt_can_be_saved_as_a_file_by_the_browser_that_sent_it(client):
    code = _code(client.post("/submit/", payload(action="send"), follow=True).content.decode())
    saved = client.get("/submit/sent/receipt.txt")
    assert saved.status_code == 200
    assert saved["Content-Disposition"].startswith("attachment;")
    assert "no-store" in saved["Cache-Control"]
    assert code in saved.content.decode()
    assert Client().get("/submit/sent/receipt.txt").status_code == 404


def test_the_receipt_says_how_long_review_took_lately(client):
    import datetime

    from django.utils import timezone

    from tests.factories import make_report

    today = timezone.localdate()
    for days in (2, 4, 4, 6, 9):
        make_report(
            status=Report.Status.PUBLISHED,
            received_on=today - datetime.timedelta(days=days + 1),
            published_on=today - datetime.timedelta(days=1),
        )
    html = client.post("/submit/", payload(action="send"), follow=True).content.decode()
    assert "about 4 days from arrival to publication" in html
    assert "Check back in 5 days" in html


def test_going_back_to_edit_lists_each_finding_above_the_box_it_was_found_in(client):
    story = "My partner Luis Ortega and I stopped a car on Delancey at 0315."
    lessons = "Call 555-201-3344 if you want to talk about it."
    client.post("/submit/", payload(story=story, lessons=lessons))
    client.post("/submit/", payload(story=story, lessons=lessons, action="edit"))
    html = client.get("/submit/").content.decode()
    story_box = html.index('name="story"')
    lessons_box = html.index('name="lessons"')
    story_list = html.index('id="story-findings"')
    lessons_list = html.index('id="lessons-findings"')
    assert story_list < story_box < lessons_list < lessons_box
    story_part = html[story_list:story_box]
    assert "<q>Luis Ortega</q>" in story_part and "<q>0315</q>" in story_part
    assert "<q>555-201-3344</q>" in html[lessons_list:lessons_box]
    # Sent back to edit again once fixed, the list goes with the next review.
    client.post("/submit/", payload(story="We stopped a car.", lessons="Be careful."))
    client.post(
        "/submit/", payload(story="We stopped a car.", lessons="Be careful.", action="edit")
    )
    assert 'id="story-findings"' not in client.get("/submit/").content.decode()
