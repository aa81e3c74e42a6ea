"""Filters of the case list (and its CSV export)."""

from __future__ import annotations

import datetime
import functools
from html import escape as html_escape

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

from accounts.models import Department
from lotsportal.params import parse_int

from .choices import ChoiceLists
from .models import Case, CaseType, Door, Referral
from .selectors import officials, search_cases
from .sorting import SortFilter
from .workflow import CaseStatus

ASSIGNEE_MINE = "mine"
ASSIGNEE_NONE = "none"


def assignee_choices(lists: ChoiceLists) -> list[tuple[str, str]]:
    """The assignee drop-down's options (the colleagues from the cached lists)."""
    return [
        ("", "---------"),
        (ASSIGNEE_MINE, str(_("Assigned to me"))),
        (ASSIGNEE_NONE, str(_("Unassigned"))),
        *((str(pk), name) for pk, name in lists.assignees()),
    ]


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class FastInput:
    """An ``<input>`` written in Python, with the markup of Django's ``input.html`` and
    ``attrs.html`` (the filter bar's text, date and checkbox fields): the context is Django's
    own (``get_context``: the formatted value, a checkbox's ``checked``), only the two template
    includes per field are left out."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        parts = [
            f'<input type="{conditional_escape(widget["type"])}"',
            f' name="{conditional_escape(widget["name"])}"',
        ]
        if widget["value"] is not None:
            parts.append(f' value="{conditional_escape(str(widget["value"]))}"')
        for key, item in widget["attrs"].items():
            if item is True:
                parts.append(f" {conditional_escape(key)}")
            elif item is not False:
                parts.append(f' {conditional_escape(key)}="{conditional_escape(str(item))}"')
        parts.append(">")
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


class TextInput(FastInput, forms.TextInput):
    pass


class CheckboxInput(FastInput, forms.CheckboxInput):
    pass


class DateInput(FastInput, forms.DateInput):
    input_type = "date"


class FastSelect(forms.Select):
    """A ``<select>`` written in Python, with the same markup as Django's template. Django renders
    every ``<option>`` through a template include, and even its context (a dict of attributes
    per option) cost most of the case list's drop-downs (two hundred options); here each
    option is one escaped string."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        found = False

        def option(value, label) -> str:
            # As Django's: only the first option of a chosen value is selected (one choice).
            nonlocal found
            value = "" if value is None else str(value)
            selected = value in chosen and (self.allow_multiple_selected or not found)
            found = found or selected
            mark = " selected" if selected else ""
            # A plain str (the cached names) escaped by the standard library, as Django's
            # escape() would, without its lazy-text wrapper: two hundred options a page.
            text = html_escape(label) if type(label) is str else conditional_escape(label)
            return f'<option value="{html_escape(value)}"{mark}>{text}</option>'

        parts: list[str] = []
        for group, label in self.choices:
            if isinstance(label, list | tuple):
                html = "".join(option(*choice) for choice in label)
                if group:
                    html = f'<optgroup label="{escape(group)}">{html}</optgroup>'
                parts.append(html)
            else:
                parts.append(option(group, label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(parts)),  # noqa: S308 - each value and label escaped in option()
        )


class CachedChoices(filter_fields.ModelChoiceIterator):
    """A drop-down's choices from the cached lists (``cases.choices``): no query, no model
    instances. The field's ``choices_of`` names the list; its ``choice_lists`` are the
    request's (``CaseFilter.form`` shares one, so the five drop-downs cost one cache read).
    Validating a chosen value still reads its row (``ModelChoiceField.to_python``)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        lists = getattr(self.field, "choice_lists", None) or ChoiceLists()
        yield from getattr(lists, self.field.choices_of)()

    def __len__(self) -> int:
        return sum(1 for _choice in self)

    def __bool__(self) -> bool:
        return True


class CachedModelChoiceField(filter_fields.ModelChoiceField):
    iterator = CachedChoices

    def __init__(self, *args, choices_of: str, **kwargs):
        self.choices_of = choices_of
        super().__init__(*args, **kwargs)


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """``choices_of``: the ``ChoiceLists`` method that lists the drop-down's options."""

    field_class = CachedModelChoiceField


# The Bootstrap classes of the filter bar's widgets (the same as crispy-forms gave them; the bar
# is drawn by the tag ``filter_field``, cases/templatetags/cases_tags.py).
TEXT = {"class": "textinput form-control"}
SELECT = {"class": "fastselect form-select"}
CHECK = {"class": "checkboxinput form-check-input"}
DATE = {"class": "dateinput form-control"}


