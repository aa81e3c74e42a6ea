"""Registration numbers and deadlines."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Max, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import Combinable, CombinedExpression
from django.db.models.functions import Coalesce, Concat, Lower, Replace

from confighistory.services import save_configuration

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
    *,
    number: Combinable,
    title: Combinable,
    company: Combinable,
    case_type: Combinable,
    description: Combinable,
) -> CombinedExpression:
    """The one definition of a case's search text and its weights (stemmed, for inflections:
    "kaféer" finds "kafé")."""
    return (
        SearchVector(number, weight="A", config="swedish")
        + SearchVector(title, weight="A", config="swedish")
        + SearchVector(company, weight="B", config="swedish")
        + SearchVector(case_type, weight="B", config="swedish")
        + SearchVector(description, weight="C", config="swedish")
    )


def _search_text(
    *,
    number: Combinable,
    title: Combinable,
    company: Combinable,
    org_number: Combinable,
    case_type: Combinable,
) -> Lower:
    """The lower-cased text the trigram index covers: substrings of it are found, so compounds
    ("servering" in "Uteservering") and prefixes of words ("serveringstill") are. The org.nr
    is there with and without its hyphen. The migration that adds the column fills it the
    same way (``cases/migrations/0005_…``)."""
    space = Value(" ")
    digits = Replace(org_number, Value("-"), Value(""))
    parts = [number, title, case_type, company, org_number, digits]
    joined: list[Combinable] = []
    for part in parts:
        joined += [Coalesce(part, Value(""), output_field=TextField()), space]
    return Lower(Concat(*joined[:-1], output_field=TextField()))


def _case_type_name() -> Subquery:
    return Subquery(CaseType.objects.filter(pk=OuterRef("case_type_id")).values("name")[:1])


def _company_field(name: str) -> Subquery:
    return Subquery(Company.objects.filter(pk=OuterRef("company_id")).values(name)[:1])


def refresh_search_vector(case: Case) -> None:
    """Swedish full-text search over number, title, description, company and case type, and
    the trigram text (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    company, case_type = case.company, case.case_type
    Case.objects.filter(pk=case.pk).update(
        search_vector=_search_vector(
            number=_text(case.number),
            title=_text(case.title),
            company=_text(company.name),
            case_type=_text(case_type.name),
            description=_text(case.description),
        ),
        search_text=_search_text(
            number=_text(case.number),
            title=_text(case.title),
            company=_text(company.name),
            org_number=_text(company.org_number),
            case_type=_text(case_type.name),
        ),
    )


def refresh_search_index(queryset: QuerySet[Case]) -> int:
    """The search texts of many cases in one UPDATE (company and case type read by subqueries):
    after a bulk import, or for rows written without them (the bench generator)."""
    if connection.vendor != "postgresql":
        return 0
    company, case_type = _company_field("name"), _case_type_name()
    return queryset.update(
        search_vector=_search_vector(
            number=F("number"),
            title=F("title"),
            company=company,
            case_type=case_type,
            description=F("description"),
        ),
        search_text=_search_text(
            number=F("number"),
            title=F("title"),
            company=company,
            org_number=_company_field("org_number"),
            case_type=case_type,
        ),
    )


def refresh_search_vectors_of_company(company: Company) -> int:
    """After a company's name changed: the search text of all its cases, in one UPDATE."""
    return refresh_search_index(Case.objects.filter(company=company))


def refresh_search_vectors_of_case_type(case_type: CaseType) -> int:
    """After a case type was renamed: the search text of all its cases, in one UPDATE."""
    return refresh_search_index(Case.objects.filter(case_type=case_type))


@transaction.atomic
def save_case_type(*, case_type: CaseType, by, fields: list[str] | None = None) -> None:
    """Add or change a case type with its configuration history; a new name is at once in the
    search text of the type's cases ("bygglov" finds them)."""
    change = save_configuration(instance=case_type, by=by, fields=fields)
    if change is not None and "name" in change.changes:
        refresh_search_vectors_of_case_type(case_type)
