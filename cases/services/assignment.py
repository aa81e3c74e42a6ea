"""Assigning a case, or a referral of it, to a named colleague (Signalen's user assignment,
django-helpdesk's ticket owner): one service per verb, its event on the timeline, an e-mail to
the colleague through the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import events, permissions
from ..errors import CaseError, NotPermitted, TransitionNotAllowed
from ..models import Case, Referral
from ..workflow import ReferralStatus
from .cases import lock_case
from .events import record
from .notify import notify

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def assign_case(*, case: Case, assignee: User, by: User) -> Case:
    case = lock_case(case)
    if not permissions.can_assign_case(by, case):
        raise NotPermitted()
    if not permissions.may_be_assigned_case(assignee, case):
        raise CaseError(
            _("%(name)s cannot see this case, so it cannot be assigned to them.")
            % {"name": assignee.full_name}
        )
    if case.assignee_id == assignee.pk:
        raise CaseError(
            _("The case is already assigned to %(name)s.") % {"name": assignee.full_name}
        )
    if case.anonymised_at is not None:
        raise TransitionNotAllowed(_("The personal data of this case were removed."))
    previous = case.assignee
    case.assignee = assignee
    case.save(update_fields=["assignee"])
    record(events.assigned(case=case, previous=previous, assignee=assignee, actor=by))
    if assignee.pk != by.pk:
        notify(to=assignee.email, template="assigned", case=case, assigned_by=by.full_name)
    return case


@transaction.atomic
def assign_referral(*, referral: Referral, assignee: User, by: User) -> Referral:
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "case__company", "department", "assignee")
        .get(pk=referral.pk)
    )
    if not permissions.can_assign_referral(by, referral):
        raise NotPermitted()
    if not permissions.may_be_assigned_referral(assignee, referral):
        raise CaseError(
            _("%(name)s is not a member of %(department)s.")
            % {"name": assignee.full_name, "department": referral.department.name}
        )
    if referral.status not in (ReferralStatus.SENT, ReferralStatus.ACCEPTED):
        raise TransitionNotAllowed(_("Only a referral still being worked on can be assigned."))
    if referral.assignee_id == assignee.pk:
        raise CaseError(
            _("The referral is already assigned to %(name)s.") % {"name": assignee.full_name}
        )
    previous = referral.assignee
    referral.assignee = assignee
    referral.save(update_fields=["assignee"])
    record(
        events.assigned(
            case=referral.case, previous=previous, assignee=assignee, referral=referral, actor=by
        )
    )
    if assignee.pk != by.pk:
        notify(
            to=assignee.email,
            template="assigned",
            case=referral.case,
            assigned_by=by.full_name,
            department=referral.department.name,
        )
    return referral
