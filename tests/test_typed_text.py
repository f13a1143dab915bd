"""One rule for every text a person types, in every form, on the model and in the database."""

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reports import feeds
from reports.cleaning import NESTED_MESSAGE, clean_typed_text
from reports.models import AuditEntry, Message, Report, Topic
from reports.open_data import neutralise
from tests.factories import (
    admin_form_data,
    login_verified,
    make_report,
    move_url,
    payload,
    report_page,
)

pytestmark = pytest.mark.django_db

S = Report.Status
# Every class of character nobody means to type; each is refused with the same message.
REFUSED = {
    "bell": "\x07",
    "escape": "\x1b",
    "delete": "\x7f",
    "C1 next line": "\x85",
    "C1 control": "\x9b",
    "noncharacter U+FFFE": "\ufffe",
    "noncharacter U+FFFF": "\uffff",
    "noncharacter U+FDD0": "\ufdd0",
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
}
# Line breaks other programs paste: each becomes a newline.
LINE_BREAKS = {
    "Word's soft return": "\x0b",
    "form feed": "\x0c",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "carriage return": "\r",
}
MESSAGE = "hidden control character"


@pytest.mark.parametrize("character", REFUSED.values(), ids=REFUSED.keys())
def test_the_rule_refuses_what_nobody_types(character):
    with pytest.raises(ValidationError, match=MESSAGE):
        clean_typed_text(f"before {character} after")


@pytest.mark.parametrize("character", LINE_BREAKS.values(), ids=LINE_BREAKS.keys())
def test_the_rule_turns_pasted_line_breaks_into_newlines(character):
    assert clean_typed_text(f"one{character}two") == "one\ntwo"


def test_the_rule_refuses_lone_surrogates_and_nul():
    for character in ("\ud800", "\udfff", "\x00"):
        with pytest.raises(ValidationError):
            clean_typed_text(f"a{character}b")


def test_the_rule_keeps_ordinary_text_of_every_script():
    text = "Keoni Kaʻahumanu, Nguyễn Văn Minh, عبد الله, שלום, 🚓 — tab\there."
    assert clean_typed_text(text) == text


@given(st.text(alphabet=st.sampled_from(list("<>&;#x0123456789abcdefltgmp/ \n\"'=")), max_size=60))
@example("&" + "amp;" * 7 + "lt;b&gt;")
@settings(max_examples=400, deadline=None)
def test_cleaning_is_its_own_cleaning(text):
    # Saved again, a text never changes: the form cleans what the model already holds.
    try:
        once = clean_typed_text(text)
    except ValidationError:
        return
    assert clean_typed_text(once) == once


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_entities_a_copy_from_a_web_page_holds_are_decoded(depth):
    assert clean_typed_text("Fish " + "&" + "amp;" * (depth - 1) + "amp; chips") == "Fish & chips"


def test_entities_nested_past_the_rounds_are_refused_and_the_text_kept(client):
    nested = "Fish &" + "amp;" * 12 + " chips"
    with pytest.raises(ValidationError) as refused:
        clean_typed_text(nested)
    assert refused.value.messages == [NESTED_MESSAGE]
    html = client.post(
        "/submit/", payload(story=f"My words {nested} here."), follow=True
    ).content.decode()
    assert "HTML codes nested" in html and "My words" in html
    assert Report.objects.count() == 0


