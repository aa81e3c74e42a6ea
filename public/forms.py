"""Forms of the public pages. Everything typed is kept when a form comes back with an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset
from django import forms
from django.conf import settings
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.errors import AttachmentRejected, InvalidIdentifier
from cases.identifiers import parse_company_identifier
from cases.intake_forms import asked_questions, given_answers, question_fields
from lotsportal.public_forms import ONCE_FIELD, GuardedPublicFormMixin, OneTimeKeyMixin
from lotsportal.validators import BoundedEmailField

from .models import OVERALL_FIELDS, PreferredContact
from .services.attachments import MAX_FILES, check_upload
from .services.submissions import offered_case_types

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once, each checked by content like the files uploaded inside."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(count)s files.") % {"count": MAX_FILES})
        errors = []
        for uploaded in files:
            super().clean(uploaded, initial)
            try:
                check_upload(uploaded)
            except AttachmentRejected as error:
                errors.append(f"{uploaded.name}: {error.message}")
        if errors:
            raise forms.ValidationError(errors)
        return files


class CaseTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if not obj.public_description:
            return obj.name
        return format_html(
            '<strong>{}</strong><span class="d-block small">{}</span>',
            obj.name,
            obj.public_description,
        )


def attachments_help():
    return _(
        "Optional. Up to %(count)s files of at most %(size)s each: PDF, PNG, JPEG, Word, "
        "Excel, OpenDocument or plain text."
    ) % {"count": MAX_FILES, "size": filesizeformat(settings.CASE_ATTACHMENT_MAX_BYTES)}


class IntakeForm(GuardedPublicFormMixin, OneTimeKeyMixin, forms.Form):
    org_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=20,
        help_text=_(
            "Ten digits, written as NNNNNN-NNNN, e.g. 556036-0793. A sole trader gives their "
            "personnummer (YYMMDD-NNNN)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = BoundedEmailField(
        label=_("E-mail"),
        help_text=_("We send the receipt and your tracking link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    case_type = CaseTypeChoiceField(
        label=_("What is your matter about?"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Describe your matter"),
        max_length=5000,
        help_text=_("What do you want to do, where, and when? Up to 5,000 characters."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        choices=PreferredContact.choices,
        initial=PreferredContact.EMAIL,
        widget=forms.RadioSelect,
    )
    attachments = AttachmentsField(label=_("Attachments"))
    consent = forms.BooleanField(
        label=_("I have read how my personal data is handled."),
        error_messages={
            "required": _("Confirm that you have read how your personal data is handled.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case_type = self.fields["case_type"]
        assert isinstance(case_type, forms.ModelChoiceField)  # noqa: S101 (a type narrowing)
        case_type.queryset = offered_case_types()
        self.fields["attachments"].help_text = attachments_help()
        # The chosen case type's questions (the type as sent, or chosen in the address).
        chosen = self.data.get(self.add_prefix("case_type")) or self.initial.get("case_type")
        chosen_pk = _pk_or_none(chosen)
        try:
            if chosen_pk is None or not case_type.queryset.filter(pk=chosen_pk).exists():
                chosen_pk = None
            self.questions = asked_questions(chosen_pk)
        except DatabaseError:
            # The database is down: the view answers 503 with what was typed kept, so the
            # form must still be built (the questions come back with the database).
            self.questions = []
        self.question_names = list(question_fields(self.questions))
        self.fields.update(question_fields(self.questions))
        # In the layout: right after the case type, the button that shows the chosen type's
        # questions without JavaScript, then the questions in their own group.
        layout = self.helper.layout
        at = layout.fields.index("case_type") + 1
        # With JavaScript only this region is replaced (the rest of the form is left as typed).
        extra: list = [HTML('{% include "public/includes/show_questions.html" %}')]
        if self.question_names:
            extra.append(Fieldset(_("Questions about your matter"), *self.question_names))
        layout.fields[at:at] = [Div(*extra, css_id="intake-questions")]

    @property
    def question_fields(self):
        return [self[name] for name in self.question_names]

    def answers(self):
        return given_answers(self.questions, self.cleaned_data)

    def clean_org_number(self):
        try:
            return parse_company_identifier(self.cleaned_data["org_number"]).value
        except InvalidIdentifier as error:
            explanation = _(
                "Write the ten digits as NNNNNN-NNNN, e.g. 556036-0793; you find the number on "
                "the registration certificate or at verksamt.se."
            )
            raise forms.ValidationError(f"{error.message} {explanation}") from None

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if self.data.get(self.add_prefix("preferred_contact")) == PreferredContact.PHONE:
            if not phone:
                raise forms.ValidationError(_("Give a phone number if you want us to call you."))
        return phone


def _pk_or_none(value) -> int | None:
    value = getattr(value, "pk", value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ReplyForm(OneTimeKeyMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = AttachmentsField(label=_("Attachments"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_help()
        self.helper = _helper()


class ResendLinkForm(GuardedPublicFormMixin, forms.Form):
    email = BoundedEmailField(
        label=_("The e-mail address you gave when you submitted your matter"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


DONT_KNOW = "vet-ej"
GRADE_ANCHORS = (_("to a very low degree"), _("to a very high degree"))
SATISFACTION_ANCHORS = (_("very dissatisfied"), _("very satisfied"))


def _score(value: str) -> int | None:
    return None if value == DONT_KNOW else int(value)


class SurveyForm(OneTimeKeyMixin, forms.Form):
    """SKR Insikt's questions: six service factors (each may be answered "don't know") and the
    three NKI questions, each on 1..scale_max with its two anchors."""

    comment = forms.CharField(
        label=_("Anything else you want to tell us? (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    # (field, question, anchors of the lowest and highest value)
    QUESTIONS = (
        ("information", _("Did you get the information you needed in your matter?"), GRADE_ANCHORS),
        ("tillganglighet", _("Was it easy to get in touch with the right person?"), GRADE_ANCHORS),
        ("bemotande", _("Were you treated well by the municipality's staff?"), GRADE_ANCHORS),
        (
            "kompetens",
            _("Did the staff you met have the knowledge your matter needed?"),
            GRADE_ANCHORS,
        ),
        (
            "rattssakerhet",
            _("Was your matter handled in a legally secure way: impartially, by the rules?"),
            GRADE_ANCHORS,
        ),
        (
            "effektivitet",
            _("Was your matter handled efficiently, without needless steps or waiting?"),
            GRADE_ANCHORS,
        ),
        (
            "overall_satisfaction",
            _("Overall, how satisfied are you with the municipality's service in your matter?"),
            SATISFACTION_ANCHORS,
        ),
        (
            "expectations_met",
            _("How well did the municipality's service in your matter meet your expectations?"),
            GRADE_ANCHORS,
        ),
        (
            "close_to_ideal",
            _(
                "Imagine a perfect service in this area. How close to that ideal does the "
                "municipality's service in your matter come?"
            ),
            GRADE_ANCHORS,
        ),
    )

    def __init__(self, *args, scale_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale_max = scale_max
        values: list[tuple[int | str, StrOrPromise]] = [
            (value, str(value)) for value in range(1, scale_max + 1)
        ]
        questions = {}
        for name, label, anchors in self.QUESTIONS:
            choices = values if name in OVERALL_FIELDS else [*values, (DONT_KNOW, _("Don't know"))]
            field = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=_score,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"required": _("Choose a value for this question.")},
            )
            field.anchors = anchors  # type: ignore[attr-defined]
            questions[name] = field
        self.fields = {
            **questions,
            "comment": self.fields["comment"],
            ONCE_FIELD: self.fields[ONCE_FIELD],
        }
        self.helper = _helper()

    @property
    def factor_fields(self):
        return [self[name] for name, _label, _a in self.QUESTIONS if name not in OVERALL_FIELDS]

    @property
    def overall_fields(self):
        return [self[name] for name in OVERALL_FIELDS]

    def scores(self) -> dict[str, int | None]:
        return {name: self.cleaned_data[name] for name, _label, _a in self.QUESTIONS}


class OutsideQuestionForm(forms.Form):
    """An official's question to an outside party (on the case's outside-questions page)."""

    prefix = "outside"
    party = forms.CharField(
        label=_("Outside party"),
        max_length=150,
        help_text=_("For example Polisen, Länsstyrelsen or Skatteverket."),
    )
    email = BoundedEmailField(label=_("Their e-mail address"))
    question = forms.CharField(
        label=_("Your question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "They see this text, the case number, the kind of matter and the company's name; "
            "nothing else of the case."
        ),
    )


class OutsideAnswerForm(OneTimeKeyMixin, forms.Form):
    """The outside party's answer, on the page its private link opens."""

    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    file = forms.FileField(label=_("Attachment (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "One file of at most %(size)s: PDF, PNG, JPEG, Word, Excel, OpenDocument or plain text."
        ) % {"size": filesizeformat(settings.CASE_ATTACHMENT_MAX_BYTES)}
        self.helper = _helper()

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            try:
                check_upload(uploaded)
            except AttachmentRejected as error:
                raise forms.ValidationError(error.message) from None
        return uploaded
