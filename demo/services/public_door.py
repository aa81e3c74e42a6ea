"""The demo business's matter from the public form, with a tracking link that stays the same
from one ``seed_demo`` to the next (printed for the demo)."""

from __future__ import annotations

from django.utils.crypto import salted_hmac

from cases.models import Case, IntakeQuestion, QuestionKind
from cases.services.intake import GivenAnswer
from public.models import CaseAccessToken
from public.services.submissions import offered_case_types, submit_matter
from public.tokens import hash_token, tracking_url

from .intake_questions import ensure_intake_questions

DEMO_CONTACT = "kim.karlsson@cafetorget.example"


def _demo_token(case: Case) -> str:
    return salted_hmac("lotsportal.public.demo", case.number, algorithm="sha256").hexdigest()[:43]


# The demo matter's answers to its case type's questions (by the Swedish question).
DEMO_ANSWERS = {
    "Antal bord": "8",
    "Från vilket datum?": "2027-05-01",
    "Serveras alkohol?": "no",
    "Serveringstider": "11–22",
    "Antal sittplatser": "32",
}


def _demo_answers(case_type) -> list[GivenAnswer]:
    given = []
    for question in IntakeQuestion.objects.filter(case_type=case_type, is_active=True):
        if question.kind == QuestionKind.CHOICE and question.choice_pairs():
            swedish, english = question.choice_pairs()[0]
            given.append(GivenAnswer(question=question, value=swedish, value_en=english))
        elif question.label_sv in DEMO_ANSWERS:
            given.append(GivenAnswer(question=question, value=DEMO_ANSWERS[question.label_sv]))
    return given


def ensure_public_matter() -> str | None:
    """The matter sent in through the public form (once), and its tracking address; the
    demo case types' intake questions first (once), answered on the matter."""
    ensure_intake_questions()
    case = (
        # By the address given: a known company's register gets no contact from the form.
        Case.objects.filter(
            door__code="public_form", intake_details__contact_email_given=DEMO_CONTACT
        )
        .order_by("pk")
        .first()
    )
    if case is None:
        offered = offered_case_types().order_by("position", "name")
        case_type = offered.filter(code="markupplatelse").first() or offered.first()
        if case_type is None:
            return None
        case = submit_matter(
            org_number="556036-0793",
            company_name="Café Torget i Exempelby AB",
            contact_name="Kim Karlsson",
            email=DEMO_CONTACT,
            phone="070-123 45 67",
            case_type=case_type,
            description=(
                "Vi vill ställa ut åtta bord med stolar på torget framför kaféet från maj till "
                "september. Behöver vi tillstånd för något mer än markupplåtelsen?"
            ),
            answers=_demo_answers(case_type),
        ).case
    token = _demo_token(case)
    CaseAccessToken.objects.get_or_create(token_hash=hash_token(token), defaults={"case": case})
    return f"{case.number}; the business follows it at {tracking_url(token)}"