@pytest.mark.parametrize("character", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("field", ["story", "lessons"])
def test_the_report_form_refuses_it_and_keeps_the_text(client, field, character):
    html = client.post(
        "/submit/", payload(**{field: f"My words {character} here."}), follow=True
    ).content
    html = html.decode()
    assert MESSAGE in html
    assert "My words" in html
    assert Report.objects.count() == 0


MODERATOR_FIELDS = ["headline", "key_lesson", "published_story", "published_lessons"]


@pytest.mark.parametrize("character", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("field", MODERATOR_FIELDS)
def test_the_admin_refuses_it_in_what_moderators_type_and_keeps_the_edit(
    client, moderator, field, character
):
    login_verified(client, moderator)
    report = make_report(status=S.IN_REVIEW, headline="Kept")
    response = client.post(
        report_page(report), admin_form_data(report, **{field: f"Edit {character} here"})
    )
    html = response.content.decode()
    assert response.status_code == 200 and MESSAGE in html
    assert "Edit" in html
    report.refresh_from_db()
    assert report.headline == "Kept"


def test_a_soft_return_in_a_headline_becomes_a_space(client, moderator):
    login_verified(client, moderator)
    report = make_report(status=S.IN_REVIEW)
    client.post(report_page(report), admin_form_data(report, headline="Two\x0blines"))
    report.refresh_from_db()
    assert report.headline == "Two lines"


@pytest.mark.parametrize("move", ["ask_reporter", "return_to_review"])
def test_a_moves_text_is_held_to_the_rule(client, moderator, move):
    login_verified(client, moderator)
    status = S.IN_REVIEW if move == "ask_reporter" else S.WAITING
    report = make_report(status=status)
    html = client.post(
        move_url(report, move),
        {"version": report.version(), "move_text": "Why \u202e?"},
        follow=True,
    ).content.decode()
    report.refresh_from_db()
    assert report.status == status and MESSAGE in html


def test_a_topic_name_is_held_to_the_rule(client, moderator):
    login_verified(client, moderator)
    client.post("/admin/reports/topic/add/", {"name": "Roads\u202e", "slug": "roads"})
    assert not Topic.objects.exists()


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("report", {"headline": "Bad \u202e"}),
        ("message", {"body": "Bad \x0c\x07"}),
        ("audit", {"reason": "Bad \uffff"}),
        ("topic", {"name": "Bad \x1b"}),
    ],
)
def test_the_model_refuses_it_whoever_saves(model, fields):
    report = make_report()
    make = {
        "report": lambda: Report(receipt_hash="x", story="s", lessons="l", **fields),
        "message": lambda: Message(report=report, sender="moderator", **fields),
        "audit": lambda: AuditEntry(
            report=report, action="x", from_status="new", to_status="new", **fields
        ),
        "topic": lambda: Topic(slug="bad", **fields),
    }[model]
    with pytest.raises(ValidationError, match=MESSAGE):
        make().save()


@pytest.mark.parametrize("character", ["\x0b", "\x07", "\ufffe", "\uffff", "\u202e"])
def test_the_database_refuses_it_even_from_a_bulk_update(character):
    report = make_report(status=S.PUBLISHED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(headline=f"Sneaked {character} in")


def test_a_feed_that_cannot_be_written_is_refused_and_not_cached(client, monkeypatch):
    make_report(status=S.PUBLISHED, headline="A fine headline")
    assert client.get("/feeds/latest.atom").status_code == 200
    from reports.caching import invalidate_public_pages

    invalidate_public_pages()
    monkeypatch.setattr(feeds, "xml_text", lambda text: f"{text}\x0b")
    broken = client.get("/feeds/latest.atom")
    assert broken.status_code == 503
    assert broken["Cache-Control"] == "no-store"
    monkeypatch.undo()
    fixed = client.get("/feeds/latest.atom")
    assert fixed.status_code == 200
    ElementTree.fromstring(fixed.content)


FORMULAS = {
    "plain": '=HYPERLINK("http://x")',
    "plus": "+1+1",
    "minus": "-1+1",
    "at": "@SUM(A1)",
    "tab": "\t=1",
    "zero-width space": "\u200b=1+1",
    "byte-order mark": "\ufeff=1+1",
    "word joiner": "\u2060@SUM(A1)",
    "soft hyphen": "\u00ad=1",
    "spaces": "   =1",
    "full-width equals": "\uff1d1+1",
    "full-width plus": "\uff0b1",
    "full-width at": "\uff20SUM(A1)",
    "small equals": "\ufe661",
}


@pytest.mark.parametrize("formula", FORMULAS.values(), ids=FORMULAS.keys())
def test_no_formula_starts_a_cell_whatever_hides_it(formula):
    assert neutralise(formula).startswith("'")
    assert neutralise("Officer safety first") == "Officer safety first"


@pytest.mark.parametrize("formula", FORMULAS.values(), ids=FORMULAS.keys())
def test_both_exports_guard_the_formula(client, formula):
    if formula.startswith("\t"):
        formula = formula.lstrip("\t")  # a leading tab is not kept in a stored headline
    make_report(status=S.PUBLISHED, headline=f"{formula} headline", key_lesson=formula)
    body = b"".join(client.get("/data/reports.csv").streaming_content).decode()
    row = next(r for r in csv.DictReader(io.StringIO(body)))
    assert row["headline"].startswith("'") and row["key_lesson"].startswith("'")
    data = json.loads(b"".join(client.get("/data/reports.json").streaming_content))
    assert data[0]["headline"].startswith("'") and data[0]["key_lesson"].startswith("'")
