"""Who may see and do what on business cases. Used by views, selectors and templates.

The LOTS idea: every signed-in official may read every case that is not confidential ("det
är inte mitt bord" does not exist). A confidential case is seen only by its coordinator, its
lead department and the departments it is routed to.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts import permissions as roles

from .models import Case, Referral


def is_official(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active) and (
        roles.is_official(user)
    )


def confidential_cases_taking_part(user) -> QuerySet:
    """The pks of the confidential cases ``user`` takes part in (coordinator, lead department,
    or a department the case is routed to), as one UNION subquery.

    Each branch is an index lookup (partial indexes on confidential cases, and referrals by
    department); PostgreSQL runs the subquery once and hashes it, instead of an EXISTS per row.
    """
    departments = sorted(roles.department_ids(user))
    confidential = Case.objects.filter(confidential=True).order_by()
    taking_part = confidential.filter(
        Q(coordinator=user) | Q(lead_department_id__in=departments)
    ).values("pk")
    if not departments:
        return taking_part
    routed_here = (
        Referral.objects.filter(department_id__in=departments, case__confidential=True)
        .order_by()
        .values("case_id")
    )
    return taking_part.union(routed_here)


def visible_case_condition(user) -> Q:
    """The condition a case must meet to be visible to ``user`` (an official), as a Q.

    For querysets of Case; statistics use it to hide titles of confidential cases. Every
    non-confidential case, plus the (few) confidential ones the user takes part in.
    """
    if user.is_superuser:
        return Q()
    return Q(confidential=False) | Q(pk__in=confidential_cases_taking_part(user))


def visible_cases(user, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    queryset = Case.objects.all() if queryset is None else queryset
    if not is_official(user):
        return queryset.none()
    return queryset.filter(visible_case_condition(user))


def _takes_part(user, case: Case) -> bool:
    """Coordinator, a member of the lead department, or of a department the case is routed to."""
    departments = roles.department_ids(user)
    if case.coordinator_id == user.pk or case.lead_department_id in departments:
        return True
    return Referral.objects.filter(case=case, department_id__in=departments).exists()


def can_view_case(user, case: Case) -> bool:
    if not is_official(user):
        return False
    if user.is_superuser or not case.confidential:
        return True
    return _takes_part(user, case)


def can_open_case(user) -> bool:
    return is_official(user)


def can_manage_case(user, case: Case) -> bool:
    """The case's coordinator, members of its lead department, and samordnare."""
    if not can_view_case(user, case):
        return False
    return (
        user.is_superuser
        or case.coordinator_id == user.pk
        or roles.is_member_of(user, case.lead_department_id)
        or roles.is_samordnare(user)
    )


def can_change_status(user, case: Case) -> bool:
    return can_manage_case(user, case)


def can_change_coordinator(user, case: Case) -> bool:
    return can_manage_case(user, case)


def can_set_contact(user, case: Case) -> bool:
    """Naming the case's contact person (from the company register): whoever manages it."""
    return can_manage_case(user, case)


def can_route(user, case: Case) -> bool:
    return can_view_case(user, case)


def can_add_note(user, case: Case) -> bool:
    return can_view_case(user, case)


def can_message(user, case: Case) -> bool:
    return can_view_case(user, case)


def can_upload(user, case: Case) -> bool:
    return can_view_case(user, case)


def can_act_on_referral(user, referral: Referral) -> bool:
    """Accept, answer or decline: only members of the receiving department."""
    return is_official(user) and roles.is_member_of(user, referral.department_id)


def can_withdraw_referral(user, referral: Referral) -> bool:
    """The one who routed it, or whoever manages the case."""
    if not is_official(user):
        return False
    return referral.requested_by_id == user.pk or can_manage_case(user, referral.case)


def can_reroute_referral(user, referral: Referral) -> bool:
    return can_act_on_referral(user, referral) or can_withdraw_referral(user, referral)


def can_anonymise_cases(user) -> bool:
    """Removing personal data before (or outside) the nightly rule: superusers only."""
    return bool(user and user.is_active and user.is_superuser)


def can_assign_case(user, case: Case) -> bool:
    """Naming who works on the case: whoever manages it."""
    return can_manage_case(user, case)


def may_be_assigned_case(assignee, case: Case) -> bool:
    """A colleague must be an active official who can see the case (a confidential case: one
    who takes part in it)."""
    return can_view_case(assignee, case)


def can_assign_referral(user, referral: Referral) -> bool:
    """The receiving department's members, or whoever manages the case."""
    return can_act_on_referral(user, referral) or (
        is_official(user) and can_manage_case(user, referral.case)
    )


def may_be_assigned_referral(assignee, referral: Referral) -> bool:
    """Only a member of the department the referral was sent to."""
    return is_official(assignee) and roles.is_member_of(assignee, referral.department_id)
