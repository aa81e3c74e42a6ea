"""E-mail of the business owner's door, queued in the outbox inside the caller's transaction.

What goes to the business is built here from a short list of public facts only (case number,
kind of matter, department, dates, links): never internal notes, referral texts or reasons.
"""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Department
from cases import hooks
from cases.models import Case
from cases.services.notify import department_recipients
from lotsportal.site import site_url
from notifications.services import queue_email


def public_facts(case: Case, **extra) -> dict:
    return {
        "case_number": case.number,
        "case_type": case.case_type.name,
        "company_name": case.company.name,
        "department": case.lead_department.name,
        "due_date": case.due_date.isoformat() if case.due_date else "",
        **extra,
    }


def _staff_context(case: Case, **extra) -> dict:
    return public_facts(
        case, case_url=site_url() + reverse("cases:detail", args=[case.pk]), **extra
    )


def send_receipt(*, case: Case, to: str, contact_name: str, tracking_url: str) -> None:
    queue_email(
        to=to,
        template="public/email/receipt",
        context=public_facts(case, contact_name=contact_name, tracking_url=tracking_url),
        related=case,
        reply_to=hooks.reply_address(case),
    )


def notify_department_of_new_matter(*, case: Case, department: Department) -> None:
    for address in department_recipients(department):
        queue_email(
            to=address,
            template="public/email/new_matter",
            context=_staff_context(case),
            related=case,
        )


def notify_reply(*, case: Case, body: str, attachment_count: int, resumed: bool = False) -> None:
    """To the coordinator, or the lead department's inbox while no coordinator is named.

    ``resumed``: the reply took the case out of waiting (the e-mail gives the new due date).
    """
    if case.coordinator is not None and case.coordinator.is_active:
        recipients = [case.coordinator.email]
    else:
        recipients = department_recipients(case.lead_department)
    for address in recipients:
        queue_email(
            to=address,
            template="public/email/reply_received",
            context=_staff_context(
                case, body=body, attachment_count=attachment_count, resumed=resumed
            ),
            related=case,
        )


def send_tracking_links(*, to: str, links: list[dict]) -> None:
    queue_email(to=to, template="public/email/tracking_links", context={"links": links})


def send_survey(*, case: Case, to: str, survey_url: str, reminder: int = 0) -> bool:
    """The invitation (reminder 0) or reminder 1–3; each goes out once (dedupe key)."""
    message = queue_email(
        to=to,
        template="public/email/survey",
        context=public_facts(case, survey_url=survey_url, reminder=reminder),
        related=case,
        dedupe_key=f"public:survey:{case.pk}:{reminder}",
    )
    return message is not None


def send_outside_question(
    *, to: str, party: str, question: str, case: Case, url: str, official_name: str, expires
) -> None:
    """The question to an outside party, with its private link (the only place the raw
    token is written). Only what the official chose to ask, and the case's public facts."""
    queue_email(
        to=to,
        template="public/email/outside_question",
        context=public_facts(
            case,
            party=party,
            question=question,
            answer_url=url,
            official_name=official_name,
            expires=expires.date().isoformat(),
        ),
        related=case,
    )


def notify_outside_answer(*, to: str, party: str, case: Case) -> None:
    """The official who asked hears that the outside party answered (the answer stays in the
    portal: the e-mail links to the case)."""
    if not to:
        return
    queue_email(
        to=to,
        template="public/email/outside_answer",
        context=_staff_context(case, party=party),
        related=case,
    )
