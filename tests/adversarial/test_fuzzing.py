"""Arbitrary input to every form and query parameter: the answer is never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import taxonomy
from reports.models import Report
from tests.factories import make_report

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Any text, including NUL, lone surrogates (as the browser would encode them), very long values.
TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "\x00",
            "\ud800",
            "<script>",
            "' OR 1=1 --",
            "{{ 7*7 }}",
            "{% debug %}",
            '"',
            "-",
            "!",
            "&",
            "|",
            "\u202e",
            "\u200b",
            "x" * 20_001,
            "é" * 50_000,
        ]
    ),
)
SUBMIT_FIELDS = ["story", "lessons", *taxonomy.EVENT_FIELDS, *taxonomy.REPORTER_FIELDS, "action"]


def _clean(value: str) -> str:
    # A browser cannot send a lone surrogate; it sends the replacement character instead.
    return value.encode("utf-8", "replace").decode("utf-8")


@FUZZ
@given(data=st.dictionaries(st.sampled_from(SUBMIT_FIELDS), st.lists(TEXT, max_size=3)))
def test_the_report_form(client, data):
    response = client.post(
        "/submit/", {k: [_clean(v) for v in vs] for k, vs in data.items()}, follow=True
    )
    assert response.status_code in {200, 429}


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(["code", "action", "access", "answer", "confirm"]),
        st.lists(TEXT, max_size=3),
    )
)
def test_the_status_page(client, data):
    response = client.post("/status/", {k: [_clean(v) for v in vs] for k, vs in data.items()})
    assert response.status_code in {200, 400, 429}


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "event_type", "factor", "loss", "year", "page", "other"]),
        st.lists(TEXT, max_size=3),
    )
)
def test_browse_parameters(client, params):
    make_report(status=Report.Status.PUBLISHED)
    response = client.get("/reports/", {k: [_clean(v) for v in vs] for k, vs in params.items()})
    assert response.status_code == 200


@FUZZ
@given(
    body=st.binary(max_size=5_000),
    content_type=st.sampled_from(
        [
            "application/json",
            "text/plain",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
            "image/png",
            "",
        ]
    ),
)
def test_wrong_bodies_and_content_types(client, body, content_type):
    for url in ["/submit/", "/status/"]:
        response = client.generic("POST", url, body, content_type=content_type)
        assert response.status_code < 500


@pytest.mark.parametrize("url", ["/", "/submit/", "/status/", "/reports/", "/stats/"])
def test_an_oversized_body_is_refused_without_a_server_error(client, url):
    response = client.generic(
        "POST", url, b"story=" + b"x" * 3_000_000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in {400, 405, 413}


ADMIN_FIELDS = [
    "version",
    "headline",
    "key_lesson",
    "published_story",
    "published_lessons",
    "primary_risk_factor",
    "risk_factors",
    "topics",
    "move_text",
    "duplicate_of",
    "_move",
    "_redact",
    "_redact_all",
    "_continue",
    "reviewed",
    "confirmed",
    *taxonomy.EVENT_FIELDS,
    *taxonomy.REPORTER_FIELDS,
]
MOVE_NAMES = st.sampled_from(
    [
        "start_review",
        "ask_reporter",
        "approve",
        "publish",
        "reject",
        "return_to_review",
        "unpublish",
        "withdraw",
        "answer",
        "delete",
        "../x",
    ]
)


def _moderator_client():
    from django.test import Client

    from tests.factories import login_verified, make_moderator

    client = Client()
    login_verified(client, make_moderator(f"fuzz-{Report.objects.count()}"))
    return client


@FUZZ
@given(
    status=st.sampled_from(Report.Status.values),
    data=st.dictionaries(st.sampled_from(ADMIN_FIELDS), st.lists(TEXT, max_size=3)),
    keep_version=st.booleans(),
)
def test_the_moderators_report_page(status, data, keep_version):
    """Whatever a logged-in moderator posts to the report page, the answer is a page or a
    redirect, never a server error."""
    from tests.factories import admin_form_data, report_page

    client = _moderator_client()
    report = make_report(status=status, published_story="Sgt. Miller went left.")
    form = admin_form_data(report) if keep_version else {}
    form |= {k: [_clean(v) for v in vs] for k, vs in data.items()}
    response = client.post(report_page(report), form)
    assert response.status_code in {200, 302, 400}


@FUZZ
@given(
    status=st.sampled_from(Report.Status.values),
    move=MOVE_NAMES,
    data=st.dictionaries(
        st.sampled_from(["version", "move_text", "duplicate_of", "reviewed", "confirmed"]),
        st.lists(TEXT, max_size=3),
    ),
    keep_version=st.booleans(),
    method=st.sampled_from(["get", "post"]),
)
def test_the_moderators_moves(status, move, data, keep_version, method):
    from tests.factories import move_url

    client = _moderator_client()
    report = make_report(status=status)
    form = {"version": report.version()} if keep_version else {}
    form |= {k: [_clean(v) for v in vs] for k, vs in data.items()}
    response = getattr(client, method)(move_url(report, move), form)
    assert response.status_code in {200, 302, 403, 404, 405}
