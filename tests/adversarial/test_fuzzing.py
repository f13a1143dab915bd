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
    response = client.post("/submit/", {k: [_clean(v) for v in vs] for k, vs in data.items()})
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
