from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsportal.params import parse_int
from lotsportal.validators import check_date_between, years_from

from .models import PracticalActivity, QuestionProposal, QuestionType, Topic

if TYPE_CHECKING:
    from .services.bank import QuestionData


def ascii_number(value: object) -> int | None:
    """A whole number from a query parameter, or None (``lotsportal.params.parse_int``: only
    ASCII digits count; ``int()`` would take "٣" and refuse "²"; neither is an id here)."""
    return parse_int(value if isinstance(value, str) else "", minimum=0)


class TolerantNumberField(forms.Field):
    """A number from the address bar: anything that is not one is ignored (None), never an
    error page, so an edited or truncated link still shows the page with its defaults."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        return ascii_number(value)


class CoordinatorFilterForm(forms.Form):
    """The coordinator pages' choices in the address: ``?kurs=`` (edition), ``?ar=`` (year of
    the diploma register), ``?avdelning=`` (department)."""

    kurs = TolerantNumberField()
    ar = TolerantNumberField()
    avdelning = TolerantNumberField()

    @classmethod
    def read(cls, *sources: Any) -> dict[str, int | None]:
        """The values from the first source that has each (GET, then POST); never invalid."""
        merged: dict[str, Any] = {}
        for source in sources:
            for name in cls.base_fields:
                if name not in merged and source.get(name):
                    merged[name] = source.get(name)
        form = cls(merged)
        form.is_valid()
        return {name: form.cleaned_data.get(name) for name in cls.base_fields}


class AnswerForm(forms.Form):
    """The answer to one shown question: one choice, or several for multiple choice."""

    def __init__(self, *args: Any, item: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.pk, c.text) for c in item.shown_choices]
        if item.version.type == QuestionType.MULTIPLE:
            self.fields["choice"] = forms.TypedMultipleChoiceField(
                label=item.version.text,
                choices=choices,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Choose at least one answer.")},
            )
        else:
            self.fields["choice"] = forms.TypedChoiceField(
                label=item.version.text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )

    def choice_ids(self) -> list[int]:
        value = self.cleaned_data["choice"]
        return list(value) if isinstance(value, list) else [value]


# How far back a practical activity may be dated (a typo such as 0001-01-01 is refused).
ACTIVITY_YEARS_BACK = 5


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PracticalActivity
        fields = ["requirement", "date", "place_or_department", "learned"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "learned": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, course: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        requirement = self.fields["requirement"]
        assert isinstance(requirement, forms.ModelChoiceField)  # noqa: S101 (a type narrowing)
        requirement.queryset = course.requirements.all()
        requirement.label = _("What you did")
        requirement.empty_label = None

    def clean_date(self):
        """An activity of the last few years (a future one is refused by ``log_activity``)."""
        day = self.cleaned_data.get("date")
        check_date_between(day, earliest=years_from(timezone.localdate(), -ACTIVITY_YEARS_BACK))
        return day


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProposalForm(forms.ModelForm):
    class Meta:
        model = QuestionProposal
        fields = ["draft_text", "suggested_topic", "case_reference"]
        widgets = {"draft_text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "draft_text": _("The question as you met it, and the answer if you know it."),
            "case_reference": _("Optional: the case it came from, e.g. KS 2026/124."),
        }


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("The code printed on the diploma, e.g. ABCD-EFGH-JKMN."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with questions"),
        help_text=_("CSV (UTF-8) or Moodle XML. Nothing is imported if any row is wrong."),
    )


class AcceptProposalForm(forms.Form):
    """The coordinator writes the proposal out as a question (a draft for next year)."""

    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all())
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line; mark the correct ones with * first, e.g. “* 10 weeks”."),
    )
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label=_("Source"), required=False, max_length=255)

    def question_data(self) -> QuestionData:
        from .services.bank import ChoiceData, QuestionData

        choices: list[ChoiceData] = []
        for line in self.cleaned_data["choices"].splitlines():
            line = line.strip()
            if line:
                correct = line.startswith("*")
                choices.append(ChoiceData(line.lstrip("* ").strip(), correct))
        return QuestionData(
            type=self.cleaned_data["type"],
            text=self.cleaned_data["text"],
            choices=tuple(choices),
            explanation=self.cleaned_data["explanation"],
            source=self.cleaned_data["source"],
        )
