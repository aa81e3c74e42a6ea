"""E-mail about cases, queued in the outbox inside the caller's transaction."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Department, Membership, Role
from lotsportal.site import site_url
from notifications.services import queue_email

from .. import hooks
from ..models import Case


def case_url(case: Case) -> str:
    return site_url() + reverse("cases:detail", args=[case.pk])


def case_context(case: Case, **extra) -> dict:
    return {
        "case_number": case.number,
        "case_title": case.title,
        "company_name": case.company.name,
        "case_url": case_url(case),
        "due_date": case.due_date.isoformat() if case.due_date else "",
        **extra,
    }


def department_recipients(department: Department) -> list[str]:
    """The department's shared inbox, or its leads when it has none."""
    if department.inbox_email:
        return [department.inbox_email]
    return lead_emails(department)


def lead_emails(department: Department) -> list[str]:
    return list(
        Membership.objects.filter(
            department=department, role=Role.AVDELNINGSCHEF, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def notify(
    *,
    to: str,
    template: str,
    case: Case,
    dedupe_key: str | None = None,
    replies_by_mail: bool = False,
    **extra,
):
    """``replies_by_mail``: the e-mail goes to the business, so its answer may come back by
    e-mail to the case's own reply address (``cases.hooks.reply_address``)."""
    if not to:
        return None
    return queue_email(
        to=to,
        template=f"cases/email/{template}",
        context=case_context(case, **extra),
        related=case,
        dedupe_key=dedupe_key,
        reply_to=hooks.reply_address(case) if replies_by_mail else "",
    )
