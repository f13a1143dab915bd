from functools import lru_cache

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from reports import taxonomy
from reports.cleaning import CONTROL_CHARACTERS as CONTROL_CHARACTERS_RE
from reports.cleaning import UNTYPABLE_MESSAGE, clean_typed_text, normalise_line_breaks

STORY_MAX = 20_000
LESSONS_MAX = 5_000

CONTROL_CHARACTER_MESSAGE = UNTYPABLE_MESSAGE


class PlainTextField(forms.CharField):
    """A free-text field stored as plain text under the one rule for typed text
    (reports.cleaning.clean_typed_text): limits checked first, nothing typed ever lost."""

    def __init__(self, *, max_length: int, noun: str, **kwargs) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        super().__init__(max_length=max_length, **kwargs)
        self.error_messages["max_length"] = (
            f"Your {noun} is %(show_value)s characters long; the limit is %(limit_value)s. "
            "Please shorten it. Nothing you typed has been lost."
        )
        # Django's own check for NUL would speak of "null characters"; ours says what to do.
        self.error_messages["null_characters_not_allowed"] = CONTROL_CHARACTER_MESSAGE
        self.widget.attrs.pop("maxlength", None)  # a browser would cut pasted text silently

    def to_python(self, value):
        value = super().to_python(value)
        # Browsers send CRLF; count a line break as one character, as the reporter sees it.
        return normalise_line_breaks(value)

    def clean(self, value):
        value = super().clean(value)
        cleaned = clean_typed_text(value)
        if self.required and not cleaned:
            raise ValidationError(self.error_messages["required"], code="required")
        return cleaned


class SingleLineTextField(PlainTextField):
    """A one-line typed text (a headline): any line break pasted in becomes a space."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)

    def clean(self, value):
        return " ".join(super().clean(value).split())


class SharedChoices:
    """For a choice field whose choices are shared by every form, not deep-copied for each.

    Django deep-copies every field of a form for each instance, choices included: for the
    browse filters that was about a millisecond of every search (docs/performance.md). Our
    choices are never changed in place; a form that needs others assigns a new list.
    """

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class FixedChoiceField(SharedChoices, forms.ChoiceField):
    pass


class FixedTypedChoiceField(SharedChoices, forms.TypedChoiceField):
    pass


def _optional_choice(
    enum: type, label: str, *, empty: str = taxonomy.PREFER_NOT_TO_SAY
) -> forms.ChoiceField:
    """Return a choice of enum that may be left at its empty first option."""
    return FixedChoiceField(label=label, choices=[("", empty), *enum.choices], required=False)


def event_year_choices(today=None) -> list[tuple[str, str]]:
    """Return this year back to twenty years ago, newest first, after "prefer not to say"."""
    year = (today or timezone.localdate()).year
    years = range(year, year - taxonomy.EVENT_YEARS_BACK - 1, -1)
    return [("", taxonomy.PREFER_NOT_TO_SAY), *((str(y), str(y)) for y in years)]


# What the review found in a field, listed above its box when the reporter goes back to edit.
FIELD_FINDINGS = (
    '{{% include "reports/_field_findings.html" with findings={field}_findings field="{field}" %}}'
)

STORY_GUIDE = """
<aside class="guide" aria-labelledby="guide-title">
  <h2 id="guide-title">What to write</h2>
  <p><strong>Include:</strong> what you were doing, what you saw and heard, what almost
  happened, what you did, and what stopped it from going wrong.</p>
  <p><strong>Never include:</strong> names, ranks with names, badge, unit, car or case
  numbers, phone numbers, e-mail addresses, licence plates, street addresses, the name of
  your agency or town, or exact dates and times. Say "a sergeant", "a busy road", "last
  winter", "around midnight".</p>
  <p>You will see your report before it is sent, with anything that looks identifying
  marked, so you can take it out.</p>
