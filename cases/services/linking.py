"""Cases concerning the same matter: linking two, or merging one into the one kept.

A link shows each case on the other's page and timeline. A merge points the merged case to the
kept one and closes it; nothing is deleted: its referrals, messages and files stay readable on
it, with a banner naming the case kept (and the business's tracking page points there).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import events, permissions
from ..errors import CaseError, NotPermitted
from ..models import Case, CaseLink
from ..workflow import FINISHED_CASE_STATUSES, CaseStatus
from .cases import _move
from .events import record
from .referrals import withdraw_for_merge


def _lock_pair(case: Case, other: Case) -> tuple[Case, Case]:
    """Both rows locked, lower pk first (two officials linking the same pair both ways wait
    for each other instead of deadlocking)."""
    if case.pk == other.pk:
        raise CaseError(_("A case cannot be linked with or merged into itself."))
    locked = {
        c.pk: c
        for c in Case.objects.select_for_update(of=("self",))
        .select_related("company")
        .filter(pk__in=[case.pk, other.pk])
        .order_by("pk")
    }
    return locked[case.pk], locked[other.pk]


def are_linked(case: Case, other: Case) -> bool:
    first, second = sorted([case.pk, other.pk])
    return CaseLink.objects.filter(first_id=first, second_id=second).exists()


@transaction.atomic
def link_cases(*, case: Case, other: Case, by) -> CaseLink:
    """Link ``case`` and ``other``: both pages list the other, both timelines say so."""
    case, other = _lock_pair(case, other)
    if not (permissions.can_link_case(by, case) and permissions.can_view_case(by, other)):
        raise NotPermitted()
    if are_linked(case, other):
        raise CaseError(_("The cases are already linked."))
    first, second = sorted([case, other], key=lambda c: c.pk)
    link = CaseLink.objects.create(
        first=first, second=second, created_by=by, created_at=timezone.now()
    )
    record(events.case_linked(case=case, other=other, actor=by))
    record(events.case_linked(case=other, other=case, actor=by))
    return link


def _check_merge(by, case: Case, into: Case) -> None:
    if not permissions.can_merge_case(by, case):
        raise NotPermitted()
    if not permissions.can_view_case(by, into):
        # The same answer as for a number that does not exist: nothing leaks.
        raise CaseError(_("There is no case with that number."))
    if case.anonymised_at is not None or into.anonymised_at is not None:
        raise CaseError(_("A case whose personal data were removed cannot be merged."))
    if into.merged_into_id is not None:
        raise CaseError(_("That case was itself merged into another: merge into that one."))
    if into.status in FINISHED_CASE_STATUSES:
        raise CaseError(_("A case cannot be merged into a decided or closed case."))
    if case.confidential and not into.confidential:
        raise CaseError(_("A confidential case can only be merged into another confidential case."))


@transaction.atomic
def merge_case(*, case: Case, into: Case, by) -> Case:
    """Merge ``case`` into ``into`` (the one kept): ``case`` points to it and is closed.

    Both timelines get a ``case_merged`` event (public: the business's tracking page of the
    merged case points to the kept case). The merged case's referrals, messages, notes and files
    stay where they are, readable on it; nothing is deleted. Its open referrals are withdrawn
    (each department told), in this transaction.
    """
    case, into = _lock_pair(case, into)
    _check_merge(by, case, into)
    case.merged_into = into
    case.save(update_fields=["merged_into"])
    if case.status != CaseStatus.CLOSED:
        _move(
            case,
            to=CaseStatus.CLOSED,
            actor=by,
            comment=str(_("Merged with %(number)s.") % {"number": into.number}),
        )
    record(events.case_merged(case=case, other=into, kept=False, actor=by))
    record(events.case_merged(case=into, other=case, kept=True, actor=by))
    # Its open referrals would otherwise stay in the departments' queues for ever.
    withdraw_for_merge(case=case, into=into, by=by)
    return case
