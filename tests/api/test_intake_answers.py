"""The API's case read gives the answers to the case type's intake questions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import IntakeQuestion, QuestionKind
from cases.services.intake import GivenAnswer
from cases.services.opening import open_case_for_business
from tests.cases.factories import CaseTypeFactory, CompanyFactory, door

pytestmark = pytest.mark.django_db


def _case_with_answers(by, department, n: int):
    case_type = CaseTypeFactory(lead_department=department)
    questions = [
        IntakeQuestion.objects.create(
            case_type=case_type,
            label_sv=f"Antal platser {i}",
            label_en=f"Seats {i}",
            kind=QuestionKind.NUMBER,
            position=i,
        )
        for i in range(n)
    ]
    return open_case_for_business(
        by=by,
        department=department,
        company=CompanyFactory(),
        new_company=None,
        contact={},
        case_type=case_type,
        door=door("email"),
        title="Uteservering",
        answers=[GivenAnswer(question=q, value=str(10 + i)) for i, q in enumerate(questions)],
    )


def test_the_case_read_includes_the_answers_without_a_query_per_answer(api, diarium, reception):
    counts = []
    api.get("/api/v1/cases/")  # the token's first use of the day is recorded once
    for n in (1, 10):
        case = _case_with_answers(diarium.service_user, reception, n)
        with CaptureQueriesContext(connection) as captured:
            body = api.get(f"/api/v1/cases/{case.pk}/").json()
        counts.append(len(captured))
        assert len(body["intake_answers"]) == n
        assert body["intake_answers"][0] == {
            "question": "Antal platser 0",
            "question_en": "Seats 0",
            "kind": "number",
            "value": "10",
            "value_en": "",
        }
    assert counts[0] == counts[1]
