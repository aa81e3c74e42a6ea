"""Who may see and do what on business cases. Used by views, selectors and templates.

The LOTS idea: every signed-in official may read every case that is not confidential ("det
är inte mitt bord" does not exist). A confidential case is seen only by its coordinator, its
lead department and the departments it is routed to.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts import permissions as roles

from .models import Case, CaseAccess, Referral, SavedFilter


def is_official(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active) and (
        roles.is_official(user)
    )


def confidential_cases_taking_part(user) -> QuerySet:
    """The pks of the confidential cases ``user`` takes part in (coordinator, lead department,
    or a department the case is routed to), as one UNION subquery.

    Each branch reads only what it returns: the partial index on confidential cases by
    coordinator, and ``CaseAccess`` by department (the confidential cases led by or routed to
    the user's departments, kept by ``services.access``), so its cost follows the user's
    confidential cases, not all of the department's referrals. PostgreSQL runs it once and
    hashes it. (``can_view_case`` decides for one case from the case and its referrals.)
    """
    departments = sorted(roles.department_ids(user))
    coordinating = Case.objects.filter(confidential=True, coordinator=user).order_by().values("pk")
    if not departments:
        return coordinating
    open_here = (
        CaseAccess.objects.filter(department_id__in=departments).order_by().values("case_id")
    )
    return coordinating.union(open_here)


def visible_case_condition(user, *, case: str = "pk") -> Q:
    """The condition a case must meet to be visible to ``user`` (an official), as a Q.

    For querysets of Case; statistics use it to hide titles of confidential cases. Every
    non-confidential case, plus the (few) confidential ones the user takes part in. ``case``
    names the case's id on the row: "pk" for Case, or for a row that carries its case's
    ``confidential`` flag itself (the statistics' stored figures per case and per referral).
    """
    if user.is_superuser:
        return Q()
    return Q(confidential=False) | Q(**{f"{case}__in": confidential_cases_taking_part(user)})


def visible_cases(
    user, queryset: QuerySet[Case] | None = None, *, case: str = "pk"
) -> QuerySet[Case]:
    queryset = Case.objects.all() if queryset is None else queryset
    if not is_official(user):
        return queryset.none()
    return queryset.filter(visible_case_condition(user, case=case))


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


def managed_cases(user, queryset: QuerySet[Case]) -> QuerySet[Case]:
    """The cases of ``queryset`` (visible ones) ``user`` manages: ``can_manage_case`` as a
    filter, for acting on every case of a list's filter at once."""
    if not is_official(user):
        return queryset.none()
    if user.is_superuser or roles.is_samordnare(user):
        return queryset
    departments = sorted(roles.department_ids(user))
    return queryset.filter(Q(coordinator=user) | Q(lead_department_id__in=departments))


def cases_open_to_bulk_action(user, action: str, queryset: QuerySet[Case]) -> QuerySet[Case]:
    """The visible cases of ``queryset`` on which ``user`` may take the bulk ``action``
    (``cases.bulk_forms``): routing wants only sight of the case (``can_route``), assigning
    and moving the status its management (``can_assign_case``, ``can_change_status``)."""
    if action in ("route", "export"):
        return queryset
    return managed_cases(user, queryset)


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


def can_export_for_archive(user) -> bool:
    """Writing closed cases out for the e-archive (the registrar's task): superusers only."""
    return bool(user and user.is_active and user.is_superuser)


def can_anonymise_cases(user) -> bool:
    """Removing personal data before (or outside) the nightly rule: superusers only."""
    return bool(user and user.is_active and user.is_superuser)


def can_run_clock(user, case: Case) -> bool:
    """Asking for completion, recording documents, extending the statutory period."""
    return can_manage_case(user, case)


def can_edit_case(user, case: Case) -> bool:
    """Title, type, lead department, priority, confidentiality, company: the coordinator, the
    members of the lead department and administrators. Not once anonymised or merged."""
    if not can_view_case(user, case) or case.anonymised_at is not None:
        return False
    if case.merged_into_id is not None:
        return False
    return (
        user.is_superuser
        or case.coordinator_id == user.pk
        or roles.is_member_of(user, case.lead_department_id)
    )


def can_edit_intake_answers(user, case: Case) -> bool:
    """Correcting the answers to the intake questions: whoever may edit the case (not once
    anonymised or merged). A decided or closed case is refused by the service, saying why."""
    return can_edit_case(user, case)


def can_link_case(user, case: Case) -> bool:
    """Link to another case of the same matter: whoever may see the case."""
    return can_view_case(user, case)


def can_merge_case(user, case: Case) -> bool:
    """Merge ``case`` into another (it is closed): whoever manages it (coordinator, lead
    department, samordnare, administrator)."""
    return can_manage_case(user, case) and case.merged_into_id is None


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


def can_save_filter(user) -> bool:
    """Saving the case list's filter under a name: every official (who sees the list)."""
    return is_official(user)


def can_change_saved_filter(user, saved: SavedFilter) -> bool:
    """Renaming, sharing or deleting a saved filter: only its owner."""
    return is_official(user) and saved.owner_id == user.pk


def can_use_saved_filter(user, saved: SavedFilter) -> bool:
    """Opening a saved filter: its owner, and the members of the department it is shared with."""
    if not is_official(user):
        return False
    return saved.owner_id == user.pk or (
        saved.shared_with_id is not None and roles.is_member_of(user, saved.shared_with_id)
    )


def may_share_filter_with(user, department_id: int) -> bool:
    """A filter is shared only with a department its owner belongs to."""
    return is_official(user) and roles.is_member_of(user, department_id)


def usable_saved_filters_condition(user) -> Q:
    """The saved filters ``user`` may open, as a Q: own, or shared with their departments."""
    return Q(owner=user) | Q(shared_with_id__in=sorted(roles.department_ids(user)))
