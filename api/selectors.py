"""Every read the API answers, through the portal's own selectors and permission functions."""

from __future__ import annotations

from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404

from cases import selectors as case_selectors
from cases.filters import CaseFilter
from cases.models import Attachment, Case, CaseEvent, Company, Referral
from cases.permissions import is_official, visible_cases
from training.models import CourseResult, Diploma
from training.permissions import coordinated

from .models import ApiToken, DeliveryStatus, WebhookDelivery, WebhookSubscription


def case_list(user, params) -> CaseFilter:
    """The case list's own filter set (search included) over the cases ``user`` may see."""
    return CaseFilter(params, queryset=case_selectors.case_rows(user))


def visible_case(user, pk: int) -> Case:
    """The case with its intake answers (one query more, whatever their number)."""
    case = case_selectors.get_visible_case(user, pk)
    prefetch_related_objects([case], "intake_answers")
    return case


def events(user, *, case_id: int | None = None, after: int = 0) -> QuerySet[CaseEvent]:
    """The timeline of the visible cases, oldest first from just after event ``after``."""
    queryset = CaseEvent.objects.filter(case__in=visible_cases(user), pk__gt=after)
    if case_id is not None:
        queryset = queryset.filter(case_id=case_id)
    return queryset.select_related("case", "actor__integration").order_by("pk")


def referrals(user, *, case_id: int | None = None) -> QuerySet[Referral]:
    queryset = Referral.objects.filter(case__in=visible_cases(user)).select_related(
        "case", "department"
    )
    if case_id is not None:
        queryset = queryset.filter(case_id=case_id)
    return queryset


def visible_referral(user, pk: int) -> Referral:
    return case_selectors.get_visible_referral(user, pk)


def company_by_number(user, org_number: str) -> tuple[Company, list[Case]]:
    if not is_official(user):
        raise Http404
    company = Company.objects.filter(org_number=org_number).first()
    if company is None:
        raise Http404
    cases = list(case_selectors.case_rows(user).filter(company=company).order_by("-pk"))
    return company, cases


def attachments(user, *, case_id: int) -> QuerySet[Attachment]:
    return Attachment.objects.filter(case__in=visible_cases(user), case_id=case_id).order_by("pk")


def visible_attachment(user, pk: int) -> Attachment:
    """The same rule as the portal's download: the attachment of a case the user may see."""
    attachment = Attachment.objects.filter(pk=pk, case__in=visible_cases(user)).first()
    if attachment is None:
        raise Http404
    return attachment


def course_results(user) -> QuerySet[CourseResult]:
    return coordinated(user, CourseResult.objects.select_related("user", "course"))


def diplomas(user) -> QuerySet[Diploma]:
    return coordinated(user, Diploma.objects.select_related("user", "course"))


# --- Admin ----------------------------------------------------------------------------------
def tokens() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("integration", "created_by")


def subscriptions() -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.select_related("integration")


def failed_deliveries() -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(status=DeliveryStatus.GAVE_UP)
