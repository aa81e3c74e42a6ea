"""The departments a confidential case is open to: its lead department and every department
it is routed to (``CaseAccess``).

One function, called by ``cases.services.events.record`` after every change of a case (every
change leaves an event, CONVENTIONS rule 2), inside the change's transaction: opening,
routing, rerouting, and any later edit of the case's confidentiality or referrals all keep the
relation right without each service remembering to. A generator writing cases in bulk writes
the rows itself (``demo.services.stories``); the migration that added the table filled it.
"""

from __future__ import annotations

from ..models import Case, CaseAccess, Referral


def departments_open_to(case_id: int) -> set[int]:
    """The lead department of a confidential case and the departments it is routed to (any
    referral, in any status, as ``permissions.can_view_case``); none for a case that is not
    confidential. One query."""
    lead = Case.objects.filter(pk=case_id, confidential=True).values_list("lead_department_id")
    routed = Referral.objects.filter(case_id=case_id, case__confidential=True).values_list(
        "department_id"
    )
    return {department for (department,) in lead.order_by().union(routed.order_by())}


def sync_case_access(case_id: int) -> None:
    """Make the case's ``CaseAccess`` rows what the case is now (at most three queries)."""
    wanted = departments_open_to(case_id)
    CaseAccess.objects.filter(case_id=case_id).exclude(department_id__in=wanted).delete()
    if wanted:
        CaseAccess.objects.bulk_create(
            [CaseAccess(case_id=case_id, department_id=d) for d in sorted(wanted)],
            ignore_conflicts=True,
        )
