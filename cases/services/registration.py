"""Registration numbers and deadlines."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, Max, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import Combinable, CombinedExpression

from ..models import Case, CaseSettings, CaseType, Company, DeadlineUnit, RegistrationCounter
from ..workdays import add_working_days


def allocate_number(*, year: int) -> tuple[str, int, int]:
    """The next number for ``year``: call inside the transaction that creates the case.

    The counter row is locked, so parallel openings wait for each other and a number is never
    given twice; a rolled-back opening leaves no gap-filling reuse (the counter is in the same
    transaction, so its increment rolls back with it).
    """
    prefix = CaseSettings.load().registration_prefix.strip() or "LOTS"
    RegistrationCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = RegistrationCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{prefix} {year}/{counter.last_number}", year, counter.last_number


def reserve_numbers(*, year: int, count: int) -> tuple[str, int]:
    """Reserve ``count`` consecutive numbers of ``year`` for a bulk load (the generator):
    returns the prefix and the first running number. Call inside the loading transaction;
    the counter is locked as in ``allocate_number`` and moves past any number already used,
    so a case opened later through the services gets the next one."""
    prefix = CaseSettings.load().registration_prefix.strip() or "LOTS"
    RegistrationCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = RegistrationCounter.objects.select_for_update().get(prefix=prefix, year=year)
    used = Case.objects.filter(year=year, number__startswith=f"{prefix} {year}/").aggregate(
        top=Max("sequence")
    )["top"]
    first = max(counter.last_number, used or 0) + 1
    counter.last_number = first + count - 1
    counter.save(update_fields=["last_number"])
    return prefix, first


def due_date_for(case_type: CaseType, start: date) -> date:
    if case_type.deadline_unit == DeadlineUnit.WORKING_DAYS:
        return add_working_days(start, case_type.deadline_amount)
    return start + timedelta(days=case_type.deadline_amount)


def _text(value: str) -> Value:
    return Value(value or "", output_field=TextField())


def _search_vector(
    *, number: Combinable, title: Combinable, company: Combinable, description: Combinable
) -> CombinedExpression:
    """The one definition of a case's search text and its weights."""
    return (
        SearchVector(number, weight="A", config="swedish")
        + SearchVector(title, weight="A", config="swedish")
        + SearchVector(company, weight="B", config="swedish")
        + SearchVector(description, weight="C", config="swedish")
    )


def refresh_search_vector(case: Case) -> None:
    """Swedish full-text search over number, title, description and company (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    Case.objects.filter(pk=case.pk).update(
        search_vector=_search_vector(
            number=_text(case.number),
            title=_text(case.title),
            company=_text(case.company.name),
            description=_text(case.description),
        )
    )


def refresh_search_vectors(cases: QuerySet[Case]) -> int:
    """The search text of many cases in one UPDATE (after a bulk load), each with its
    company's name, exactly as ``refresh_search_vector`` writes it for one."""
    if connection.vendor != "postgresql":
        return 0
    company = Subquery(Company.objects.filter(pk=OuterRef("company_id")).values("name")[:1])
    return cases.update(
        search_vector=_search_vector(
            number=F("number"), title=F("title"), company=company, description=F("description")
        )
    )


def refresh_search_vectors_of_company(company: Company) -> int:
    """After a company's name changed: the search text of all its cases, in one UPDATE."""
    if connection.vendor != "postgresql":
        return 0
    return Case.objects.filter(company=company).update(
        search_vector=_search_vector(
            number=F("number"),
            title=F("title"),
            company=_text(company.name),
            description=F("description"),
        )
    )
