"""The business owner's door in the demo municipality (part of `seed_demo`, after cases).

- a matter sent in on the public form, with a stable tracking link printed for the demo;
- survey answers for a good share of the finished cases, so the NKI page shows figures.

Idempotent: a second run finds what the first made and adds nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import Membership, Role
from cases.models import Case
from cases.services.cases import change_status
from cases.workflow import FINISHED_CASE_STATUSES, CaseStatus

from .models import FACTOR_FIELDS, CaseAccessToken, SurveyInvitation, SurveyResponse
from .services.submissions import offered_case_types, submit_matter
from .tokens import hash_token, survey_token, tracking_url

DEMO_CONTACT = "kim.karlsson@cafetorget.example"
ANSWER_SHARE = 0.75
# Made only when the cases seeder left no finished case to ask about.
FALLBACK_MATTERS = 24

COMMENTS = [
    "Snabbt och trevligt bemötande, tack!",
    "Bra att jag bara behövde prata med en person, även när flera förvaltningar var inblandade.",
    "Det tog längre tid än utlovat och ingen hörde av sig när det drog ut på tiden.",
    "Handläggaren förklarade reglerna tydligt, även om beslutet inte blev som vi hoppats.",
    "Svårt att förstå vilka handlingar som behövdes. En checklista hade hjälpt.",
    "Mycket kunnig personal. Vi känner oss välkomna som företagare i kommunen.",
    "Smidigt att kunna följa ärendet på webben.",
]


def _demo_token(case: Case) -> str:
    return salted_hmac("lotsportal.public.demo", case.number, algorithm="sha256").hexdigest()[:43]


def _public_matter(report: Callable[[str], None]) -> None:
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
            report("Public door: no case types offered on the public form; no demo matter.")
            return
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
        ).case
    token = _demo_token(case)
    CaseAccessToken.objects.get_or_create(token_hash=hash_token(token), defaults={"case": case})
    report(f"Public door: matter {case.number}; the business follows it at {tracking_url(token)}")


def _fallback_finished_cases(report: Callable[[str], None]) -> None:
    """Without finished cases from the cases seeder, close some public-form matters."""
    if Case.objects.filter(status__in=FINISHED_CASE_STATUSES).exists():
        return
    case_types = list(offered_case_types().order_by("position", "name"))
    closer = (
        Membership.objects.filter(role=Role.SAMORDNARE, user__is_active=True)
        .select_related("user")
        .first()
    )
    if not case_types or closer is None:
        return
    rng = random.Random(2026)  # noqa: S311 - demo data
    for n in range(FALLBACK_MATTERS):
        case_type = case_types[n % min(len(case_types), 3)]
        case = submit_matter(
            org_number="556016-0680",
            company_name="Exempelby Handel AB",
            contact_name="Robin Ek",
            email=f"robin.ek+{n}@handel.example",
            case_type=case_type,
            description="Demoärende från e-tjänsten.",
        ).case
        final = CaseStatus.DECIDED if rng.random() < 0.5 else CaseStatus.CLOSED
        change_status(case=case, to=final, by=closer.user)
    report(f"Public door: {FALLBACK_MATTERS} finished demo matters for the survey.")


def _scores(rng: random.Random, mood: float, scale_max: int) -> dict[str, int]:
    def one(shift: float = 0.0) -> int:
        return max(1, min(scale_max, round(rng.gauss(mood + shift, 0.9))))

    scores = {name: one(rng.uniform(-0.4, 0.4)) for name in FACTOR_FIELDS}
    overall = one()
    scores.update(
        overall_satisfaction=overall,
        expectations_met=max(1, min(scale_max, overall + rng.choice((-1, 0, 0, 1)))),
        close_to_ideal=max(1, min(scale_max, overall + rng.choice((-1, -1, 0)))),
    )
    return scores


def _answers(report: Callable[[str], None]) -> None:
    scale_max = settings.NKI_SCALE_MAX
    now = timezone.now()
    cases = (
        Case.objects.filter(status__in=FINISHED_CASE_STATUSES, survey_response__isnull=True)
        # Someone to ask: a contact person, or the address given on the public form.
        .filter(Q(contact__isnull=False) | Q(intake_details__contact_email_given__gt=""))
        .select_related("lead_department")
        .order_by("pk")
    )
    made = 0
    for case in cases:
        rng = random.Random(case.number)  # noqa: S311 - demo data, stable per case
        if rng.random() > ANSWER_SHARE:
            continue
        # Some departments do better than others, so the bands differ on the NKI page.
        mood = 3.6 + random.Random(case.lead_department.code).uniform(0, 1.8)  # noqa: S311
        finished = case.closed_at or case.decided_at or now
        sent = min(finished + timedelta(days=1), now)
        SurveyInvitation.objects.get_or_create(
            case=case,
            defaults={"token_hash": hash_token(survey_token(case.pk)), "first_sent_at": sent},
        )
        SurveyResponse.objects.create(
            case=case,
            scale_max=scale_max,
            comment=rng.choice(COMMENTS) if rng.random() < 0.3 else "",
            answered_at=min(sent + timedelta(days=rng.randint(0, 6)), now),
            **_scores(rng, mood * scale_max / 6, scale_max),
        )
        made += 1
    total = SurveyResponse.objects.count()
    report(f"Satisfaction survey: {made} new answers, {total} in all (NKI page /foretag/nojdhet/).")


@transaction.atomic
def seed(report: Callable[[str], None]) -> None:
    _public_matter(report)
    _fallback_finished_cases(report)
    _answers(report)
