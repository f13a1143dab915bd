"""Form errors as public-sector services show them (the GOV.UK Design System's error summary
and error message): "Error: " first in the title, a summary at the top whose items link to
the fields, each message above its input after the label and hint, the input described by
both; through our own crispy-forms template pack, with class names of our own."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from reports.models import Message, Report
from tests.browser import assert_accessible
from tests.factories import make_report, payload

CODE = "2222-3333-4444-5555-6666"
SIX_FACTORS = ["complacency", "fatigue", "speed", "tactics", "no_backup", "training_gap"]
# What crispy-bootstrap5 rendered, and site.css imitated, before the site had its own pack.
BOOTSTRAP_CLASSES = re.compile(
    r"\b(mb-3|form-control|form-select|form-label|form-text|form-check(-input|-label)?|"
    r"invalid-feedback|is-invalid|asteriskField|requiredField|col-form-label|alert-danger)\b"
)


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def _summary(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</ul>', html, re.S)
    assert match, "the page has an error summary"
    return match.group(0)


def _main(html: str) -> str:
    return html[html.index('<main id="main"') :]


def _send_empty(client, **overrides) -> str:
    data = payload(story="", lessons="", action="review") | overrides
    return client.post("/submit/", data, follow=True).content.decode()


def _form_posting(html: str, field: str) -> tuple[str, dict]:
    """Return the action and hidden inputs of the form on the page that holds field."""
    for form in re.findall(r"<form .*?</form>", html, re.S):
        if f'name="{field}"' in form:
            action = re.search(r'action="([^"]+)"', form).group(1)
            hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
            hidden.pop("csrfmiddlewaretoken", None)
            return action, hidden
    raise AssertionError(f"no form with {field} on the page")


def _waiting_report_page(client) -> str:
    report = make_report(code=CODE, status=Report.Status.WAITING)
    report.messages.create(sender=Message.Sender.MODERATOR, body="Was it daylight?")
    return client.post("/status/", {"code": CODE, "action": "look_up"}).content.decode()


@pytest.mark.django_db
class TestTheReportForm:
    def test_the_title_starts_with_error_only_when_there_is_one(self, client):
        assert _title(client.get("/submit/").content.decode()) == "Tell your story · Near Miss"
        assert _title(_send_empty(client)) == "Error: Tell your story · Near Miss"

    def test_the_summary_comes_first_in_the_main_content_and_links_to_each_field(self, client):
        html = _send_empty(client, risk_factors=SIX_FACTORS)
        main = _main(html)
        assert main.index('class="error-summary"') < main.index("<h1>")
        summary = _summary(html)
        assert 'tabindex="-1"' in summary and 'role="alert"' in summary
        assert '<h2 class="error-summary-title">There is a problem</h2>' in summary
        assert "Nothing you typed has been lost." in summary
        links = re.findall(r'<li><a href="#([\w-]+)">([^<]+)</a></li>', summary)
        assert links == [
            ("id_story", "Please tell us what happened: the story is the report."),
            ("id_lessons", "Please share the lesson others should take from it."),
            (
                "id_risk_factors_0",
                "Please choose at most five risk factors; you chose 6. Keep the ones that "
                "mattered most.",
            ),
        ]
        for target, _message in links:
            assert f'id="{target}"' in html, f"#{target} leads nowhere"

    def test_a_form_without_errors_has_no_summary(self, client):
        assert "error-summary" not in client.get("/submit/").content.decode()

    @pytest.mark.parametrize("field", ["story", "lessons"])
    def test_each_message_sits_after_the_label_and_hint_and_before_the_input(self, client, field):
        html = _send_empty(client)
        label = html.index(f'<label for="id_{field}"')
        hint = html.index(f'<div id="id_{field}_helptext" class="field-hint">')
        error = html.index(f'<div id="id_{field}_error" class="field-error">')
        box = html.index(f'<textarea name="{field}"')
        assert label < hint < error < box
        message = html[error : html.index("</div>", error)]
        assert '<p><span class="visually-hidden">Error:</span> Please' in message
        textarea = html[box : html.index(">", box)]
        assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in textarea
        assert 'aria-invalid="true"' in textarea

    def test_a_field_without_an_error_is_described_by_its_hint_alone(self, client):
        html = client.get("/submit/").content.decode()
        box = html.index('<textarea name="story"')
        textarea = html[box : html.index(">", box)]
        assert 'aria-describedby="id_story_helptext"' in textarea
        assert "aria-invalid" not in textarea

    def test_the_risk_factor_hint_and_error_come_before_the_eighteen_boxes(self, client):
        html = _send_empty(client, risk_factors=SIX_FACTORS)
        group = html[html.index('<div id="div_id_risk_factors"') :]
        group = group[: group.index("</fieldset>")]
        assert group.count('type="checkbox"') == 18
        first_box = group.index('type="checkbox"')
        assert group.index("Choose up to five") < first_box
        assert group.index('id="id_risk_factors_error"') < first_box
        # The group is a fieldset, so the fieldset carries the description.
        assert re.search(
            r'<fieldset class="field-group" '
            r'aria-describedby="id_risk_factors_helptext id_risk_factors_error">\s*'
            r'<legend class="field-label">Contributing risk factors</legend>',
            group,
        )
        assert "form-field-error" in html[html.index('<div id="div_id_risk_factors"') :][:80]

    def test_the_hint_comes_before_the_boxes_without_an_error_too(self, client):
        html = client.get("/submit/").content.decode()
        assert html.index("Choose up to five") < html.index('id="id_risk_factors_0"')

    def test_a_refused_send_shows_the_summary_too(self, client):
        html = client.post("/submit/", payload(story="", action="send"), follow=True)
        html = html.content.decode()
        assert _title(html).startswith("Error: ")
        assert '<a href="#id_story">' in _summary(html)


@pytest.mark.django_db
class TestTheStatusForms:
    def test_an_empty_code_is_summarised_and_linked(self, client):
        html = client.post("/status/", {"code": "", "action": "look_up"}).content.decode()
        assert _title(html) == "Error: Check your report · Near Miss"
        assert '<li><a href="#id_code">Please enter your receipt code.</a></li>' in _summary(html)
        hint = html.index('id="id_code_helptext"')
        error = html.index('id="id_code_error"')
        assert hint < error < html.index('<input type="text" name="code"')
        assert 'aria-describedby="id_code_helptext id_code_error"' in html

    def test_the_status_page_without_errors_has_no_error_title(self, client):
        html = client.get("/status/").content.decode()
        assert _title(html) == "Check your report · Near Miss"
        assert "error-summary" not in html

    def test_an_empty_answer_is_summarised_and_linked(self, client):
        action, hidden = _form_posting(_waiting_report_page(client), "answer")
        data = hidden | {"action": "answer", "answer": ""}
        html = client.post(action, data).content.decode()
        assert _title(html).startswith("Error: ")
        summary = _summary(html)
        assert '<li><a href="#id_answer">Please write your answer before sending it.</a>' in summary
        assert "Nothing you typed has been lost." in summary
        assert html.index('id="id_answer_error"') < html.index('<textarea name="answer"')

    def test_an_unticked_withdrawal_is_summarised_and_linked(self, client):
        action, hidden = _form_posting(_waiting_report_page(client), "confirm")
        html = client.post(action, hidden | {"action": "withdraw"}).content.decode()
        assert _title(html).startswith("Error: ")
        assert (
            '<li><a href="#id_confirm">Tick the box to confirm that you want to withdraw it.</a>'
            in _summary(html)
        )
        error = html.index('id="id_confirm_error"')
        box = html.index('<input type="checkbox" name="confirm"')
        assert error < box
        checkbox = html[box : html.index(">", box)]
        assert 'aria-describedby="id_confirm_error"' in checkbox
        assert 'aria-invalid="true"' in checkbox
        assert Report.objects.get().status == Report.Status.WAITING


@pytest.mark.django_db
def test_no_form_page_uses_bootstrap_class_names(client):
    pages = [
        _send_empty(client, risk_factors=SIX_FACTORS),
        client.get("/status/").content.decode(),
        client.post("/status/", {"code": "", "action": "look_up"}).content.decode(),
        _waiting_report_page(client),
    ]
    for html in pages:
        assert not BOOTSTRAP_CLASSES.search(html), BOOTSTRAP_CLASSES.search(html).group(0)


def test_the_stylesheet_has_no_imitation_bootstrap_rules():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert not BOOTSTRAP_CLASSES.search(css), BOOTSTRAP_CLASSES.search(css).group(0)


def test_the_forms_render_through_our_own_template_pack():
    assert settings.CRISPY_TEMPLATE_PACK == "nearmiss_forms"
    assert "crispy_bootstrap5" not in settings.INSTALLED_APPS
    pack = Path(settings.BASE_DIR) / "templates/nearmiss_forms"
    assert (pack / "field.html").is_file() and (pack / "errors.html").is_file()


SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_summary_is_focused_and_its_links_move_to_the_fields(
    browser, live_server, screen, javascript
):
    context = browser.new_context(
        base_url=live_server.url, viewport=SCREENS[screen], java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        page.goto("/submit/")
        page.get_by_label("What happened?").fill("A story without its lesson.")
        page.get_by_role("button", name="Review before sending").click()
        page.get_by_role("heading", name="There is a problem").wait_for()
        assert page.title().startswith("Error: ")
        if javascript:  # scripts only read the focus here; the page needs none
            assert page.evaluate("document.activeElement.className") == "error-summary"
        page.get_by_role("link", name="Please share the lesson").click()
        assert page.url.endswith("#id_lessons")
        box = page.get_by_label("What should other officers learn from it?")
        if javascript:
            assert page.evaluate("document.activeElement.id") == "id_lessons"
        # The label and the message above the box are in view with it.
        for above in [page.locator('label[for="id_lessons"]'), page.locator("#id_lessons_error")]:
            assert above.bounding_box()["y"] >= 0
        assert box.bounding_box()["y"] < SCREENS[screen]["height"]
        # The text typed is still there, and the box takes the next keys.
        assert page.get_by_label("What happened?").input_value() == "A story without its lesson."
        page.keyboard.type("Read the whole form.")
        assert box.input_value() == "Read the whole form."
        if javascript:
            assert_accessible(page)
    finally:
        context.close()
