"""Removing what the bench generator made (a bench database only)."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import Max, QuerySet

from accounts.models import User
from cases.models import Case, Company, RegistrationCounter
from training.models import CourseResult, Diploma, PracticalActivity

from ..world import BENCH, BENCH_EMAIL_DOMAIN


def flush() -> dict[str, int]:
    """Remove what the bench generator made: its cases (with their referrals, timelines and
    survey answers), companies and the generated officials' course results and diplomas (the
    officials stay). The registration counters go back to the highest number still in use, so
    that a new run numbers its cases as the first did (a bench database only)."""
    with transaction.atomic():
        bench_users = User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        diplomas, _per_model = Diploma.objects.filter(user__in=bench_users).delete()
        PracticalActivity.objects.filter(user__in=bench_users).delete()
        CourseResult.objects.filter(user__in=bench_users).delete()
        generated = Case.objects.filter(company__org_number__startswith=BENCH.org_prefix)
        _delete_what_hangs_on(generated)
        cases, _per_model = generated.delete()
        companies, _per_model = Company.objects.filter(
            org_number__startswith=BENCH.org_prefix
        ).delete()
        for counter in RegistrationCounter.objects.select_for_update():
            used = Case.objects.filter(
                year=counter.year, number__startswith=f"{counter.prefix} {counter.year}/"
            ).aggregate(top=Max("sequence"))["top"]
            counter.last_number = used or 0
            counter.save(update_fields=["last_number"])
    return {"deleted_rows": cases + companies + diplomas}


def _delete_what_hangs_on(cases: QuerySet[Case]) -> None:
    """The cases' timelines, referrals, notes, survey rows ... first, one DELETE per table
    where nothing hangs on them in turn, so that deleting the cases does not load them all."""
    for relation in Case._meta.related_objects:
        if relation.on_delete is models.CASCADE:
            related = relation.related_model._default_manager
            related.filter(**{f"{relation.field.name}__in": cases}).delete()