</aside>
"""


class ReportForm(forms.Form):
    """The reporter's form: the story and its lesson, then optional coarse categories."""

    # Said in the error summary (templates/nearmiss_forms/errors.html): a refusal keeps the text.
    error_summary_note = "Nothing you typed has been lost."

    story = PlainTextField(
        label="What happened?",
        max_length=STORY_MAX,
        noun="story",
        help_text="Tell it in your own words, in the first person. Up to 20,000 characters.",
        error_messages={"required": "Please tell us what happened: the story is the report."},
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    lessons = PlainTextField(
        label="What should other officers learn from it?",
        max_length=LESSONS_MAX,
        noun="lessons learned",
        help_text="The lesson that could keep someone else safe. Up to 5,000 characters.",
        error_messages={"required": "Please share the lesson others should take from it."},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    event_type = _optional_choice(taxonomy.EventType, "Type of event")
    risk_factors = forms.MultipleChoiceField(
        label="Contributing risk factors",
        choices=taxonomy.RiskFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose up to five, or none if you prefer not to say.",
    )
    loss_potential = _optional_choice(taxonomy.LossPotential, "What could have happened?")
    prevented_by = _optional_choice(taxonomy.PreventedBy, "What prevented harm?")
    weapon = _optional_choice(taxonomy.Weapon, "Weapon involved")
    officers_on_scene = _optional_choice(taxonomy.OfficersOnScene, "Officers on scene")
    setting = _optional_choice(taxonomy.Setting, "Setting")
    lighting = _optional_choice(taxonomy.Lighting, "Lighting")
    time_of_day = _optional_choice(taxonomy.TimeOfDay, "Time of day")
    event_year = forms.TypedChoiceField(
        label="Year of the event", required=False, coerce=int, empty_value=None
    )
    assignment = _optional_choice(taxonomy.Assignment, "Your assignment")
    years_of_service = _optional_choice(taxonomy.YearsOfService, "Your years of service")
    agency_type = _optional_choice(taxonomy.AgencyType, "Type of agency")
    could_recur = _optional_choice(taxonomy.CouldRecur, "Could this happen again?")

    def __init__(self, *args, hidden: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event_year"].choices = event_year_choices()
        if hidden:
            # The review page carries the whole report in hidden fields: no session needed.
            for field in self.fields.values():
                multiple = isinstance(field, forms.MultipleChoiceField)
                field.widget = forms.MultipleHiddenInput() if multiple else forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                "Your story",
                # The guidance comes first on every screen: read before typing a name.
                Div(
                    HTML(STORY_GUIDE),
                    Div(
                        HTML(FIELD_FINDINGS.format(field="story")), "story", css_class="story-field"
                    ),
                    css_class="with-guide",
                ),
                HTML(FIELD_FINDINGS.format(field="lessons")),
                "lessons",
            ),
            Fieldset("About the event (all optional)", *taxonomy.EVENT_FIELDS),
            Fieldset("About you (all optional, in broad bands only)", *taxonomy.REPORTER_FIELDS),
        )

    def clean_risk_factors(self) -> list[str]:
        chosen = self.cleaned_data["risk_factors"]
        if len(chosen) > taxonomy.MAX_RISK_FACTORS:
            raise ValidationError(
                f"Please choose at most five risk factors; you chose {len(chosen)}. "
                "Keep the ones that mattered most."
            )
        return chosen

    def summary(self) -> list[tuple[str, str]]:
        """Return (label, shown value) for every structured answer, for the review page."""
        rows = []
        for name, field in self.fields.items():
            if name in {"story", "lessons"}:
                continue
            value = self.cleaned_data.get(name)
            labels = dict((str(k), v) for k, v in field.choices)
            if isinstance(value, list):
                shown = ", ".join(labels[v] for v in value) or taxonomy.PREFER_NOT_TO_SAY
            else:
                shown = labels.get("" if value is None else str(value), taxonomy.PREFER_NOT_TO_SAY)
            rows.append((field.label, shown))
        return rows


class StatusForm(forms.Form):
    code = forms.CharField(
        label="Your receipt code",
        max_length=64,
        help_text=(
            "The 20 digits you were given when you sent your report, e.g. 1234-5678-9012-3456-7890."
        ),
        error_messages={"required": "Please enter your receipt code."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


ANSWER_MAX = 5_000


class AnswerForm(forms.Form):
    """The reporter's answer to a moderator's question: plain text, cleaned like the story."""

    error_summary_note = "Nothing you typed has been lost."

    access = forms.CharField(widget=forms.HiddenInput)
    answer = PlainTextField(
        label="Your answer",
        max_length=ANSWER_MAX,
        noun="answer",
        help_text="Plain text, up to 5,000 characters. Leave out anything that identifies you.",
        error_messages={"required": "Please write your answer before sending it."},
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class WithdrawForm(forms.Form):
    access = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="Yes, withdraw my report. It will not be published.",
        error_messages={"required": "Tick the box to confirm that you want to withdraw it."},
    )


@lru_cache(maxsize=512)
def _options(choices: tuple[tuple[str, str], ...], current: str) -> SafeString:
    """Return <option> elements for choices with current selected (kept: menus repeat)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if str(value) == current else "", text) for value, text in choices),
    )


# The search's caps (docs/performance.md, "Cost budget"): what is beyond them is left out.
SEARCH_MAX_CHARACTERS = 200
SEARCH_MAX_WORDS = 16


class BrowseForm(forms.Form):
    """The filters and search of /reports/; a value it does not know is simply dropped."""

    q = forms.CharField(label="Search the stories", required=False)
    event_type = _optional_choice(taxonomy.EventType, "Type of event", empty="Any")
    factor = _optional_choice(taxonomy.RiskFactor, "Risk factor", empty="Any")
    loss = _optional_choice(taxonomy.LossPotential, "What could have happened", empty="Any")
    year = FixedTypedChoiceField(
        label="Year published", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any"), *((str(y), str(y)) for y in years)]

    def filters(self) -> dict:
        """Return each valid filter given; a value the site does not know is dropped."""
        found = {}
        for name, field in self.fields.items():
            try:
                value = field.clean(self.data.get(name, ""))
            except ValidationError:
                continue
            if name == "q":
                # Search text is never stored; control characters would only upset the parser.
                # A longer search is cut to its first words, never refused.
                words = CONTROL_CHARACTERS_RE.sub(" ", value[: 4 * SEARCH_MAX_CHARACTERS]).split()
                value = " ".join(words[:SEARCH_MAX_WORDS])[:SEARCH_MAX_CHARACTERS].strip()
            if value:
                found[name] = value
        return found

    def selects(self, filters: dict) -> list[dict]:
        """Return the filter menus, each with its <option> elements written and the current
        value selected.

        Written here rather than by widget templates or a template loop: one template lookup
        per option costs more than the rest of the page.
        """
        return [
            {
                "name": name,
                "label": self.fields[name].label,
                "options": _options(tuple(self.fields[name].choices), str(filters.get(name, ""))),
            }
            for name in ["event_type", "factor", "loss", "year"]
        ]

    def chips(self, filters: dict) -> list[tuple[str, str, str]]:
        """Return (name, what it says, its label) for each active filter, for removable chips."""
        chips = []
        for name, value in filters.items():
            field = self.fields[name]
            if name == "q":
                shown = f"\u201c{value}\u201d"
            else:
                shown = dict((str(k), v) for k, v in field.choices).get(str(value), str(value))
            chips.append((name, shown, field.label))
        return chips
