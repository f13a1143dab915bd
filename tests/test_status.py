import pytest

from reports import receipts
from reports.models import Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db

CODE = "1111-2222-3333-4444-5555"


def _look_up(client, code: str):
    return client.post("/status/", {"code": code})


def test_the_status_page_asks_for_the_code(client):
    response = client.get("/status/")
    assert response.status_code == 200
    assert b'name="code"' in response.content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("status", "label", "explanation"),
    [
        (Report.Status.NEW, "Received", "A moderator has not opened it yet"),
        (Report.Status.IN_REVIEW, "In review", "removing anything that could identify you"),
        (Report.Status.APPROVED, "In review", "removing anything that could identify you"),
        (Report.Status.WAITING, "Waiting for you", "A moderator has a question for you"),
        (Report.Status.PUBLISHED, "Published", "Your report has been published"),
        (Report.Status.REJECTED, "Not published", "decided not to publish"),
        (Report.Status.WITHDRAWN, "Withdrawn", "You withdrew this report"),
    ],
)
def test_the_reporter_sees_the_status_of_their_report(client, status, label, explanation):
    make_report(code=CODE, status=status)
    response = _look_up(client, CODE)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<span class="status-label">{label}</span>' in html
    assert explanation in html
    assert "no-store" in response["Cache-Control"]


def test_a_published_report_links_to_its_story(client):
    report = make_report(code=CODE, status=Report.Status.PUBLISHED)
    html = _look_up(client, CODE).content.decode()
    assert f'href="/reports/{report.public_id}/"' in html


@pytest.mark.parametrize("status", [s for s in Report.Status if s != Report.Status.PUBLISHED])
def test_an_unpublished_report_has_no_link_to_a_story(client, status):
    report = make_report(code=CODE, status=status)
    assert f"/reports/{report.public_id}/" not in _look_up(client, CODE).content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        "1111 2222 3333 4444 5555",
        "11112222333344445555",
        " 1111-2222-3333-4444-5555 ",
        "1111.2222.3333.4444.5555",
    ],
)
def test_the_code_is_accepted_however_it_is_grouped(client, typed):
    make_report(code=CODE)
    assert b'<span class="status-label">Received</span>' in _look_up(client, typed).content


def _neutral(response) -> str:
    html = response.content.decode()
    # The answer must not depend on the code typed: drop the CSRF token, which changes.
    return "\n".join(line for line in html.splitlines() if "csrfmiddlewaretoken" not in line)


def test_unknown_codes_get_the_same_neutral_answer_whatever_the_reason(client):
    make_report(code=CODE)
    deleted = make_report(code="9999-8888-7777-6666-5555")
    deleted.delete()
    answers = {
        "unknown": _look_up(client, "1234-5678-9012-3456-7890"),
        "deleted": _look_up(client, "9999-8888-7777-6666-5555"),
        "too short": _look_up(client, "1111-2222"),
        "too long": _look_up(client, CODE + "-6666"),
        "letters": _look_up(client, "not a code at all"),
        "one digit off": _look_up(client, "1111-2222-3333-4444-5556"),
    }
    pages = {reason: _neutral(response) for reason, response in answers.items()}
    assert all(response.status_code == 200 for response in answers.values())
    assert len(set(pages.values())) == 1, "every unknown code must get the identical page"
    assert "No report found for that code" in pages["unknown"]


def test_an_empty_code_asks_for_one(client):
    response = _look_up(client, "")
    assert b"Please enter your receipt code." in response.content


def test_the_31st_look_up_in_an_hour_gets_429(client):
    make_report(code=CODE)
    for _ in range(30):
        assert _look_up(client, "1234-5678-9012-3456-7890").status_code == 200
    response = _look_up(client, CODE)
    assert response.status_code == 429
    assert b"Too many look-ups" in response.content
    assert b"Received" not in response.content


def test_the_hash_is_what_is_looked_up(client):
    report = make_report(code=CODE)
    assert Report.objects.for_receipt(CODE) == report
    assert report.receipt_hash == receipts.receipt_hash("11112222333344445555")
    assert Report.objects.for_receipt("1111-2222-3333-4444-5550") is None


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, method):
    assert getattr(client, method)("/status/").status_code == 405
