"""Forms of the cases pages. Each keeps what the user typed when something is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from lotsportal.validators import BoundedEmailField, check_date_between, latest_due_date

from .errors import InvalidIdentifier
from .identifiers import parse_company_identifier
from .intake_forms import asked_questions, given_answers, question_fields
from .models import CaseType, Company, Door, Priority
from .selectors import active_departments, officials
from .workflow import CASE_MOVES, FINISHED_CASE_STATUSES, CaseStatus


class DateInput(forms.DateInput):
    input_type = "date"


class OpenCaseForm(forms.Form):
    """Open a case: pick a company found by the lookup, or register a new one inline."""

    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.all(),
        required=False,
        widget=forms.HiddenInput,
    )
    new_org_number = forms.CharField(
        label=_("Organisationsnummer"),
        required=False,
        max_length=20,
        help_text=_("Or the owner's personnummer for a sole trader. E.g. 556036-0793."),
    )
    new_name = forms.CharField(label=_("Company name"), required=False, max_length=200)
    new_street_address = forms.CharField(label=_("Street address"), required=False)
    new_postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=10)
    new_city = forms.CharField(label=_("City"), required=False, max_length=100)
    new_industry = forms.CharField(label=_("Industry"), required=False, max_length=150)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_role = forms.CharField(label=_("Role"), max_length=100, required=False)
    contact_email = BoundedEmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    case_type = forms.ModelChoiceField(
        label=_("Case type"), queryset=CaseType.objects.filter(is_active=True)
    )
    door = forms.ModelChoiceField(
        label=_("Came in by"), queryset=Door.objects.filter(is_active=True)
    )
    department = forms.ModelChoiceField(label=_("Opened in"), queryset=Department.objects.none())
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Only the coordinator and the departments taking part can see it."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_superuser:
            departments = active_departments()
        else:
            departments = active_departments().filter(memberships__user=user)
        department = self.fields["department"]
        assert isinstance(department, forms.ModelChoiceField)  # noqa: S101 (a type narrowing)
        department.queryset = departments
        if departments.count() == 1:
            department.initial = departments.first()
        # The chosen case type's intake questions (the type as sent, or as kept).
        chosen = self.data.get(self.add_prefix("case_type")) or self.initial.get("case_type")
        self.questions = asked_questions(chosen)
        self.question_names = list(question_fields(self.questions))
        self.fields.update(question_fields(self.questions))

    @property
    def question_fields(self):
        return [self[name] for name in self.question_names]

    def answers(self):
        return given_answers(self.questions, self.cleaned_data)

    def clean_new_org_number(self) -> str:
        raw = self.cleaned_data.get("new_org_number", "").strip()
        if not raw:
            return ""
        try:
            return parse_company_identifier(raw).value
        except InvalidIdentifier as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("company"):
            return data
        number, name = data.get("new_org_number"), (data.get("new_name") or "").strip()
        if "new_org_number" in self.errors:
            return data
        if not number:
            self.add_error(
                "new_org_number",
                _("Choose a company from the search, or register a new one with its number."),
            )
            return data
        existing = Company.objects.filter(org_number=number).first()
        if existing is not None:
            data["company"] = existing  # already in the register: use it
        elif not name:
            self.add_error("new_name", _("Give the new company's name."))
        return data


class StatusFieldsForm(forms.Form):
    """A move to a new status with its comment and, for a decision or closing, the text to the
    business: the fields of the case page's status form and of the list's bulk move."""

    to = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only officials see the comment."),
    )
    to_business = forms.CharField(
        label=_("Text to the business"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For a decision or closing: what the business is told. Shown on its case page "
            "and e-mailed to the contact person."
        ),
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("to") in FINISHED_CASE_STATUSES and not data.get("to_business", "").strip():
            self.add_error(
                "to_business", _("Write what the business is told of the decision or closing.")
            )
        return data


class StatusForm(StatusFieldsForm):
    prefix = "status"  # one page, many forms: no two fields share an id

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the moves the table allows now; any status is accepted by the form so that a
        # move made stale by a colleague is refused by the service with its own message.
        allowed = CASE_MOVES.get(case.status, set())
        self.offered = [(s.value, s.label) for s in CaseStatus if s in allowed]
        self.fields["to"].widget.choices = self.offered


class CoordinatorForm(forms.Form):
    prefix = "coordinator"  # one page, many forms: no two fields share an id
    coordinator = forms.ModelChoiceField(label=_("New coordinator"), queryset=officials())


class AssignForm(forms.Form):
    """A case, or one referral (prefixed by its pk), to a named colleague."""

    prefix = "assign"  # one page, many forms: no two fields share an id
    assignee = forms.ModelChoiceField(label=_("Colleague"), queryset=officials())

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:  # the choices read once by the page (a referral: its members)
            field = self.fields["assignee"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (a type narrowing)
            field.choices = [("", "---------"), *((p.pk, p.full_name) for p in people)]


class RouteForm(forms.Form):
    prefix = "route"  # one page, many forms: no two fields share an id
    department = forms.ModelChoiceField(label=_("Department"), queryset=active_departments())
    request_text = forms.CharField(
        label=_("Question or request"), widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(
        label=_("Answer by"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for 5 working days."),
    )

    def clean_due_date(self):
        due_date = self.cleaned_data.get("due_date")
        check_date_between(due_date, latest=latest_due_date())  # a past date: the service says
        return due_date


class RerouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Send on to"), queryset=active_departments())


class AnswerForm(forms.Form):
    answer_text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    prefix = "note"  # one page, many forms: no two fields share an id
    body = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only officials see notes."),
    )


class MessageForm(forms.Form):
    prefix = "message"  # one page, many forms: no two fields share an id
    body = forms.CharField(
        label=_("Message to the business"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E-mailed to the contact person."),
    )
    file = forms.FileField(
        label=_("File for the business (optional)"),
        required=False,
        help_text=_("The business downloads it from the page of its case."),
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), max_length=100, required=False)
    email = BoundedEmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class UploadForm(forms.Form):
    prefix = "upload"  # one page, many forms: no two fields share an id
    file = forms.FileField(label=_("File"))


class EditCaseForm(forms.Form):
    """The case's details after opening; the company is named by its organisationsnummer."""

    prefix = "edit"  # one page, many forms: no two fields share an id
    title = forms.CharField(label=_("Title"), max_length=200)
    case_type = forms.ModelChoiceField(label=_("Case type"), queryset=CaseType.objects.none())
    lead_department = forms.ModelChoiceField(
        label=_("Lead department"), queryset=active_departments()
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Only the coordinator and the departments taking part can see it."),
    )
    org_number = forms.CharField(
        label=_("Company (organisationsnummer)"),
        max_length=20,
        help_text=_("A company in the register, e.g. 556036-0793."),
    )

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": case.title,
                "case_type": case.case_type_id,
                "lead_department": case.lead_department_id,
                "priority": case.priority,
                "confidential": case.confidential,
                "org_number": case.company.org_number,
            },
        )
        super().__init__(*args, **kwargs)
        case_type = self.fields["case_type"]
        assert isinstance(case_type, forms.ModelChoiceField)  # noqa: S101 (a type narrowing)
        # The active types, and the case's own even if it was retired since.
        case_type.queryset = CaseType.objects.filter(is_active=True) | CaseType.objects.filter(
            pk=case.case_type_id
        )

    def clean_org_number(self) -> Company:
        raw = self.cleaned_data.get("org_number", "").strip()
        try:
            number = parse_company_identifier(raw).value
        except InvalidIdentifier as error:
            raise forms.ValidationError(str(error)) from None
        company = Company.objects.filter(org_number=number).first()
        if company is None:
            raise forms.ValidationError(
                _("No company with that number is in the register. Register it first.")
            )
        return company


class CaseNumberForm(forms.Form):
    """Another case, named by its number (link or merge)."""

    number = forms.CharField(
        label=_("Case number"), max_length=40, help_text=_("E.g. LOTS 2026/12.")
    )

    def clean_number(self) -> str:
        return " ".join(self.cleaned_data["number"].split())


class LinkForm(CaseNumberForm):
    prefix = "link"


class MergeForm(CaseNumberForm):
    prefix = "merge"
    confirm = forms.BooleanField(
        label=_("Close this case and continue the work in the other one"),
        help_text=_("Nothing is deleted: this case stays readable and points to the other."),
    )
