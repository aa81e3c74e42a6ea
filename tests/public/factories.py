"""Factories for the business owner's door.

Cases themselves are opened through the public intake service in most tests; the NKI tests
only need finished cases with answers, which ``finished_case`` builds directly.
"""

from __future__ import annotations

import factory
from django.utils import timezone

from cases.models import Case, CaseType, Company, DeadlineUnit, Door
from cases.services.access import sync_case_access
from cases.workflow import CaseStatus
from public.models import SurveyResponse
from tests.factories import DepartmentFactory


class PublicCaseTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseType
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Ärendetyp {n}")
    code = factory.Sequence(lambda n: f"publik-typ-{n}")
    public_description = "Beskrivning i klarspråk."
    lead_department = factory.SubFactory(DepartmentFactory)
    deadline_amount = 10
    deadline_unit = DeadlineUnit.WORKING_DAYS


class FinishedCaseFactory(factory.django.DjangoModelFactory):
    """A closed case, made directly (test data for the NKI figures)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True  # the hook below writes other rows, not the case

    sequence = factory.Sequence(lambda n: 90000 + n)
    year = 2026
    number = factory.LazyAttribute(lambda c: f"TEST {c.year}/{c.sequence}")
    title = "Uteservering"
    company = factory.LazyFunction(
        lambda: Company.objects.get_or_create(
            org_number="556036-0793", defaults={"name": "Testbolaget AB"}
        )[0]
    )
    case_type = factory.SubFactory(PublicCaseTypeFactory)
    door = factory.LazyFunction(
        lambda: Door.objects.get_or_create(code="public_form", defaults={"name": "Webb"})[0]
    )
    opened_in = factory.SelfAttribute("case_type.lead_department")
    lead_department = factory.SelfAttribute("case_type.lead_department")
    status = CaseStatus.CLOSED
    due_date = factory.LazyFunction(timezone.localdate)
    created_at = factory.LazyFunction(timezone.now)
    closed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def access(obj, create, extracted, **kwargs):
        """Made directly, not by a service: write who may see it if confidential."""
        if create:
            sync_case_access(obj.pk)


def answer(case=None, *, overall=(5, 5, 5), factors=(5, 5, 5, 5, 5, 5), scale_max=6, **fields):
    """A survey answer for ``case`` (a new finished case if not given)."""
    case = case or FinishedCaseFactory()
    information, tillganglighet, bemotande, kompetens, rattssakerhet, effektivitet = factors
    return SurveyResponse.objects.create(
        case=case,
        scale_max=scale_max,
        information=information,
        tillganglighet=tillganglighet,
        bemotande=bemotande,
        kompetens=kompetens,
        rattssakerhet=rattssakerhet,
        effektivitet=effektivitet,
        overall_satisfaction=overall[0],
        expectations_met=overall[1],
        close_to_ideal=overall[2],
        answered_at=fields.pop("answered_at", timezone.now()),
        **fields,
    )
