"""The knowledge bank's forms: they parse input; the services write."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from cases.models import CaseType
from lotsportal.public_forms import OneTimeKeyMixin

from .models import Article
from .services.articles import ArticleData


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "question",
            "answer",
            "question_en",
            "answer_en",
            "legal_sources",
            "audience",
            "owner_department",
            "departments",
            "case_types",
            "review_interval_months",
        ]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 8}),
            "answer_en": forms.Textarea(attrs={"rows": 5}),
            "legal_sources": forms.Textarea(attrs={"rows": 3}),
            "departments": forms.CheckboxSelectMultiple,
            "case_types": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "question": _(
                "As a business would ask it, e.g. “Do I need a permit for outdoor seating?”"
            ),
            "legal_sources": _("One source a line: title | link (the link may be left out)."),
            "audience": _("Public articles are also shown to businesses at /foretag/fragor/."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("owner_department", Department.objects.active()),
            ("departments", Department.objects.active()),
            ("case_types", CaseType.objects.filter(is_active=True)),
        ):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = queryset

    def article_data(self) -> ArticleData:
        data = self.cleaned_data
        return ArticleData(
            question=data["question"],
            answer=data["answer"],
            question_en=data.get("question_en", ""),
            answer_en=data.get("answer_en", ""),
            legal_sources=data.get("legal_sources", ""),
            audience=data["audience"],
            owner_department=data["owner_department"],
            review_interval_months=data["review_interval_months"],
            departments=list(data.get("departments") or []),
            case_types=list(data.get("case_types") or []),
        )


class VoteForm(OneTimeKeyMixin, forms.Form):
    """ "Fick du svar på din fråga?" Yes or no (the button pressed)."""

    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.HiddenInput,
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Export file (JSON)"))
    fallback_department = forms.ModelChoiceField(
        label=_("Owner department for articles whose department is not known here"),
        queryset=Department.objects.active(),
    )
