"""The case tables' rows, drawn in Python by ``case_rows``, are the markup the template drew.

``case_rows_reference.html`` is the row loop of ``templates/cases/includes/case_table.html``
as it was before the rows moved to Python (session 9). Both render the same cases, in both
languages, and must give the same bytes: a change to one without the other fails here.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.template import engines
from django.utils import timezone, translation

from accounts.models import Department, User
from cases.models import Case, CaseType, Company
from cases.templatetags.cases_tags import case_rows
from cases.workdays import add_working_days

REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "case_rows_reference.html").read_text().removesuffix("\n")
)


def a_case(pk, **fields):
    today = timezone.localdate()
    case = Case(
        pk=pk,
        number=f"LOTS 2026/{pk}",
        title=fields.pop("title", f"Uteservering {pk}"),
        status=fields.pop("status", "open"),
        priority=fields.pop("priority", "normal"),
        confidential=fields.pop("confidential", False),
        due_date=fields.pop("due_date", add_working_days(today, 3)),
        merged_into_id=fields.pop("merged_into_id", None),
    )
    case.company = Company(pk=pk + 1000, name=fields.pop("company", f"Företag {pk} AB"))
    case.case_type = CaseType(pk=1, name=fields.pop("case_type", "Bygglov"))
    case.lead_department = Department(pk=2, name=fields.pop("department", "Samhällsbyggnad"))
    case.coordinator = fields.pop("coordinator", User(pk=3, full_name="Anna Lots"))
    case.assignee = fields.pop("assignee", None)
    assert not fields, fields
    return case


def cases():
    today = timezone.localdate()
    return [
        a_case(1),
        a_case(2, confidential=True, priority="high", status="new", due_date=today),
        a_case(3, priority="low", status="waiting", due_date=today - timedelta(days=9)),
        a_case(4, status="open", due_date=today - timedelta(days=9), coordinator=None),
        a_case(5, status="closed", merged_into_id=1, assignee=User(pk=4, full_name="Bo <b>")),
        a_case(
            6,
            title="<script>alert(\"x\")</script> & 'kafé'",
            company="A & B <AB>",
            case_type='Livsmedel "kök"',
            department="Miljö & hälsa",
            status="decided",
            coordinator=User(pk=5, full_name=""),
        ),
        a_case(7, status="open", due_date=add_working_days(today, 1)),
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("selectable", "checked"), [(False, False), (True, False), (True, True)])
def test_the_rows_are_the_templates_rows(language, selectable, checked):
    rows = cases()
    context = {"cases": rows, "selectable": selectable, "checked": checked}
    with translation.override(language):
        expected = REFERENCE.render(context)
        drawn = case_rows(rows, selectable, checked)

    assert "<tr>" in drawn
    assert drawn == expected


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("selectable", [False, True])
@pytest.mark.parametrize("empty_text", ["", "Inget att göra & inget <mer>"])
def test_an_empty_table_says_so_as_the_template_did(language, selectable, empty_text):
    context = {"cases": [], "selectable": selectable, "empty_text": empty_text}
    with translation.override(language):
        expected = REFERENCE.render(context)
        drawn = case_rows([], selectable, False, empty_text)

    assert drawn == expected
