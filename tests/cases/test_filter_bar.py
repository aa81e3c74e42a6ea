"""The case list's filter bar, drawn in Python by the tag ``filter_field`` and the ``FastInput``
widgets, is the markup the templates drew.

``filter_field_reference.html`` is ``templates/cases/includes/filter_field.html`` as it was
before the bar moved to Python (session 10), with ``filter_errors.html`` written in where it
was included. Every field of the bar, unbound, with good values and with refused ones, in both
languages, must give the same bytes; and each text, date and checkbox widget the same bytes as
Django's own template widget.
"""

from pathlib import Path

import pytest
from django import forms
from django.template import engines
from django.utils import translation

from accounts.models import Role
from cases.filters import CaseFilter, FastInput
from cases.models import Case
from cases.templatetags.cases_tags import filter_field
from tests.factories import DepartmentFactory, official

pytestmark = pytest.mark.django_db

REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "filter_field_reference.html").read_text()
)

GOOD = {
    "q": 'kafé "ute" <b>&',
    "status": "open",
    "assignee": "mine",
    "overdue": "on",
    "opened_from": "2026-01-02",
    "opened_to": "2026-12-01",
    "sort": "due",
}
REFUSED = {
    "status": "gone",
    "department": "999999",
    "case_type": "x",
    "opened_from": "2026-13-45",
    "opened_to": "<script>",
    "overdue": "maybe",
}


@pytest.fixture
def user():
    return official(DepartmentFactory(name="Miljö & hälsa"), Role.LOTS)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("data", [None, GOOD, REFUSED], ids=["unbound", "good", "refused"])
def test_every_field_of_the_bar_is_the_templates_markup(user, language, data):
    with translation.override(language):
        form = CaseFilter(data, queryset=Case.objects.all(), user=user).form
        form.is_valid()
        for name in form.fields:
            field = form[name]
            check = name == "overdue"
            expected = REFERENCE.render({"field": field, "check": check})

            assert filter_field(field, check=check) == expected, name
    if data is REFUSED:
        assert {"status", "department", "opened_from"} <= set(form.errors)  # errors were drawn


@pytest.mark.parametrize("data", [None, GOOD, REFUSED], ids=["unbound", "good", "refused"])
def test_each_input_is_djangos_template_widget(user, data):
    form = CaseFilter(data, queryset=Case.objects.all(), user=user).form
    form.is_valid()
    drawn = 0
    for name, form_field in form.fields.items():
        widget = form_field.widget
        if not isinstance(widget, FastInput):
            continue
        bound = form[name]
        value = bound.value()
        attrs = bound.build_widget_attrs({"id": bound.auto_id})
        template_widget = super(FastInput, widget)  # Django's render, through its template
        assert isinstance(widget, forms.Widget)

        assert widget.render(name, value, attrs) == template_widget.render(name, value, attrs)
        drawn += 1
    assert drawn == 4  # q, overdue, opened_from, opened_to
