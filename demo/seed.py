"""What ``seed_demo`` does, in order: the demo municipality's people, its cases (the generator
at demo size), the business owner's door and the LOTS course. Idempotent: a second run
refreshes the people and finds the rest.

The steps are one tuple here rather than a setting: ``demo`` sits on top of every app and may
import them all, so no app needs to register a seeder, and the order is read in one place.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from cases.models import Case

from . import course, leadership
from . import knowledge as knowledge_bank
from .generator import generate
from .plan_extras import plan_company
from .services.development import seed_development
from .services.public_door import ensure_public_matter
from .services.reference import ensure_demo_people, ensure_reference_data
from .world import DEMO, DEMO_CASES, DEMO_PASSWORD, DEPARTMENTS, PEOPLE, demo_email

Report = Callable[[str], None]
SEED = 2026


def seed_people(report: Report) -> None:
    with transaction.atomic():
        ensure_demo_people(ensure_reference_data().departments)
    report(f"Demo municipality: {len(DEPARTMENTS)} departments, {len(PEOPLE)} officials.")
    report(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    report(f"  administrator:      {demo_email('admin')}")
    report(f"  LOTS coordinator:   {demo_email('johan.ek')}")
    report(f"  reception (lots):   {demo_email('anna.reception')}")
    report(f"  food inspector:     {demo_email('ali.karimi')}")
    report(f"  department lead:    {demo_email('sara.lind')}")


def demo_cases():
    numbers = [plan_company(DEMO, i).org_number for i in range(DEMO.company_count(DEMO_CASES))]
    return Case.objects.filter(company__org_number__in=numbers)


def seed_cases(report: Report) -> None:
    if demo_cases().exists():
        report("Demo cases already exist; none added.")
        return
    counts = generate(cases=DEMO_CASES, seed=SEED, profile=DEMO)
    overdue = demo_cases().overdue(timezone.localdate()).count()
    report(
        f"Demo cases: {counts['cases']} cases for {counts['companies']} companies "
        f"({overdue} overdue, {counts['referrals']} referrals, "
        f"{counts['survey_responses']} survey answers)."
    )


def seed_public_door(report: Report) -> None:
    with transaction.atomic():
        matter = ensure_public_matter()
    if matter is None:
        report("Public door: no case types offered on the public form; no demo matter.")
    else:
        report(f"Public door: matter {matter}")


STEPS: tuple[Callable[[Report], None], ...] = (
    seed_people,
    seed_cases,
    seed_public_door,
    course.seed,
    knowledge_bank.seed,
    seed_development,
    leadership.seed,
)


def seed(report: Report) -> None:
    for step in STEPS:
        step(report)
