"""The company register's search and a company's page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from ..models import Case, Company
from ..pagination import KeysetPage, keyset_page
from ..workflow import OPEN_REFERRAL_STATUSES, CaseStatus
from .lists import case_rows, case_table_rows, status_counts

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def companies(text: str = "") -> QuerySet[Company]:
    queryset = Company.objects.order_by("name", "pk")
    text = (text or "").strip()
    if text:
        digits = text.replace("-", "").replace(" ", "")
        condition = Q(name__icontains=text) | Q(org_number__icontains=text)
        if digits.isdigit() and len(digits) >= 4:
            condition |= Q(org_number__startswith=digits[:6])
        queryset = queryset.filter(condition)
    return queryset


COMPANY_PAGE_SIZE = 25


@dataclass
class CompanyPage:
    company: Company
    cases: list[Case]
    counts: list[tuple[StrOrPromise, int]]
    page: KeysetPage | None = None


def company_page(user, pk: int, params=None) -> CompanyPage:
    """The company, its contacts, how its visible cases divide over the statuses, and one page
    of those cases (newest first; ``params`` as for ``keyset_page``)."""
    company = Company.objects.prefetch_related("contacts").filter(pk=pk).first()
    if company is None:
        raise Http404
    counts = status_counts(case_rows(user).filter(company=company))
    cases = (
        case_table_rows(user)
        .filter(company=company)
        .annotate(
            open_referrals=Count(
                "referrals", filter=Q(referrals__status__in=OPEN_REFERRAL_STATUSES)
            )
        )
        .order_by("-created_at", "-pk")
    )
    total = sum(counts.values())
    page = keyset_page(cases, params or {}, size=COMPANY_PAGE_SIZE, count=total, cap=total)
    return CompanyPage(
        company=company,
        cases=page.object_list,
        counts=[(status.label, n) for status in CaseStatus if (n := counts.get(status.value))],
        page=page,
    )