def mark_errors(form: forms.Form) -> None:
    """Point each field that has an error at its message (``aria-describedby``, the id
    the tag ``filter_field`` gives it) and mark it invalid, as crispy-forms did."""
    for name in form.errors:
        if name not in form.fields:
            continue
        widget = form.fields[name].widget
        css = widget.attrs.get("class", "")
        widget.attrs = {
            **widget.attrs,
            "class": f"{css} is-invalid".strip(),
            "aria-invalid": "true",
            "aria-describedby": f"{form[name].auto_id}_error",
        }


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=TextInput(attrs=TEXT)
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CaseStatus.choices, widget=FastSelect(attrs=SELECT)
    )
    department = ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.active(),
        method="filter_department",
        choices_of="departments",
        widget=FastSelect(attrs=SELECT),
    )
    case_type = ModelChoiceFilter(
        label=_("Case type"),
        queryset=CaseType.objects.all(),
        choices_of="case_types",
        widget=FastSelect(attrs=SELECT),
    )
    door = ModelChoiceFilter(
        label=_("Came in by"),
        queryset=Door.objects.all(),
        choices_of="doors",
        widget=FastSelect(attrs=SELECT),
    )
    coordinator = ModelChoiceFilter(
        label=_("Coordinator"),
        queryset=officials(),
        choices_of="coordinators",
        widget=FastSelect(attrs=SELECT),
    )
    assignee = django_filters.CharFilter(
        label=_("Assigned to"), method="filter_assignee", widget=FastSelect(attrs=SELECT)
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue"), method="filter_overdue", widget=CheckboxInput(attrs=CHECK)
    )
    opened_from = django_filters.DateFilter(
        label=_("Opened from"), method="filter_opened_from", widget=DateInput(attrs=DATE)
    )
    opened_to = django_filters.DateFilter(
        label=_("Opened to"), method="filter_opened_to", widget=DateInput(attrs=DATE)
    )
    # The list's order (cases/sorting.py): kept with the filters, applied by the pagination.
    sort = SortFilter(label=_("Sort by"), widget=FastSelect(attrs=SELECT))

    class Meta:
        model = Case
        fields = ["q", "status", "department", "case_type", "door", "coordinator", "overdue"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.choice_lists = ChoiceLists()
        form = super().form
        for field in form.fields.values():
            field.choice_lists = self.choice_lists
        # Read when the drop-down is drawn (not for the counts' filter or the API), once.
        form.fields["assignee"].widget.choices = functools.cache(
            functools.partial(assignee_choices, self.choice_lists)
        )

    @property
    def form(self):
        form = super().form
        if form.is_bound and not getattr(form, "errors_marked", False):
            form.errors_marked = True
            mark_errors(form)
        return form

    def filtered_without(self, queryset, name: str):
        """``queryset`` with every filter of this form but ``name`` (the status counts: how the
        cases matching the other filters divide), from the one validated form: no second
        FilterSet, whose copies of the filters and form cost as much as its SQL."""
        if not self.is_bound:
            return queryset.all()
        self.errors  # noqa: B018 - validates the form (cleaned_data)
        for field, value in self.form.cleaned_data.items():
            if field != name:
                queryset = self.filters[field].filter(queryset, value)
        return queryset

    def filter_assignee(self, queryset, name, value):
        """ "mine", "none" (unassigned) or a colleague's id; anything else is ignored."""
        if value == ASSIGNEE_MINE and self.user is not None:
            return queryset.filter(assignee=self.user)
        if value == ASSIGNEE_NONE:
            return queryset.filter(assignee__isnull=True)
        pk = parse_int(value)
        return queryset if pk is None else queryset.filter(assignee_id=pk)

    def filter_search(self, queryset, name, value):
        return search_cases(queryset, value)

    def filter_department(self, queryset, name, value):
        """Cases the department leads, took in, or has been asked about (the referrals as one
        subquery PostgreSQL hashes once, not an EXISTS per row)."""
        routed = Referral.objects.filter(department=value).order_by().values("case_id")
        return queryset.filter(Q(lead_department=value) | Q(opened_in=value) | Q(pk__in=routed))

    # Bounds on created_at itself (a range the list's index serves), not on its date.
    def filter_opened_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=_start_of(value))

    def filter_opened_to(self, queryset, name, value):
        return queryset.filter(created_at__lt=_start_of(value + datetime.timedelta(days=1)))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(timezone.localdate())
