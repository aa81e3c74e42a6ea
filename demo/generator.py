"""``generate()``: plan stories and write them, batch by batch, for the demo and the bench.

The one generator behind ``seed_demo`` (the demo profile, the named demo officials) and
``bench/generate.py`` (the bench profile, generated officials ``@bench.example`` and
companies with organisationsnummer ``54…``). Reference data is reused when present. Stories
are planned one opening day at a time and written ``BATCH_STORIES`` at a time, each batch in
its own transaction, so memory stays flat and a long run commits as it goes.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Role
from cases.models import Case
from stats.figures import forget_figures_complete
from stats.services.figures import rebuild_case_figures

from .plan_extras import officials_per_department, plan_company, plan_officials, plan_training
from .planner import Planner, Staff, SurveyRules, TypeInfo
from .services.bench import flush
from .services.course_results import course_info, write_training
from .services.reference import (
    demo_staff,
    ensure_companies,
    ensure_officials,
    ensure_reference_data,
)
from .services.stories import Target, write_stories
from .world import BENCH, Profile

BATCH_STORIES = 2000
__all__ = ["analyze", "flush", "generate", "generated_cases", "planner_for"]


def generated_cases(profile: Profile = BENCH) -> QuerySet[Case]:
    """The cases the generator made for ``profile`` (by their companies' numbers)."""
    return Case.objects.filter(company__org_number__startswith=profile.org_prefix)


def planner_for(
    *,
    profile: Profile,
    cases: int,
    seed: int,
    today: datetime.date,
    types: dict[str, TypeInfo],
    officials: dict[str, list[tuple[int, str]]],
) -> Planner:
    """The planner both the demo and the bench use (and the tests, to compare)."""
    staff = Staff(
        members={code: [pk for pk, _role in rows] for code, rows in officials.items() if rows},
        openers={
            code: [pk for pk, role in rows if role != Role.AVDELNINGSCHEF]
            for code, rows in officials.items()
            if any(role != Role.AVDELNINGSCHEF for _pk, role in rows)
        },
    )
    return Planner(
        random.Random(seed),  # noqa: S311 - generated data, reproducible by seed
        profile=profile,
        today=today,
        types=types,
        staff=staff,
        companies=profile.company_count(cases),
        survey=SurveyRules(
            delay=datetime.timedelta(hours=settings.SURVEY_DELAY_HOURS),
            reminder_days=tuple(settings.SURVEY_REMINDER_DAYS),
            scale_max=settings.NKI_SCALE_MAX,
        ),
        tz=timezone.get_current_timezone(),
    )


def generate(
    *,
    cases: int,
    seed: int = 1,
    today: datetime.date | None = None,
    training: bool | None = None,
    profile: Profile = BENCH,
) -> dict[str, int]:
    """Add ``cases`` generated cases over the profile's span before ``today``.

    Deterministic for a given seed, ``today`` and database state; adds to what is there (a
    second run adds as many again, with the next numbers). Returns the rows made per kind.
    """
    today = today or timezone.localdate()
    training = profile.training if training is None else training
    with transaction.atomic():
        reference = ensure_reference_data()
        if profile is BENCH:
            plans = plan_officials(list(reference.departments), officials_per_department(cases))
            officials = ensure_officials(reference.departments, plans)
        else:
            officials = demo_staff()
        companies = ensure_companies(
            [plan_company(profile, index) for index in range(profile.company_count(cases))]
        )
    types = {
        code: TypeInfo(code, t.lead_department.code, t.deadline_amount, t.deadline_unit)
        for code, t in reference.types.items()
    }
    planner = planner_for(
        profile=profile, cases=cases, seed=seed, today=today, types=types, officials=officials
    )
    target = Target(reference, companies, settings.NKI_SCALE_MAX)
    counts: Counter[str] = Counter()
    batch = []
    forget_figures_complete()  # cases without figures until the rebuild below
    for story in planner.stories(cases):
        batch.append(story)
        if len(batch) == BATCH_STORIES:
            counts.update(write_stories(batch, target))
            batch = []
    if batch:
        counts.update(write_stories(batch, target))
    # The statistics' stored figures: the services write them when a case changes, the
    # writer does not go through them, so they are computed once for all, in batches.
    counts["case_figures"] = rebuild_case_figures()["cases"]
    counts["officials"] = sum(len(rows) for rows in officials.values())
    counts["companies"] = len(companies)
    if training:
        info, done = course_info(today=today)
        people = [(pk, role) for rows in officials.values() for pk, role in rows if pk not in done]
        plan = plan_training(
            random.Random(f"{seed}-training"),  # noqa: S311 - generated data
            sorted(set(people)),
            info,
            today=today,
            tz=timezone.get_current_timezone(),
        )
        counts.update(write_training(plan, today=today))
    return dict(counts)


def analyze() -> None:
    """After a bulk load, what autovacuum does later, so that a benchmark run at once measures
    a database in use: the planner statistics, the visibility map (without it an index-only
    scan reads the table too) and the GIN indexes' pending lists merged (search reads them
    row by row until then). Outside a transaction: VACUUM cannot run inside one."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
