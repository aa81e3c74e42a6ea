"""What business development adds to the cases app, through ``cases.hooks`` (registered in
``DevelopmentConfig.ready``): the company page lists the company's visits, and a case opened
from an insight says so beside its company, with a link back to the visit."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist

from cases import hooks
from cases.models import Case, Company

from . import selectors


def company_visits(user, company: Company) -> dict:
    return {"visits": selectors.company_visits(company.pk), "company": company}


def opened_from_insight(case: Case) -> dict | None:
    try:
        insight = case.development_insight
    except ObjectDoesNotExist:
        return None
    if insight is None:
        return None
    return {"visit_id": insight.visit_id, "date": insight.visit.date}


def propose_from_case(case: Case) -> dict:
    return {"case_id": case.pk}


def register() -> None:
    hooks.register_company_page_part(
        hooks.CompanyPagePart(
            template="development/includes/company_visits.html", context=company_visits
        )
    )
    hooks.register_case_page_part(
        hooks.CasePagePart(
            slot="company",
            template="development/includes/case_from_insight.html",
            context=opened_from_insight,
            select_related=("development_insight__visit",),
        )
    )
    hooks.register_case_page_part(
        hooks.CasePagePart(
            slot="notes",
            template="development/includes/case_propose_idea.html",
            context=propose_from_case,
        )
    )
